import type { GatewayEvent, GatewayPaymentStatus, PaymentGateway, WebhookRejection } from '@aquastream/application';
import { err, ok, type Instant, type Result } from '@aquastream/domain';
import Stripe from 'stripe';
import { PaymentGatewayError } from './payment-gateway.error.js';
import { readStripeEvent, type StripeNotification } from './stripe-webhook-events.js';

export const STRIPE_SIGNATURE_HEADER = 'Stripe-Signature';

export type StripeGatewayOptions = {
  /** `STRIPE_SECRET_KEY` (`sk_…` or a restricted `rk_…`). */
  readonly secretKey: string;
  /** `STRIPE_WEBHOOK_SECRET` (`whsec_…`): the signing secret of the webhook endpoint. */
  readonly webhookSecret: string;
  /** Where buyers come back to when a payment carries no `returnUrl`. */
  readonly publicBaseUrl: string;
  /** `STRIPE_API_BASE`: another API host (`http://127.0.0.1:12111`), for tests' stand-in; Stripe's own when absent. */
  readonly apiBase?: string | null;
  /** How old (or how far ahead) a webhook signature may be: 5 minutes, as DESIGN §4 says for every gateway. */
  readonly toleranceSeconds?: number;
  /** Checkout sessions expire after this; 30 minutes is Stripe's minimum and the prod booking window. */
  readonly checkoutExpiresAfterSeconds?: number;
  /** The SDK's own retries of a failed request (with idempotency keys); 2 by default. */
  readonly maxNetworkRetries?: number;
  /** Per request; the SDK's default (80 s) is longer than anyone waits for a checkout link. */
  readonly timeoutMs?: number;
  /** For `expires_at`; the system clock by default. */
  readonly now?: () => Instant;
};

/** The payment gateway port's input, plus the booking id when the caller has it (kept in the session's metadata). */
type InitiateInput = {
  readonly paymentId: string;
  readonly amount: number;
  readonly currency: string;
  readonly returnUrl: string | null;
  readonly bookingId?: string;
};

/**
 * Stripe through its official SDK (docs/payments.md "Stripe"): a payment is a Checkout Session (its id is the
 * gateway reference, its `url` the payment URL); webhooks are verified with `constructEvent`; refunds go to the
 * session's PaymentIntent with our refund id as idempotency key; the status is read from the session. SDK errors are
 * translated into PaymentGatewayError.
 */
export class StripePaymentGateway implements PaymentGateway {
  readonly name = 'stripe';
  private readonly stripe: Stripe;
  private readonly toleranceSeconds: number;
  private readonly expiresAfterSeconds: number;
  private readonly now: () => Instant;

  constructor(private readonly options: StripeGatewayOptions) {
    if (options.secretKey === '' || options.webhookSecret === '') throw new Error('the Stripe gateway needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET');
    this.toleranceSeconds = options.toleranceSeconds ?? 300;
    this.expiresAfterSeconds = options.checkoutExpiresAfterSeconds ?? 1_800;
    this.now = options.now ?? Date.now;
    this.stripe = new Stripe(options.secretKey, {
      maxNetworkRetries: options.maxNetworkRetries ?? 2,
      timeout: options.timeoutMs ?? 20_000,
      telemetry: false,
      appInfo: { name: 'aquastream-events' },
      ...apiHost(options.apiBase ?? null),
    });
  }

  async initiate(input: InitiateInput): Promise<{ readonly gatewayReference: string; readonly paymentUrl: string }> {
    const metadata = { paymentId: input.paymentId, ...(input.bookingId === undefined ? {} : { bookingId: input.bookingId }) };
    const back = (checkout: 'success' | 'cancel') => withQuery(input.returnUrl ?? `${this.options.publicBaseUrl.replace(/\/+$/, '')}/`, { checkout, payment: input.paymentId });
    const session = await this.call('create a checkout session', () =>
      this.stripe.checkout.sessions.create(
        {
          mode: 'payment',
          line_items: [{ quantity: 1, price_data: { currency: input.currency.toLowerCase(), unit_amount: input.amount, product_data: { name: 'Aquastream Events booking' } } }],
          client_reference_id: input.paymentId,
          metadata,
          payment_intent_data: { metadata },
          success_url: back('success'),
          cancel_url: back('cancel'),
          expires_at: Math.floor(this.now() / 1000) + this.expiresAfterSeconds,
        },
        // A repeated initiate for one payment (a retry after a lost answer) gets the same session, not a second one.
        { idempotencyKey: `checkout-session:${input.paymentId}` },
      ),
    );
    if (session.url === null) throw new PaymentGatewayError(`Stripe checkout session ${session.id} has no URL`, this.name, false);
    return { gatewayReference: session.id, paymentUrl: session.url };
  }

  verifyWebhook(rawBody: string, headers: Readonly<Record<string, string | undefined>>, now: Instant): Result<GatewayEvent, WebhookRejection> {
    const read = this.readWebhook(rawBody, headers, now);
    if (!read.ok) return read;
    // Through the port, an event the application has no use for is "not a payment event"; the webhook route asks
    // readWebhook instead and acknowledges those with 200, so that Stripe stops re-sending them.
    return read.value.kind === 'event' ? ok(read.value.event) : err('MALFORMED');
  }

  /** Signature (over the raw body), freshness both ways, then the event: one for the application, or one to drop. */
  readWebhook(rawBody: string, headers: Readonly<Record<string, string | undefined>>, now: Instant): Result<StripeNotification, WebhookRejection> {
    const signature = Object.entries(headers).find(([name]) => name.toLowerCase() === 'stripe-signature')?.[1];
    if (signature === undefined || signature === '') return err('INVALID_SIGNATURE');
    let parsed: unknown;
    try {
      parsed = this.stripe.webhooks.constructEvent(rawBody, signature, this.options.webhookSecret, this.toleranceSeconds, undefined, now);
    } catch (error: unknown) {
      if (error instanceof Stripe.errors.StripeSignatureVerificationError) return err(this.signedButStale(rawBody, signature) ? 'STALE' : 'INVALID_SIGNATURE');
      // Past the signature, constructEvent refuses only the payload itself (not JSON, or a v2 "thin" event).
      return err('MALFORMED');
    }
    // The SDK refuses old signatures only; one dated further ahead than the tolerance is as suspicious.
    const t = signedAt(signature);
    if (t === null || t * 1000 - now > this.toleranceSeconds * 1000) return err('STALE');
    const notification = readStripeEvent(parsed);
    return notification === null ? err('MALFORMED') : ok(notification);
  }

  async refund(input: { gatewayReference: string; amount: number; idempotencyKey: string }): Promise<{ readonly refundReference: string }> {
    const session = await this.call('read the checkout session', () => this.stripe.checkout.sessions.retrieve(input.gatewayReference));
    const paymentIntent = typeof session.payment_intent === 'string' ? session.payment_intent : (session.payment_intent?.id ?? null);
    if (session.payment_status !== 'paid' || paymentIntent === null) {
      throw new PaymentGatewayError(`Stripe checkout session ${session.id} was not paid: nothing to refund`, this.name, false);
    }
    // Stripe forgets idempotency keys after 24 hours; the key in the refund's metadata makes a later retry find the
    // refund it already made instead of paying twice.
    const earlier = await this.call('list refunds', () => this.stripe.refunds.list({ payment_intent: paymentIntent, limit: 100 }));
    const same = earlier.data.find((r) => r.metadata?.['aquastreamRefundKey'] === input.idempotencyKey);
    if (same !== undefined) {
      if (same.amount !== input.amount) throw new PaymentGatewayError(`refund key ${input.idempotencyKey} was used for another amount`, this.name, false);
      return { refundReference: same.id };
    }
    const refund = await this.call('create a refund', () =>
      this.stripe.refunds.create(
        { payment_intent: paymentIntent, amount: input.amount, metadata: { aquastreamRefundKey: input.idempotencyKey } },
        { idempotencyKey: `refund:${input.idempotencyKey}` },
      ),
    );
    if (refund.status === 'failed' || refund.status === 'canceled') {
      throw new PaymentGatewayError(`Stripe refund ${refund.id} is ${refund.status}`, this.name, false);
    }
    return { refundReference: refund.id };
  }

  async queryStatus(gatewayReference: string): Promise<GatewayPaymentStatus> {
    let session: Stripe.Checkout.Session;
    try {
      session = await this.stripe.checkout.sessions.retrieve(gatewayReference);
    } catch (error: unknown) {
      // A session Stripe does not know can never be paid: the expiry job may let its booking go.
      if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404) return 'FAILED';
      throw this.translate('read the checkout session', error);
    }
    if (session.status === 'expired') return 'FAILED';
    if (session.status === 'complete' && session.payment_status !== 'unpaid') return 'SUCCEEDED';
    return 'PENDING';
  }

  /** Whether the signature is right and only its age was refused (tolerance 0 = the SDK skips the age check). */
  private signedButStale(rawBody: string, signature: string): boolean {
    try {
      return this.stripe.webhooks.signature?.verifyHeader(rawBody, signature, this.options.webhookSecret, 0) === true;
    } catch (error: unknown) {
      if (error instanceof Stripe.errors.StripeSignatureVerificationError) return false;
      throw error;
    }
  }

  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error: unknown) {
      throw this.translate(what, error);
    }
  }

  private translate(what: string, error: unknown): unknown {
    if (!(error instanceof Stripe.errors.StripeError)) return error;
    const transient =
      error instanceof Stripe.errors.StripeConnectionError ||
      error instanceof Stripe.errors.StripeAPIError ||
      error instanceof Stripe.errors.StripeRateLimitError ||
      (error.statusCode ?? 0) >= 500;
    const status = error.statusCode === undefined ? '' : ` (${error.statusCode}${error.code === undefined ? '' : ` ${error.code}`})`;
    return new PaymentGatewayError(`Stripe could not ${what}${status}: ${error.message}`, this.name, transient, { cause: error });
  }
}

function apiHost(apiBase: string | null): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> {
  if (apiBase === null) return {};
  const url = new URL(apiBase);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port === '' ? (protocol === 'http' ? 80 : 443) : Number(url.port), protocol };
}

function withQuery(base: string, params: Readonly<Record<string, string>>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

/** The `t=` of a `Stripe-Signature` header, in seconds. */
function signedAt(header: string): number | null {
  const t = /(?:^|,)\s*t=(\d{1,12})(?:,|$)/.exec(header)?.[1];
  return t === undefined ? null : Number(t);
}
