// The API with PAYMENT_GATEWAY=stripe: the real composition, the real Stripe SDK, and a local stand-in for the Stripe
// API (STRIPE_API_BASE). Webhooks are signed with the SDK's own test helper, as Stripe would sign them.
import { FAKE_STRIPE_KEY, FAKE_WEBHOOK_SECRET, FakeStripeServer } from '@aquastream/adapters/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { booked, event, organiser, person, world, type Organiser, type Person, type World } from './bookings.fixtures.test-support.js';

let stripe: FakeStripeServer;
beforeAll(async () => {
  stripe = await FakeStripeServer.start();
});
afterAll(() => stripe.stop());

let w: World;
let org: Organiser;
let user: Person;
let booking: { id: string };

beforeEach(async () => {
  stripe.reset();
  w = world({ PAYMENT_GATEWAY: 'stripe', STRIPE_SECRET_KEY: FAKE_STRIPE_KEY, STRIPE_WEBHOOK_SECRET: FAKE_WEBHOOK_SECRET, STRIPE_API_BASE: stripe.url });
  org = await organiser(w);
  user = await person(w);
  booking = await booked(w, user, (await event(w, org)).id, 2);
});

const initiate = () => w.call('POST', '/api/v1/payments', { token: user.token, body: { bookingId: booking.id, returnUrl: 'https://shop.example/done' } });
const deliver = (hook: { rawBody: string; headers: Record<string, string> }, gateway = 'stripe') =>
  w.call('POST', `/api/v1/payments/webhooks/${gateway}`, { body: hook.rawBody, headers: { 'content-type': 'application/json; charset=utf-8', ...hook.headers } });
const bookingStatus = async () => ((await w.call('GET', `/api/v1/bookings/${booking.id}`, { token: user.token })).json as { status: string }).status;

describe('payments through Stripe', () => {
  it('opens a Checkout Session; the signed checkout.session.completed confirms the booking, once', async () => {
    const res = await initiate();
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ gateway: 'stripe', status: 'INITIATED', amount: 3998, currency: 'RUB' });
    const session = stripe.sessions.get(res.json.gatewayReference);
    expect(session).toMatchObject({ amount_total: 3998, currency: 'rub', metadata: { paymentId: res.json.id } });
    expect(res.json.paymentUrl).toBe(session?.url);

    const hook = stripe.webhook('checkout.session.completed', stripe.pay(res.json.gatewayReference), w.clock.now());
    const delivered = await deliver(hook);
    expect(delivered.json).toEqual({ received: true, duplicate: false, outcome: 'confirmed', paymentId: res.json.id });
    expect(await bookingStatus()).toBe('CONFIRMED');
    expect((await deliver(hook)).json).toMatchObject({ received: true, duplicate: true });
  });

  it('refunds through Stripe; the later refund webhook changes nothing more', async () => {
    const p = (await initiate()).json;
    await deliver(stripe.webhook('checkout.session.completed', stripe.pay(p.gatewayReference), w.clock.now()));
    const refunded = await w.call('POST', `/api/v1/payments/${p.id}/refund`, { token: org.token, body: { amount: 1000, reason: 'late boat' } });
    expect(refunded.json.payment).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundedAmount: 1000 });
    expect(refunded.json.refund).toMatchObject({ status: 'COMPLETED', amount: 1000 });
    const [refund] = [...stripe.refunds.values()];
    expect(refund).toMatchObject({ amount: 1000, metadata: { aquastreamRefundKey: refunded.json.refund.id } });
    const hook = stripe.webhook('refund.updated', { ...refund }, w.clock.now());
    expect((await deliver(hook)).json).toMatchObject({ received: true, outcome: 'unchanged', paymentId: p.id });
  });

  it('an expired session fails the payment and leaves the booking waiting for another one', async () => {
    const p = (await initiate()).json;
    const hook = stripe.webhook('checkout.session.expired', stripe.expire(p.gatewayReference), w.clock.now());
    expect((await deliver(hook)).json).toMatchObject({ outcome: 'failed', paymentId: p.id });
    expect(await bookingStatus()).toBe('PENDING_PAYMENT');
    expect((await initiate()).status).toBe(201);
  });

  it('acknowledges Stripe events nobody acts on; refuses bad signatures; the sandbox is not configured', async () => {
    const other = stripe.webhook('payment_intent.payment_failed', { id: 'pi_1', object: 'payment_intent', amount: 3998, currency: 'rub' }, w.clock.now());
    expect((await deliver(other)).json).toEqual({ received: true, duplicate: false, outcome: 'ignored', paymentId: null });
    const forged = stripe.webhook('checkout.session.completed', { id: 'cs_x', amount_total: 1, currency: 'rub', payment_status: 'paid' }, w.clock.now(), 'whsec_forged');
    const refused = await deliver(forged);
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ code: 'INVALID_SIGNATURE', detail: expect.stringContaining('Stripe-Signature') });
    const stale = stripe.webhook('checkout.session.completed', { id: 'cs_x', amount_total: 1, currency: 'rub', payment_status: 'paid' }, w.clock.now() - 10 * 60_000);
    expect((await deliver(stale)).json).toMatchObject({ status: 400, code: 'STALE_SIGNATURE' });
    const sandbox = await w.call('POST', '/api/v1/payments/webhooks/sandbox', { body: { id: 'evt_1' } });
    expect(sandbox.json).toMatchObject({ status: 404, code: 'UNKNOWN_GATEWAY' });
    expect((await w.call('GET', `/sandbox/checkout/sbx_${randomUUID()}`)).status).toBe(404);
  });

  it('answers 503 PAYMENT_GATEWAY_UNAVAILABLE while Stripe is down, and opens the payment once it is back', async () => {
    stripe.failNext(10, 503);
    const down = await initiate();
    expect(down.status).toBe(503);
    expect(down.json).toMatchObject({ code: 'PAYMENT_GATEWAY_UNAVAILABLE' });
    stripe.failNext(0);
    expect((await initiate()).status).toBe(201);
  });

  it('the expiry job asks Stripe first: a payment whose webhook was lost still confirms the booking', async () => {
    const p = (await initiate()).json;
    stripe.pay(p.gatewayReference);
    w.clock.advance(10 * 60_000);
    const run = await w.call('POST', '/api/v1/admin/jobs/expire-pending-bookings/run', { token: (await person(w, ['ADMIN'])).token });
    expect(run.status).toBe(200);
    expect(await bookingStatus()).toBe('CONFIRMED');
    expect((await w.call('GET', `/api/v1/payments/${p.id}`, { token: user.token })).json.status).toBe('COMPLETED');
  });
});
