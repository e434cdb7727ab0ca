import type { GatewayEvent, GatewayPaymentStatus, PaymentGateway, WebhookRejection } from '@aquastream/application';
import { err, ok, type Instant, type Result } from '@aquastream/domain';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

export const SANDBOX_SIGNATURE_HEADER = 'X-Sandbox-Signature';
const EVENT_TYPES: readonly GatewayEvent['type'][] = ['payment.succeeded', 'payment.failed', 'refund.succeeded'];

export type SandboxGatewayOptions = {
  /** `PAYMENT_SANDBOX_SECRET`: the HMAC key webhooks are signed with. */
  readonly secret: string;
  /** Where the app is reachable from a browser; the checkout page lives at `/sandbox/checkout/{reference}`. */
  readonly publicBaseUrl: string;
  /** How old (or how far ahead) a signature's timestamp may be; DESIGN §4 says 5 minutes. */
  readonly toleranceSeconds?: number;
};

/** What the sandbox knows of one payment, for the checkout page. */
export type SandboxPayment = {
  readonly reference: string;
  readonly paymentId: string;
  readonly amount: number;
  readonly currency: string;
  readonly status: GatewayPaymentStatus;
  readonly refunded: number;
  readonly returnUrl: string | null;
};

/** A webhook as the provider would post it: the raw body and its headers. */
export type SignedWebhook = { readonly rawBody: string; readonly headers: Readonly<Record<string, string>> };

/**
 * A payment provider emulated in process (DESIGN §4 "Payment webhooks"). References are `sbx_<payment id>`; the
 * checkout page served by the app calls `checkout`, which records the buyer's choice — so `queryStatus` answers as a
 * real provider would even if the webhook is lost — and returns the signed webhook to post. Its state is an
 * in-memory map: it forgets everything on restart, after which `queryStatus` answers PENDING for payments it no
 * longer knows (the expiry job then expires their bookings; a webhook arriving later still settles them).
 */
export class SandboxPaymentGateway implements PaymentGateway {
  readonly name = 'sandbox';
  private readonly payments = new Map<string, SandboxPayment>();
  /** Refunds by idempotency key, so a retried refund returns the first one instead of paying twice. */
  private readonly refunds = new Map<string, { readonly reference: string; readonly paymentReference: string; readonly amount: number }>();
  private readonly toleranceSeconds: number;

  constructor(private readonly options: SandboxGatewayOptions) {
    if (options.secret === '') throw new Error('the sandbox gateway needs a non-empty secret');
    this.toleranceSeconds = options.toleranceSeconds ?? 300;
  }

  initiate(input: { paymentId: string; amount: number; currency: string; returnUrl: string | null }) {
    const reference = `sbx_${input.paymentId}`;
    if (!this.payments.has(reference)) {
      this.payments.set(reference, {
        reference,
        paymentId: input.paymentId,
        amount: input.amount,
        currency: input.currency,
        status: 'PENDING',
        refunded: 0,
        returnUrl: input.returnUrl,
      });
    }
    const paymentUrl = `${this.options.publicBaseUrl.replace(/\/+$/, '')}/sandbox/checkout/${encodeURIComponent(reference)}`;
    return Promise.resolve({ gatewayReference: reference, paymentUrl });
  }

  verifyWebhook(rawBody: string, headers: Readonly<Record<string, string | undefined>>, now: Instant): Result<GatewayEvent, WebhookRejection> {
    const header = Object.entries(headers).find(([name]) => name.toLowerCase() === SANDBOX_SIGNATURE_HEADER.toLowerCase())?.[1];
    const parsed = header === undefined ? null : parseSignature(header);
    if (parsed === null) return err('INVALID_SIGNATURE');
    const expected = Buffer.from(this.hmac(parsed.t, rawBody), 'hex');
    const matches = parsed.v1.some((hex) => {
      const given = Buffer.from(hex, 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
    if (!matches) return err('INVALID_SIGNATURE');
    if (Math.abs(Math.floor(now / 1000) - parsed.t) > this.toleranceSeconds) return err('STALE');
    const event = parseEvent(rawBody);
    return event === null ? err('MALFORMED') : ok(event);
  }

  refund(input: { gatewayReference: string; amount: number; idempotencyKey: string }) {
    const previous = this.refunds.get(input.idempotencyKey);
    if (previous !== undefined) {
      if (previous.paymentReference !== input.gatewayReference || previous.amount !== input.amount) {
        return Promise.reject(new Error(`refund key ${input.idempotencyKey} was used for another refund`));
      }
      return Promise.resolve({ refundReference: previous.reference });
    }
    const payment = this.payments.get(input.gatewayReference);
    if (payment === undefined) {
      // The sandbox keeps its payments in memory, so another process (the CLI, a restarted API) does not know one it did
      // not open. The application has already checked the payment was completed and the amount refundable (the ledger is
      // the database), so an `sbx_` reference this process never saw is refunded as a provider would.
      if (!input.gatewayReference.startsWith('sbx_') || !Number.isSafeInteger(input.amount) || input.amount < 1) {
        return Promise.reject(new Error(`sandbox knows no payment ${input.gatewayReference}`));
      }
      const reference = `sbx_rf_${randomUUID()}`;
      this.refunds.set(input.idempotencyKey, { reference, paymentReference: input.gatewayReference, amount: input.amount });
      return Promise.resolve({ refundReference: reference });
    }
    if (payment.status !== 'SUCCEEDED') return Promise.reject(new Error(`sandbox payment ${payment.reference} was not paid`));
    if (!Number.isSafeInteger(input.amount) || input.amount < 1 || payment.refunded + input.amount > payment.amount) {
      return Promise.reject(new Error(`cannot refund ${input.amount} of sandbox payment ${payment.reference}`));
    }
    const reference = `sbx_rf_${randomUUID()}`;
    this.payments.set(payment.reference, { ...payment, refunded: payment.refunded + input.amount });
    this.refunds.set(input.idempotencyKey, { reference, paymentReference: payment.reference, amount: input.amount });
    return Promise.resolve({ refundReference: reference });
  }

  queryStatus(gatewayReference: string): Promise<GatewayPaymentStatus> {
    return Promise.resolve(this.payments.get(gatewayReference)?.status ?? 'PENDING');
  }

  /** What the checkout page shows; `null` for a reference the sandbox does not know (or forgot). */
  payment(reference: string): SandboxPayment | null {
    return this.payments.get(reference) ?? null;
  }

  /**
   * The buyer pressed "pay" or "decline" on the checkout page. The first choice sticks (a real provider does not
   * let a paid payment fail); the webhook returned reports the payment's final state either way.
   */
  checkout(reference: string, choice: 'succeeded' | 'failed', now: Instant): SignedWebhook | null {
    const payment = this.payments.get(reference);
    if (payment === undefined) return null;
    const settled = payment.status === 'PENDING' ? { ...payment, status: choice === 'succeeded' ? 'SUCCEEDED' : 'FAILED' } as const : payment;
    this.payments.set(reference, settled);
    const type = settled.status === 'SUCCEEDED' ? 'payment.succeeded' : 'payment.failed';
    return this.webhook({ id: `evt_${randomUUID()}`, type, reference, amount: payment.amount, currency: payment.currency }, now);
  }

  /** A signed webhook for any event, as the provider would post it (tests, the checkout page). */
  webhook(event: GatewayEvent, now: Instant): SignedWebhook {
    const rawBody = JSON.stringify({
      id: event.id,
      type: event.type,
      data: { reference: event.reference, amount: event.amount, currency: event.currency },
    });
    return { rawBody, headers: { [SANDBOX_SIGNATURE_HEADER]: this.sign(rawBody, now) } };
  }

  /** The `X-Sandbox-Signature` value for `body` at `now`: `t=<unix s>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. */
  sign(body: string, now: Instant): string {
    const t = Math.floor(now / 1000);
    return `t=${t},v1=${this.hmac(t, body)}`;
  }

  private hmac(t: number, body: string): string {
    return createHmac('sha256', this.options.secret).update(`${t}.${body}`, 'utf8').digest('hex');
  }
}

/** `t=<digits>,v1=<64 hex>[,v1=…]`; anything else is not a signature. */
function parseSignature(header: string): { t: number; v1: string[] } | null {
  let t: number | null = null;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const [key, value = ''] = part.trim().split('=', 2);
    if (key === 't' && /^\d{1,12}$/.test(value)) t = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) v1.push(value);
  }
  return t === null || v1.length === 0 ? null : { t, v1 };
}

function parseEvent(rawBody: string): GatewayEvent | null {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return null;
  }
  if (typeof body !== 'object' || body === null) return null;
  const { id, type, data } = body as Record<string, unknown>;
  if (typeof id !== 'string' || id === '' || id.length > 255) return null;
  const known = EVENT_TYPES.find((t) => t === type);
  if (known === undefined || typeof data !== 'object' || data === null) return null;
  const { reference, amount, currency } = data as Record<string, unknown>;
  if (typeof reference !== 'string' || reference === '' || reference.length > 255) return null;
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0) return null;
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) return null;
  return { id, type: known, reference, amount, currency };
}
