import type { Instant, Result } from '@aquastream/domain';

/** A webhook the gateway sent, after its signature and freshness were verified. */
export type GatewayEvent = {
  /** The provider's event id: the same delivery repeated carries the same id. */
  readonly id: string;
  readonly type: 'payment.succeeded' | 'payment.failed' | 'refund.succeeded';
  /** The payment's reference (payment events) or the refund's reference (`refund.succeeded`). */
  readonly reference: string;
  readonly amount: number;
  readonly currency: string;
};

export type WebhookRejection = 'INVALID_SIGNATURE' | 'STALE' | 'MALFORMED';
export type GatewayPaymentStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED';

// The gateway is split by capability: each use case depends on the one it calls, and a provider without, say,
// a status query can still be plugged in where that capability is not needed.

/** Which gateway this is (`sandbox`): stored with each payment, so webhooks are matched per gateway. */
export interface NamedGateway {
  readonly name: string;
}

export interface PaymentInitiator extends NamedGateway {
  /** Opens a payment at the provider; throws when the provider cannot be reached. */
  initiate(input: {
    readonly paymentId: string;
    readonly amount: number;
    readonly currency: string;
    readonly returnUrl: string | null;
  }): Promise<{ readonly gatewayReference: string; readonly paymentUrl: string }>;
}

export interface WebhookVerifier extends NamedGateway {
  /** Checks the signature over the raw body (never a re-serialised one) and its age; parses the event. */
  verifyWebhook(
    rawBody: string,
    headers: Readonly<Record<string, string | undefined>>,
    now: Instant,
  ): Result<GatewayEvent, WebhookRejection>;
}

export interface PaymentRefunder extends NamedGateway {
  /**
   * Sends money back for a payment. `idempotencyKey` (our refund id) makes a retried call return the first
   * refund instead of paying twice. Throws when the provider cannot be reached or refuses.
   */
  refund(input: {
    readonly gatewayReference: string;
    readonly amount: number;
    readonly idempotencyKey: string;
  }): Promise<{ readonly refundReference: string }>;
}

export interface PaymentStatusQuery extends NamedGateway {
  /** What the provider knows of a payment now (asked before expiring a booking whose payment is open). */
  queryStatus(gatewayReference: string): Promise<GatewayPaymentStatus>;
}

/** Everything a full provider adapter offers. */
export interface PaymentGateway extends PaymentInitiator, WebhookVerifier, PaymentRefunder, PaymentStatusQuery {}
