// Helpers of the bookings, tickets, payments and checkout route tests. Organisations and events are seeded through the
// use cases (waitlist fixtures); bookings and payments, which are under test here, go through HTTP.
import { createHmac, randomUUID } from 'node:crypto';
import { TEST_SANDBOX_SECRET } from '../testing/test-app.test-support.js';
import type { Person, World } from './waitlist.fixtures.test-support.js';

export { contextOf, event, HOUR, member, organiser, person, world, type Organiser, type Person, type World } from './waitlist.fixtures.test-support.js';

export const BOOKING_KEYS = [
  'createdAt', 'currency', 'eventId', 'id', 'paymentDeadline', 'priceOptionId', 'pricing', 'quantity', 'refund', 'status',
  'ticketCode', 'totalAmount', 'updatedAt', 'userId',
];
export const PAYMENT_KEYS = [
  'amount', 'bookingId', 'createdAt', 'currency', 'gateway', 'gatewayReference', 'id', 'paymentUrl', 'refundedAmount', 'status', 'updatedAt',
];
export const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** POST /bookings as `p`; answers the HTTP result. */
export function bookOverHttp(w: World, p: Person, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return w.call('POST', '/api/v1/bookings', { token: p.token, body, headers });
}

/** Signs like the acceptance suite does (shared/acceptance/lib.mjs): HMAC-SHA256 over "<t>.<raw body>" with the secret. */
export function signSandbox(rawBody: string, t = Math.floor(Date.now() / 1000), secret = TEST_SANDBOX_SECRET): string {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex')}`;
}

export function postWebhook(w: World, event: unknown, options: { signature?: string; raw?: string; gateway?: string; t?: number } = {}) {
  const raw = options.raw ?? JSON.stringify(event);
  return w.call('POST', `/api/v1/payments/webhooks/${options.gateway ?? 'sandbox'}`, {
    body: raw,
    headers: { 'content-type': 'application/json', 'x-sandbox-signature': options.signature ?? signSandbox(raw, options.t ?? Math.floor(w.clock.now() / 1000)) },
  });
}

export const succeeded = (payment: { gatewayReference: string; amount: number; currency: string }, overrides: Record<string, unknown> = {}) => ({
  id: `evt_${randomUUID()}`,
  type: 'payment.succeeded',
  data: { reference: payment.gatewayReference, amount: payment.amount, currency: payment.currency, ...overrides },
});

/** Books one seat as `p` over HTTP; answers the booking. */
export async function booked(w: World, p: Person, eventId: string, quantity = 1): Promise<any> {
  const res = await bookOverHttp(w, p, { eventId, quantity });
  if (res.status !== 201) throw new Error(`booking failed: ${res.status} ${res.text}`);
  return res.json;
}

/** Initiates and pays `bookingId` as its owner, the acceptance suite's way (a signed webhook); answers the payment. */
export async function paid(w: World, p: Person, bookingId: string): Promise<any> {
  const payment = await w.call('POST', '/api/v1/payments', { token: p.token, body: { bookingId } });
  if (payment.status !== 201) throw new Error(`payment failed: ${payment.status} ${payment.text}`);
  const hook = await postWebhook(w, succeeded(payment.json));
  if (hook.status !== 200) throw new Error(`webhook failed: ${hook.status} ${hook.text}`);
  return payment.json;
}
