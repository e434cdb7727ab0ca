import type { PaymentGateway } from '@aquastream/application';
import { describe, expect, it } from 'vitest';

export type SignedRequest = { readonly rawBody: string; readonly headers: Readonly<Record<string, string>> };

/** A gateway plus the provider-side actions a test needs to drive it. */
export type PaymentGatewayHarness = {
  readonly gateway: PaymentGateway;
  /** The buyer pays (or declines) on the provider's checkout; returns the webhook the provider then sends. */
  checkout(reference: string, choice: 'succeeded' | 'failed', now: number): Promise<SignedRequest>;
  /** `rawBody` signed the way the provider signs webhooks at `now`. */
  sign(rawBody: string, now: number): SignedRequest;
};

const NOW = Date.UTC(2026, 5, 1, 12, 0, 0, 0);
let counter = 0;
const paymentId = () => `00000000-0000-7000-8000-${(++counter).toString(16).padStart(12, '0')}`;

/**
 * What every payment gateway adapter offers, capability by capability: initiate, verify webhooks (signature,
 * freshness, shape), refund (never more than paid, idempotent by key), and status queries.
 */
export function describePaymentGatewayContract(name: string, make: () => PaymentGatewayHarness): void {
  describe(`PaymentGateway contract: ${name}`, () => {
    const open = async (h: PaymentGatewayHarness, amount = 15_000) =>
      h.gateway.initiate({ paymentId: paymentId(), amount, currency: 'EUR', returnUrl: 'https://shop.example/back' });

    describe('initiate', () => {
      it('answers a reference and a checkout URL, distinct per payment', async () => {
        const h = make();
        const a = await open(h);
        const b = await open(h);
        expect(a.gatewayReference).not.toBe(b.gatewayReference);
        expect(a.paymentUrl).toMatch(/^https?:\/\//);
        expect(a.paymentUrl).toContain(encodeURIComponent(a.gatewayReference));
      });
    });

    describe('queryStatus', () => {
      it('is PENDING until the buyer acts, then SUCCEEDED or FAILED', async () => {
        const h = make();
        const paid = await open(h);
        const declined = await open(h);
        expect(await h.gateway.queryStatus(paid.gatewayReference)).toBe('PENDING');
        await h.checkout(paid.gatewayReference, 'succeeded', NOW);
        await h.checkout(declined.gatewayReference, 'failed', NOW);
        expect(await h.gateway.queryStatus(paid.gatewayReference)).toBe('SUCCEEDED');
        expect(await h.gateway.queryStatus(declined.gatewayReference)).toBe('FAILED');
      });
    });

    describe('verifyWebhook', () => {
      it('accepts the webhook the provider sends and reads its event', async () => {
        const h = make();
        const p = await open(h, 4_200);
        const hook = await h.checkout(p.gatewayReference, 'succeeded', NOW);
        const verified = h.gateway.verifyWebhook(hook.rawBody, hook.headers, NOW + 1_000);
        if (!verified.ok) throw new Error(verified.error);
        expect(verified.value).toEqual({ id: verified.value.id, type: 'payment.succeeded', reference: p.gatewayReference, amount: 4_200, currency: 'EUR' });
        expect(verified.value.id).not.toBe('');
      });

      it('reports a declined payment as payment.failed', async () => {
        const h = make();
        const p = await open(h);
        const hook = await h.checkout(p.gatewayReference, 'failed', NOW);
        const verified = h.gateway.verifyWebhook(hook.rawBody, hook.headers, NOW);
        expect(verified.ok && verified.value.type).toBe('payment.failed');
      });

      it('refuses a body changed after signing, and a missing signature', async () => {
        const h = make();
        const p = await open(h, 100);
        const hook = await h.checkout(p.gatewayReference, 'succeeded', NOW);
        const tampered = hook.rawBody.replace('"amount":100', '"amount":1');
        expect(tampered).not.toBe(hook.rawBody);
        expect(h.gateway.verifyWebhook(tampered, hook.headers, NOW)).toEqual({ ok: false, error: 'INVALID_SIGNATURE' });
        expect(h.gateway.verifyWebhook(hook.rawBody, {}, NOW)).toEqual({ ok: false, error: 'INVALID_SIGNATURE' });
      });

      it('refuses a signature older (or further ahead) than five minutes, and accepts one just inside', () => {
        const h = make();
        const body = JSON.stringify({ id: 'evt_1', type: 'payment.failed', data: { reference: 'r', amount: 1, currency: 'EUR' } });
        const signed = h.sign(body, NOW);
        expect(h.gateway.verifyWebhook(body, signed.headers, NOW + 4 * 60_000).ok).toBe(true);
        expect(h.gateway.verifyWebhook(body, signed.headers, NOW + 6 * 60_000)).toEqual({ ok: false, error: 'STALE' });
        expect(h.gateway.verifyWebhook(body, signed.headers, NOW - 6 * 60_000)).toEqual({ ok: false, error: 'STALE' });
      });

      it('refuses a correctly signed body that is not an event', () => {
        const h = make();
        const bodies = [
          'not json',
          '[]',
          JSON.stringify({ id: 'evt_2', type: 'payment.exploded', data: { reference: 'r', amount: 1, currency: 'EUR' } }),
          JSON.stringify({ id: 'evt_3', type: 'payment.succeeded', data: { reference: 'r', amount: 1.5, currency: 'EUR' } }),
          JSON.stringify({ id: 'evt_4', type: 'payment.succeeded', data: { reference: 'r', amount: 1, currency: 'euro' } }),
          JSON.stringify({ type: 'payment.succeeded', data: { reference: 'r', amount: 1, currency: 'EUR' } }),
        ];
        for (const body of bodies) {
          expect(h.gateway.verifyWebhook(body, h.sign(body, NOW).headers, NOW)).toEqual({ ok: false, error: 'MALFORMED' });
        }
      });
    });

    describe('refund', () => {
      it('refunds a paid payment in parts, never past what was paid', async () => {
        const h = make();
        const p = await open(h, 1_000);
        await h.checkout(p.gatewayReference, 'succeeded', NOW);
        const first = await h.gateway.refund({ gatewayReference: p.gatewayReference, amount: 600, idempotencyKey: 'rf-1' });
        const second = await h.gateway.refund({ gatewayReference: p.gatewayReference, amount: 400, idempotencyKey: 'rf-2' });
        expect(first.refundReference).not.toBe(second.refundReference);
        await expect(h.gateway.refund({ gatewayReference: p.gatewayReference, amount: 1, idempotencyKey: 'rf-3' })).rejects.toThrow();
      });

      it('returns the first refund when the same key is sent again', async () => {
        const h = make();
        const p = await open(h, 1_000);
        await h.checkout(p.gatewayReference, 'succeeded', NOW);
        const first = await h.gateway.refund({ gatewayReference: p.gatewayReference, amount: 1_000, idempotencyKey: 'again' });
        const retried = await h.gateway.refund({ gatewayReference: p.gatewayReference, amount: 1_000, idempotencyKey: 'again' });
        expect(retried.refundReference).toBe(first.refundReference);
      });

      it('refuses to refund a payment that was never paid', async () => {
        const h = make();
        const p = await open(h);
        await expect(h.gateway.refund({ gatewayReference: p.gatewayReference, amount: 1, idempotencyKey: 'unpaid' })).rejects.toThrow();
      });
    });

    it('is named, so payments and webhooks are matched per gateway', () => {
      expect(make().gateway.name).toMatch(/^[a-z][a-z0-9-]*$/);
    });
  });
}

