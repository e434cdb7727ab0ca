// Which Stripe events mean something to the application, and what (docs/payments.md "Stripe"). The shapes are checked
// here rather than trusted from the SDK's types: a signed body is authentic, not necessarily well formed.
import type { GatewayEvent } from '@aquastream/application';
import { z } from 'zod';

/** A verified Stripe event: a payment or refund event for the application, or one it has no use for. */
export type StripeNotification =
  | { readonly kind: 'event'; readonly event: GatewayEvent }
  /** Acknowledged and dropped: Stripe retries anything not answered 2xx, for days. */
  | { readonly kind: 'unhandled'; readonly id: string; readonly type: string; readonly reason: string };

const Envelope = z.object({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(255),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});
const Currency = z.string().regex(/^[A-Za-z]{3}$/);
const Session = z.object({
  id: z.string().min(1).max(255),
  amount_total: z.number().int().nonnegative(),
  currency: Currency,
  payment_status: z.string(),
});
const Refund = z.object({
  id: z.string().min(1).max(255),
  amount: z.number().int().nonnegative(),
  currency: Currency,
  status: z.string().nullable(),
});
const Charge = z.object({ refunds: z.object({ data: z.array(z.unknown()) }).nullish() });

/** `null` when the body is not a Stripe event, or a handled event type whose object is not what Stripe sends. */
export function readStripeEvent(parsed: unknown): StripeNotification | null {
  const envelope = Envelope.safeParse(parsed);
  if (!envelope.success) return null;
  const { id, type, data } = envelope.data;
  const unhandled = (reason: string): StripeNotification => ({ kind: 'unhandled', id, type, reason });
  const event = (e: Omit<GatewayEvent, 'id'>): StripeNotification => ({ kind: 'event', event: { id, ...e } });

  const session = () => {
    const s = Session.safeParse(data.object);
    return s.success ? s.data : null;
  };
  const payment = (outcome: 'payment.succeeded' | 'payment.failed') => {
    const s = session();
    return s === null ? null : event({ type: outcome, reference: s.id, amount: s.amount_total, currency: s.currency.toUpperCase() });
  };
  const refund = (object: unknown) => {
    const r = Refund.safeParse(object);
    if (!r.success) return null;
    if (r.data.status !== 'succeeded') return unhandled(`refund ${r.data.status ?? 'without status'}`);
    return event({ type: 'refund.succeeded', reference: r.data.id, amount: r.data.amount, currency: r.data.currency.toUpperCase() });
  };

  switch (type) {
    case 'checkout.session.completed': {
      const s = session();
      if (s === null) return null;
      // Delayed methods (bank debits) complete the checkout unpaid; `async_payment_succeeded` follows when they clear.
      return s.payment_status === 'paid' ? payment('payment.succeeded') : unhandled(`completed ${s.payment_status}`);
    }
    case 'checkout.session.async_payment_succeeded':
      return payment('payment.succeeded');
    case 'checkout.session.async_payment_failed':
    case 'checkout.session.expired':
      return payment('payment.failed');
    case 'refund.created':
    case 'refund.updated':
    case 'charge.refund.updated':
      return refund(data.object);
    case 'charge.refunded': {
      // The charge lists its refunds newest first (when the API version includes them); any succeeded one is true news.
      const c = Charge.safeParse(data.object);
      if (!c.success) return null;
      const succeeded = (c.data.refunds?.data ?? []).find((r) => Refund.safeParse(r).data?.status === 'succeeded');
      return succeeded === undefined ? unhandled('no refund listed on the charge') : refund(succeeded);
    }
    default:
      // payment_intent.payment_failed included: within a Checkout Session a declined card is not final (the buyer may
      // try another on the same page); the session's expiry is.
      return unhandled('not an event the application acts on');
  }
}
