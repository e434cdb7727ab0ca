import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { T0 } from '../shared/fixtures.test-support.js';
import { DomainInvariantError } from '../shared/result.js';
import { completePayment, failPayment, initiatePayment, refundableAmount, refundPayment } from './payment.js';
import { aPayment } from './payment.test-support.js';
import type { Payment, PaymentStatus } from './payment.types.js';

const LATER = T0 + 60_000;
const SETTLED: readonly PaymentStatus[] = ['COMPLETED', 'PARTIALLY_REFUNDED', 'REFUNDED'];

describe('initiatePayment', () => {
  const input = { id: 'pay-9', bookingId: 'bkg-9', amount: 4500, currency: 'EUR', gateway: 'sandbox', gatewayReference: 'ref-9', now: T0 };

  it('opens an INITIATED payment with nothing refunded and announces it', () => {
    expect(initiatePayment(input)).toEqual({
      state: {
        id: 'pay-9', bookingId: 'bkg-9', amount: 4500, currency: 'EUR', status: 'INITIATED', gateway: 'sandbox',
        gatewayReference: 'ref-9', refundedAmount: 0, createdAt: T0, updatedAt: T0,
      },
      events: [
        { type: 'payment.initiated', subject: 'pay-9', data: { paymentId: 'pay-9', bookingId: 'bkg-9', amount: 4500, currency: 'EUR', gateway: 'sandbox' } },
      ],
    });
  });

  it('throws DomainInvariantError for a zero, fractional or negative amount and a malformed currency', () => {
    for (const amount of [0, -1, 10.5]) expect(() => initiatePayment({ ...input, amount })).toThrow(DomainInvariantError);
    expect(() => initiatePayment({ ...input, currency: 'eur' })).toThrow(DomainInvariantError);
  });
});

describe('completePayment', () => {
  const report = { amount: 1999, currency: 'RUB', now: LATER };

  it.each<PaymentStatus>(['INITIATED', 'FAILED'])('completes a %s payment and emits payment.completed', (status) => {
    const r = completePayment(aPayment({ status }), report);
    expect(r).toEqual({
      ok: true,
      value: {
        state: aPayment({ status: 'COMPLETED', updatedAt: LATER }),
        events: [{ type: 'payment.completed', subject: 'pay-1', data: { paymentId: 'pay-1', bookingId: 'bkg-1', amount: 1999, currency: 'RUB' } }],
      },
    });
  });

  it.each(SETTLED)('treats a repeated success on a %s payment as a no-op', (status) => {
    const payment = aPayment({ status, refundedAmount: status === 'COMPLETED' ? 0 : 500 });
    const r = completePayment(payment, report);
    expect(r.ok && r.value.state).toBe(payment);
    expect(r.ok && r.value.events).toEqual([]);
  });

  it('refuses a report whose amount or currency differ, whatever the status', () => {
    for (const status of ['INITIATED', 'COMPLETED'] as const) {
      expect(completePayment(aPayment({ status }), { ...report, amount: 1998 })).toEqual({
        ok: false, error: expect.objectContaining({ type: 'PAYMENT_MISMATCH', field: 'amount' }),
      });
      expect(completePayment(aPayment({ status }), { ...report, currency: 'USD' })).toEqual({
        ok: false, error: expect.objectContaining({ type: 'PAYMENT_MISMATCH', field: 'currency' }),
      });
    }
  });

  it('names the currency when both differ (an amount in another currency means nothing)', () => {
    const r = completePayment(aPayment(), { amount: 20, currency: 'USD', now: LATER });
    expect(!r.ok && r.error.field).toBe('currency');
  });
});

describe('failPayment', () => {
  it('fails an INITIATED payment and emits payment.failed with the reason', () => {
    expect(failPayment(aPayment(), { reason: 'card declined', now: LATER })).toEqual({
      state: aPayment({ status: 'FAILED', updatedAt: LATER }),
      events: [{ type: 'payment.failed', subject: 'pay-1', data: { paymentId: 'pay-1', bookingId: 'bkg-1', reason: 'card declined' } }],
    });
  });

  it.each<PaymentStatus>(['FAILED', ...SETTLED])('leaves a %s payment as it is', (status) => {
    const payment = aPayment({ status });
    expect(failPayment(payment, { reason: null, now: LATER })).toEqual({ state: payment, events: [] });
  });
});

describe('refundPayment', () => {
  const paid = aPayment({ status: 'COMPLETED', amount: 10_000 });

  it('refunds part of a payment and emits payment.refunded with the running total', () => {
    const r = refundPayment(paid, { amount: 3000, now: LATER });
    expect(r).toEqual({
      ok: true,
      value: {
        state: { ...paid, status: 'PARTIALLY_REFUNDED', refundedAmount: 3000, updatedAt: LATER },
        events: [
          {
            type: 'payment.refunded', subject: 'pay-1',
            data: { paymentId: 'pay-1', bookingId: 'bkg-1', amount: 3000, currency: 'RUB', refundedTotal: 3000 },
          },
        ],
      },
    });
  });

  it('becomes REFUNDED when the partial refunds reach the amount paid', () => {
    const partly = { ...paid, status: 'PARTIALLY_REFUNDED', refundedAmount: 3000 } as const;
    const r = refundPayment(partly, { amount: 7000, now: LATER });
    expect(r.ok && r.value.state).toMatchObject({ status: 'REFUNDED', refundedAmount: 10_000 });
    expect(r.ok && r.value.events[0]?.data).toMatchObject({ amount: 7000, refundedTotal: 10_000 });
  });

  it.each<PaymentStatus>(['INITIATED', 'FAILED', 'REFUNDED'])('answers PAYMENT_NOT_REFUNDABLE for a %s payment', (status) => {
    expect(refundPayment(aPayment({ status }), { amount: 1, now: LATER })).toEqual({
      ok: false, error: expect.objectContaining({ type: 'PAYMENT_NOT_REFUNDABLE', status }),
    });
  });

  it.each([0, -5, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('answers INVALID_REFUND_AMOUNT for %s', (amount) => {
    expect(refundPayment(paid, { amount, now: LATER })).toEqual({ ok: false, error: expect.objectContaining({ type: 'INVALID_REFUND_AMOUNT' }) });
  });

  it('answers REFUND_EXCEEDS_PAYMENT with what is still refundable', () => {
    const partly: Payment = { ...paid, status: 'PARTIALLY_REFUNDED', refundedAmount: 9000 };
    expect(refundPayment(partly, { amount: 1001, now: LATER })).toEqual({
      ok: false, error: expect.objectContaining({ type: 'REFUND_EXCEEDS_PAYMENT', refundable: 1000 }),
    });
    expect(refundPayment(paid, { amount: 10_001, now: LATER })).toEqual({
      ok: false, error: expect.objectContaining({ type: 'REFUND_EXCEEDS_PAYMENT', refundable: 10_000 }),
    });
  });
});

describe('refundableAmount', () => {
  it('is what was received minus earlier refunds, and 0 before anything was received', () => {
    expect(refundableAmount(aPayment({ status: 'COMPLETED', amount: 500 }))).toBe(500);
    expect(refundableAmount(aPayment({ status: 'PARTIALLY_REFUNDED', amount: 500, refundedAmount: 120 }))).toBe(380);
    expect(refundableAmount(aPayment({ status: 'REFUNDED', amount: 500, refundedAmount: 500 }))).toBe(0);
    expect(refundableAmount(aPayment({ status: 'INITIATED', amount: 500 }))).toBe(0);
    expect(refundableAmount(aPayment({ status: 'FAILED', amount: 500 }))).toBe(0);
  });
});

describe('refund properties', () => {
  it('a refund never exceeds what was paid, whatever sequence of refunds is asked for', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(fc.oneof(fc.integer({ min: -10, max: 1_100_000 }), fc.integer({ min: 1, max: 50 })), { maxLength: 30 }),
        (amount, requests) => {
          let payment = aPayment({ status: 'COMPLETED', amount });
          let accepted = 0;
          for (const request of requests) {
            const before = payment;
            // An independent model of the rule: positive, and within what is left of the payment.
            const shouldAccept = before.status !== 'REFUNDED' && request >= 1 && accepted + request <= amount;
            const r = refundPayment(before, { amount: request, now: LATER });
            expect(r.ok).toBe(shouldAccept);
            if (r.ok) {
              accepted += request;
              payment = r.value.state;
              expect(r.value.events).toHaveLength(1);
            }
            expect(payment.refundedAmount).toBeGreaterThanOrEqual(0);
            expect(payment.refundedAmount).toBeLessThanOrEqual(payment.amount);
            expect(payment.refundedAmount).toBe(accepted);
            expect(payment.status === 'REFUNDED').toBe(payment.refundedAmount === payment.amount);
            expect(refundableAmount(payment)).toBe(amount - accepted);
          }
        },
      ),
    );
  });

  it('a settled payment never goes back to INITIATED or FAILED, whatever webhooks arrive', () => {
    const command = fc.oneof(
      fc.constant({ kind: 'complete' as const }),
      fc.constant({ kind: 'fail' as const }),
      fc.integer({ min: 1, max: 3000 }).map((amount) => ({ kind: 'refund' as const, amount })),
    );
    fc.assert(
      fc.property(fc.array(command, { maxLength: 20 }), (commands) => {
        let payment = aPayment({ status: 'COMPLETED', amount: 2000 });
        for (const c of commands) {
          if (c.kind === 'complete') {
            const r = completePayment(payment, { amount: 2000, currency: 'RUB', now: LATER });
            if (r.ok) payment = r.value.state;
          } else if (c.kind === 'fail') {
            payment = failPayment(payment, { reason: null, now: LATER }).state;
          } else {
            const r = refundPayment(payment, { amount: c.amount, now: LATER });
            if (r.ok) payment = r.value.state;
          }
          expect(SETTLED).toContain(payment.status);
        }
      }),
    );
  });
});
