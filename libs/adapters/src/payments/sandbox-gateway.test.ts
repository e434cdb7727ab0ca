import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SandboxPaymentGateway } from './sandbox-gateway.js';

const NOW = Date.UTC(2026, 5, 1, 12, 0, 0, 900);
const make = () => new SandboxPaymentGateway({ secret: 's3cret', publicBaseUrl: 'https://events.example/' });

describe('SandboxPaymentGateway', () => {
  it('names references sbx_<payment id> and points at the app checkout page', async () => {
    const opened = await make().initiate({ paymentId: 'p-1', amount: 500, currency: 'RUB', returnUrl: null });
    expect(opened).toEqual({ gatewayReference: 'sbx_p-1', paymentUrl: 'https://events.example/sandbox/checkout/sbx_p-1' });
  });

  it('signs as DESIGN §4 says: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>', () => {
    const body = '{"id":"evt_1"}';
    const t = Math.floor(NOW / 1000);
    const hex = createHmac('sha256', 's3cret').update(`${t}.${body}`).digest('hex');
    expect(make().sign(body, NOW)).toBe(`t=${t},v1=${hex}`);
  });

  it('finds the signature header whatever its case, and refuses another secret', () => {
    const gateway = make();
    const body = JSON.stringify({ id: 'evt_9', type: 'payment.succeeded', data: { reference: 'sbx_x', amount: 5, currency: 'EUR' } });
    const signature = gateway.sign(body, NOW);
    expect(gateway.verifyWebhook(body, { 'x-sandbox-signature': signature }, NOW).ok).toBe(true);
    const other = new SandboxPaymentGateway({ secret: 'other', publicBaseUrl: 'http://x' });
    expect(other.verifyWebhook(body, { 'x-sandbox-signature': signature }, NOW)).toEqual({ ok: false, error: 'INVALID_SIGNATURE' });
  });

  it('refuses garbled signature headers', () => {
    const gateway = make();
    const body = '{}';
    for (const header of ['', 't=abc,v1=00', `v1=${'a'.repeat(64)}`, `t=${Math.floor(NOW / 1000)}`, `t=1,v1=${'z'.repeat(64)}`]) {
      expect(gateway.verifyWebhook(body, { 'X-Sandbox-Signature': header }, NOW)).toEqual({ ok: false, error: 'INVALID_SIGNATURE' });
    }
  });

  it('keeps the buyer’s first choice at checkout', async () => {
    const gateway = make();
    await gateway.initiate({ paymentId: 'p-2', amount: 700, currency: 'EUR', returnUrl: 'https://back' });
    gateway.checkout('sbx_p-2', 'succeeded', NOW);
    const second = gateway.checkout('sbx_p-2', 'failed', NOW);
    expect(await gateway.queryStatus('sbx_p-2')).toBe('SUCCEEDED');
    expect(second?.rawBody).toContain('"payment.succeeded"');
    expect(gateway.payment('sbx_p-2')).toMatchObject({ amount: 700, currency: 'EUR', returnUrl: 'https://back', status: 'SUCCEEDED' });
    expect(gateway.checkout('sbx_unknown', 'succeeded', NOW)).toBeNull();
  });

  it('forgets everything on restart: a new instance answers PENDING for what it never saw', async () => {
    const first = make();
    await first.initiate({ paymentId: 'p-3', amount: 1, currency: 'EUR', returnUrl: null });
    first.checkout('sbx_p-3', 'succeeded', NOW);
    expect(await make().queryStatus('sbx_p-3')).toBe('PENDING');
  });

  it('refunds a payment another process opened (the database is the ledger), idempotently, but nothing that is not its own', async () => {
    const other = make(); // the CLI or a restarted API: it never saw sbx_p-4
    const first = await other.refund({ gatewayReference: 'sbx_p-4', amount: 500, idempotencyKey: 'cancel:b-4' });
    expect(first.refundReference).toMatch(/^sbx_rf_/);
    expect((await other.refund({ gatewayReference: 'sbx_p-4', amount: 500, idempotencyKey: 'cancel:b-4' })).refundReference).toBe(first.refundReference);
    await expect(other.refund({ gatewayReference: 'cs_test_123', amount: 500, idempotencyKey: 'k' })).rejects.toThrow(/knows no payment/);
    await expect(other.refund({ gatewayReference: 'sbx_p-5', amount: 0, idempotencyKey: 'k0' })).rejects.toThrow();
  });

  it('needs a secret', () => {
    expect(() => new SandboxPaymentGateway({ secret: '', publicBaseUrl: 'http://x' })).toThrow(/secret/);
  });
});
