// What the contract suite cannot say about Stripe: the Checkout Session it asks for, how its errors are translated,
// which events it reads and which it drops. The real SDK, over HTTP, against a local stand-in for the Stripe API.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_STRIPE_KEY, FAKE_WEBHOOK_SECRET, FakeStripeServer } from '../testing/fake-stripe-server.js';
import { PaymentGatewayError } from './payment-gateway.error.js';
import { StripePaymentGateway, type StripeGatewayOptions } from './stripe-gateway.js';

const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);
const PAYMENT = '01936f7a-8c2e-7d3b-9a41-5f0e2c1d4b6a';
const BOOKING = '01936f7a-0000-7000-8000-00000000b001';

let fake: FakeStripeServer;
beforeAll(async () => {
  fake = await FakeStripeServer.start();
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const gateway = (o: Partial<StripeGatewayOptions> = {}) =>
  new StripePaymentGateway({
    secretKey: FAKE_STRIPE_KEY,
    webhookSecret: FAKE_WEBHOOK_SECRET,
    publicBaseUrl: 'https://events.example.com/',
    apiBase: fake.url,
    maxNetworkRetries: 0,
    now: () => NOW,
    ...o,
  });

async function thrown(call: Promise<unknown>): Promise<PaymentGatewayError> {
  try {
    await call;
  } catch (error: unknown) {
    if (error instanceof PaymentGatewayError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('StripePaymentGateway.initiate', () => {
  it('opens a Checkout Session for the amount, with the payment (and booking) in its metadata and the buyer’s way back', async () => {
    const opened = await gateway().initiate({ paymentId: PAYMENT, bookingId: BOOKING, amount: 3_998, currency: 'RUB', returnUrl: 'https://shop.example/done?x=1' });
    const session = fake.sessions.get(opened.gatewayReference);
    expect(session?.url).toBe(opened.paymentUrl);
    expect(session).toMatchObject({ amount_total: 3_998, currency: 'rub', status: 'open' });
    const [request] = fake.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/checkout/sessions', idempotencyKey: `checkout-session:${PAYMENT}` });
    expect(request?.params).toMatchObject({
      mode: 'payment',
      client_reference_id: PAYMENT,
      line_items: { 0: { quantity: '1', price_data: { currency: 'rub', unit_amount: '3998' } } },
      metadata: { paymentId: PAYMENT, bookingId: BOOKING },
      payment_intent_data: { metadata: { paymentId: PAYMENT, bookingId: BOOKING } },
      success_url: `https://shop.example/done?x=1&checkout=success&payment=${PAYMENT}`,
      cancel_url: `https://shop.example/done?x=1&checkout=cancel&payment=${PAYMENT}`,
      expires_at: String(NOW / 1000 + 1_800),
    });
  });

  it('sends the buyer back to PUBLIC_BASE_URL when the payment has no returnUrl', async () => {
    await gateway().initiate({ paymentId: PAYMENT, amount: 100, currency: 'EUR', returnUrl: null });
    expect(fake.requests[0]?.params).toMatchObject({ success_url: `https://events.example.com/?checkout=success&payment=${PAYMENT}` });
    expect(fake.requests[0]?.params['metadata']).toEqual({ paymentId: PAYMENT });
  });

  it('answers the same session when one payment is initiated again (the idempotency key)', async () => {
    const first = await gateway().initiate({ paymentId: PAYMENT, amount: 100, currency: 'EUR', returnUrl: null });
    const again = await gateway().initiate({ paymentId: PAYMENT, amount: 100, currency: 'EUR', returnUrl: null });
    expect(again).toEqual(first);
    expect(fake.sessions.size).toBe(1);
  });

  it('rides out a brief outage with the SDK’s own retry, and reports a longer one as a transient PaymentGatewayError', async () => {
    fake.failNext(1, 503);
    const opened = await gateway({ maxNetworkRetries: 1 }).initiate({ paymentId: PAYMENT, amount: 100, currency: 'EUR', returnUrl: null });
    expect(fake.requests.map((r) => r.idempotencyKey)).toEqual([`checkout-session:${PAYMENT}`, `checkout-session:${PAYMENT}`]);
    expect(fake.sessions.has(opened.gatewayReference)).toBe(true);
    fake.failNext(5, 500);
    const error = await thrown(gateway().initiate({ paymentId: 'another', amount: 100, currency: 'EUR', returnUrl: null }));
    expect(error).toMatchObject({ gateway: 'stripe', transient: true });
    expect(error.message).toContain('Stripe could not create a checkout session (500)');
  });

  it('reports a wrong API key as a PaymentGatewayError that retrying will not fix', async () => {
    const error = await thrown(gateway({ secretKey: 'sk_test_wrong' }).initiate({ paymentId: PAYMENT, amount: 100, currency: 'EUR', returnUrl: null }));
    expect(error.transient).toBe(false);
    expect(error.message).toContain('(401)');
  });
});

describe('StripePaymentGateway.queryStatus and refund', () => {
  it('reads the session: open → PENDING, paid → SUCCEEDED, expired or unknown to Stripe → FAILED', async () => {
    const g = gateway();
    const a = await g.initiate({ paymentId: 'a', amount: 100, currency: 'EUR', returnUrl: null });
    const b = await g.initiate({ paymentId: 'b', amount: 100, currency: 'EUR', returnUrl: null });
    expect(await g.queryStatus(a.gatewayReference)).toBe('PENDING');
    fake.pay(a.gatewayReference);
    fake.expire(b.gatewayReference);
    expect(await g.queryStatus(a.gatewayReference)).toBe('SUCCEEDED');
    expect(await g.queryStatus(b.gatewayReference)).toBe('FAILED');
    expect(await g.queryStatus('cs_test_never_made')).toBe('FAILED');
    fake.failNext(1, 503);
    expect(await thrown(g.queryStatus(a.gatewayReference))).toMatchObject({ transient: true });
  });

  it('refunds the session’s PaymentIntent with our refund id as idempotency key, and finds it again after Stripe forgot the key', async () => {
    const g = gateway();
    const p = await g.initiate({ paymentId: PAYMENT, amount: 1_000, currency: 'EUR', returnUrl: null });
    const paid = fake.pay(p.gatewayReference);
    const { refundReference } = await g.refund({ gatewayReference: p.gatewayReference, amount: 250, idempotencyKey: 'refund-1' });
    const create = fake.requests.find((r) => r.path === '/v1/refunds' && r.method === 'POST');
    expect(create).toMatchObject({ idempotencyKey: 'refund:refund-1', params: { payment_intent: paid.payment_intent, amount: '250', metadata: { aquastreamRefundKey: 'refund-1' } } });
    // Stripe keeps idempotency keys for 24 hours; a retry after that still must not pay twice.
    fake.forgetIdempotencyKeys();
    expect(await g.refund({ gatewayReference: p.gatewayReference, amount: 250, idempotencyKey: 'refund-1' })).toEqual({ refundReference });
    expect(fake.refunds.size).toBe(1);
  });

  it('refuses to refund a session that is not paid, and translates Stripe’s refusals', async () => {
    const g = gateway();
    const p = await g.initiate({ paymentId: PAYMENT, amount: 1_000, currency: 'EUR', returnUrl: null });
    expect((await thrown(g.refund({ gatewayReference: p.gatewayReference, amount: 1, idempotencyKey: 'k1' }))).message).toMatch(/was not paid/);
    fake.pay(p.gatewayReference);
    const tooMuch = await thrown(g.refund({ gatewayReference: p.gatewayReference, amount: 1_001, idempotencyKey: 'k2' }));
    expect(tooMuch).toMatchObject({ transient: false });
    expect(tooMuch.message).toContain('(400 amount_too_large)');
  });
});

describe('StripePaymentGateway webhooks', () => {
  const g = () => gateway();
  const session = (o: Record<string, unknown> = {}) => ({ id: 'cs_test_9', object: 'checkout.session', amount_total: 4_200, currency: 'eur', payment_status: 'paid', status: 'complete', ...o });
  const read = (type: string, object: Record<string, unknown>) => {
    const hook = fake.webhook(type, object, NOW);
    return g().readWebhook(hook.rawBody, hook.headers, NOW);
  };
  const event = (type: string, object: Record<string, unknown>) => {
    const r = read(type, object);
    return r.ok && r.value.kind === 'event' ? { type: r.value.event.type, reference: r.value.event.reference, amount: r.value.event.amount, currency: r.value.event.currency } : r;
  };

  it('maps the checkout and refund events to payment and refund events, with ISO upper-case currencies', () => {
    expect(event('checkout.session.completed', session())).toEqual({ type: 'payment.succeeded', reference: 'cs_test_9', amount: 4_200, currency: 'EUR' });
    expect(event('checkout.session.async_payment_succeeded', session())).toEqual({ type: 'payment.succeeded', reference: 'cs_test_9', amount: 4_200, currency: 'EUR' });
    expect(event('checkout.session.async_payment_failed', session({ payment_status: 'unpaid' }))).toMatchObject({ type: 'payment.failed', reference: 'cs_test_9' });
    expect(event('checkout.session.expired', session({ status: 'expired', payment_status: 'unpaid' }))).toMatchObject({ type: 'payment.failed' });
    const refund = { id: 're_1', object: 'refund', amount: 600, currency: 'eur', status: 'succeeded' };
    expect(event('refund.updated', refund)).toEqual({ type: 'refund.succeeded', reference: 're_1', amount: 600, currency: 'EUR' });
    expect(event('refund.created', refund)).toMatchObject({ type: 'refund.succeeded', reference: 're_1' });
    expect(event('charge.refund.updated', refund)).toMatchObject({ type: 'refund.succeeded', reference: 're_1' });
    const charge = { id: 'ch_1', object: 'charge', amount_refunded: 900, refunds: { data: [{ ...refund, id: 're_2', status: 'pending' }, refund] } };
    expect(event('charge.refunded', charge)).toEqual({ type: 'refund.succeeded', reference: 're_1', amount: 600, currency: 'EUR' });
  });

  it('acknowledges (without acting on) the events the application has no use for; through the port they are not payment events', () => {
    const cases: [string, Record<string, unknown>][] = [
      ['checkout.session.completed', session({ payment_status: 'unpaid' })],
      ['payment_intent.payment_failed', { id: 'pi_1', object: 'payment_intent', amount: 4_200, currency: 'eur' }],
      ['customer.created', { id: 'cus_1', object: 'customer' }],
      ['refund.updated', { id: 're_1', object: 'refund', amount: 1, currency: 'eur', status: 'pending' }],
      ['charge.refunded', { id: 'ch_1', object: 'charge', amount_refunded: 1 }],
    ];
    for (const [type, object] of cases) {
      const r = read(type, object);
      expect(r.ok && r.value.kind, type).toBe('unhandled');
      const hook = fake.webhook(type, object, NOW);
      expect(g().verifyWebhook(hook.rawBody, hook.headers, NOW), type).toEqual({ ok: false, error: 'MALFORMED' });
    }
  });

  it('verifies with the endpoint’s secret: another secret, a missing header or a rotated pair', () => {
    const signed = fake.webhook('checkout.session.completed', session(), NOW, 'whsec_someone_else');
    expect(g().verifyWebhook(signed.rawBody, signed.headers, NOW)).toEqual({ ok: false, error: 'INVALID_SIGNATURE' });
    expect(g().verifyWebhook(signed.rawBody, { 'stripe-signature': '' }, NOW)).toEqual({ ok: false, error: 'INVALID_SIGNATURE' });
    expect(g().verifyWebhook(signed.rawBody, { 'stripe-signature': 'garbage' }, NOW)).toEqual({ ok: false, error: 'INVALID_SIGNATURE' });
    // While a secret is being rolled, Stripe signs with both: one matching v1 is enough. Header names are case-blind.
    const good = fake.sign(signed.rawBody, NOW);
    const both = `${signed.headers['Stripe-Signature']},${good.split(',').find((part) => part.startsWith('v1='))}`;
    expect(g().verifyWebhook(signed.rawBody, { 'stripe-signature': both }, NOW).ok).toBe(true);
  });

  it('refuses to be built without its secrets', () => {
    expect(() => gateway({ webhookSecret: '' })).toThrow(/STRIPE_WEBHOOK_SECRET/);
    expect(() => gateway({ secretKey: '' })).toThrow(/STRIPE_SECRET_KEY/);
  });
});
