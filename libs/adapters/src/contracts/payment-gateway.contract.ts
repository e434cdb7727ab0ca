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
  /** A body this provider could send that the gateway reads as an event (a `payment.failed` one): signed at various ages. */
  readonly eventBody: string;
  /** Bodies that, correctly signed, are still not events the gateway can read: not JSON, wrong shapes, bad amounts. */
  readonly malformedBodies: readonly string[];
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
        // The first amount in the body (`"amount":100` for the sandbox, `"amount_subtotal": 100` for Stripe) becomes 1.
        const tampered = hook.rawBody.replace(/"(amount\w*)":(\s*)100\b/, '"$1":$21');
        expect(tampered).not.toBe(hook.rawBody);
        expect(h.gateway.verifyWebhook(tampered, hook.headers, NOW)).toEqual({ ok: false, error: 'INVALID_SIGNATURE' });
        expect(h.gateway.verifyWebhook(hook.rawBody, {}, NOW)).toEqual({ ok: false, error: 'INVALID_SIGNATURE' });
      });

      it('refuses a signature older (or further ahead) than five minutes, and accepts one just inside', () => {
        const h = make();
        const body = h.eventBody;
        const signed = h.sign(body, NOW);
        const verified = h.gateway.verifyWebhook(body, signed.headers, NOW + 4 * 60_000);
        expect(verified.ok && verified.value.type).toBe('payment.failed');
        expect(h.gateway.verifyWebhook(body, signed.headers, NOW - 4 * 60_000).ok).toBe(true);
        expect(h.gateway.verifyWebhook(body, signed.headers, NOW + 6 * 60_000)).toEqual({ ok: false, error: 'STALE' });
        expect(h.gateway.verifyWebhook(body, signed.headers, NOW - 6 * 60_000)).toEqual({ ok: false, error: 'STALE' });
      });

      it('refuses a stale signature that is also wrong as a wrong one (nothing is said about bodies it cannot vouch for)', () => {
        const h = make();
        const signed = h.sign(h.eventBody, NOW);
        expect(h.gateway.verifyWebhook(`${h.eventBody} `, signed.headers, NOW + 6 * 60_000)).toEqual({ ok: false, error: 'INVALID_SIGNATURE' });
      });

      it('refuses a correctly signed body that is not an event', () => {
        const h = make();
        expect(h.malformedBodies.length).toBeGreaterThanOrEqual(6);
        for (const body of h.malformedBodies) {
          expect(h.gateway.verifyWebhook(body, h.sign(body, NOW).headers, NOW), body).toEqual({ ok: false, error: 'MALFORMED' });
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

      it('refuses a key sent again for a different amount', async () => {
        const h = make();
        const p = await open(h, 1_000);
        await h.checkout(p.gatewayReference, 'succeeded', NOW);
        await h.gateway.refund({ gatewayReference: p.gatewayReference, amount: 300, idempotencyKey: 'reused' });
        await expect(h.gateway.refund({ gatewayReference: p.gatewayReference, amount: 400, idempotencyKey: 'reused' })).rejects.toThrow();
        // The refused call moved no money: the other 700 can still be refunded.
        await h.gateway.refund({ gatewayReference: p.gatewayReference, amount: 700, idempotencyKey: 'rest' });
      });

      it('refuses to refund a payment that was declined', async () => {
        const h = make();
        const p = await open(h);
        await h.checkout(p.gatewayReference, 'failed', NOW);
        await expect(h.gateway.refund({ gatewayReference: p.gatewayReference, amount: 1, idempotencyKey: 'declined' })).rejects.toThrow();
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

