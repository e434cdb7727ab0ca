import { afterAll, beforeAll } from 'vitest';
import { FakeStripeServer, FAKE_STRIPE_KEY, FAKE_WEBHOOK_SECRET } from '../testing/fake-stripe-server.js';
import { SandboxPaymentGateway } from '../payments/sandbox-gateway.js';
import { StripePaymentGateway } from '../payments/stripe-gateway.js';
import { describePaymentGatewayContract } from './payment-gateway.contract.js';

describePaymentGatewayContract('sandbox', () => {
  const gateway = new SandboxPaymentGateway({ secret: 'contract-secret', publicBaseUrl: 'http://localhost:8102/' });
  return {
    gateway,
    checkout(reference, choice, now) {
      const hook = gateway.checkout(reference, choice, now);
      return hook === null ? Promise.reject(new Error(`unknown ${reference}`)) : Promise.resolve(hook);
    },
    sign: (rawBody, now) => ({ rawBody, headers: { 'X-Sandbox-Signature': gateway.sign(rawBody, now) } }),
    eventBody: JSON.stringify({ id: 'evt_1', type: 'payment.failed', data: { reference: 'r', amount: 1, currency: 'EUR' } }),
    malformedBodies: [
      'not json',
      '[]',
      JSON.stringify({ id: 'evt_2', type: 'payment.exploded', data: { reference: 'r', amount: 1, currency: 'EUR' } }),
      JSON.stringify({ id: 'evt_3', type: 'payment.succeeded', data: { reference: 'r', amount: 1.5, currency: 'EUR' } }),
      JSON.stringify({ id: 'evt_4', type: 'payment.succeeded', data: { reference: 'r', amount: 1, currency: 'euro' } }),
      JSON.stringify({ type: 'payment.succeeded', data: { reference: 'r', amount: 1, currency: 'EUR' } }),
    ],
  };
});

// Stripe through its real SDK, over HTTP, against a local stand-in for the Stripe API.
let stripe: FakeStripeServer;
beforeAll(async () => {
  stripe = await FakeStripeServer.start();
});
afterAll(() => stripe.stop());

const session = (o: Record<string, unknown> = {}) => ({ id: 'cs_test_1', object: 'checkout.session', amount_total: 1, currency: 'eur', payment_status: 'paid', ...o });
const stripeEvent = (type: string, object: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id: 'evt_s1', object: 'event', type, data: { object }, ...extra });

describePaymentGatewayContract('stripe', () => {
  stripe.reset();
  const gateway = new StripePaymentGateway({
    secretKey: FAKE_STRIPE_KEY,
    webhookSecret: FAKE_WEBHOOK_SECRET,
    publicBaseUrl: 'http://localhost:8102',
    apiBase: stripe.url,
    maxNetworkRetries: 0,
  });
  return {
    gateway,
    checkout(reference, choice, now) {
      const settled = choice === 'succeeded' ? stripe.pay(reference) : stripe.expire(reference);
      return Promise.resolve(stripe.webhook(choice === 'succeeded' ? 'checkout.session.completed' : 'checkout.session.expired', settled, now));
    },
    sign: (rawBody, now) => ({ rawBody, headers: { 'Stripe-Signature': stripe.sign(rawBody, now) } }),
    eventBody: stripeEvent('checkout.session.expired', session({ status: 'expired', payment_status: 'unpaid' })),
    malformedBodies: [
      'not json',
      '[]',
      stripeEvent('checkout.session.completed', session({ amount_total: 1.5 })),
      stripeEvent('checkout.session.completed', session({ currency: 'euro' })),
      stripeEvent('checkout.session.completed', session({ amount_total: null })),
      stripeEvent('checkout.session.expired', { object: 'checkout.session', amount_total: 1, currency: 'eur', payment_status: 'unpaid' }),
      JSON.stringify({ object: 'event', type: 'checkout.session.completed', data: { object: session() } }),
      stripeEvent('refund.updated', { id: 're_1', amount: '5', currency: 'eur', status: 'succeeded' }),
      // A v2 "thin" event notification is not a webhook event.
      JSON.stringify({ id: 'evt_t1', object: 'v2.core.event', type: 'v1.billing.meter.error_report_triggered' }),
    ],
  };
});
