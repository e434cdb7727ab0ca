import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { T0, hours } from '../shared/fixtures.test-support.js';
import { DomainInvariantError } from '../shared/result.js';
import {
  DEFAULT_REFUND_POLICY,
  quoteRefund,
  refundPercentAt,
  validateRefundPolicy,
  type RefundQuoteInput,
} from './refund-policy.js';
import type { RefundTier } from './refund.types.js';

const fieldOf = (tiers: readonly RefundTier[]): string | null => {
  const r = validateRefundPolicy(tiers);
  return r.ok ? null : r.error.field;
};

describe('DEFAULT_REFUND_POLICY (DESIGN §3.4 table)', () => {
  it.each([
    [10_000, 100],
    [168, 100],
    [167.99, 80],
    [48, 80],
    [47.99, 50],
    [24, 50],
    [23.99, 0],
    [0, 0],
    [-5, 0],
  ])('%s h before the start refunds %s %%', (h, percent) => {
    expect(refundPercentAt(DEFAULT_REFUND_POLICY, h)).toBe(percent);
  });

  it('is accepted by its own validation unchanged', () => {
    expect(validateRefundPolicy(DEFAULT_REFUND_POLICY)).toEqual({ ok: true, value: DEFAULT_REFUND_POLICY });
  });
});

describe('refundPercentAt', () => {
  it('gives 0 % for an empty policy', () => {
    expect(refundPercentAt([], 1000)).toBe(0);
  });

  it('reads an unsorted policy the same as a sorted one', () => {
    const unsorted = [{ minHoursBefore: 24, percent: 50 }, { minHoursBefore: 168, percent: 100 }, { minHoursBefore: 48, percent: 80 }];
    expect([200, 100, 30, 10].map((h) => refundPercentAt(unsorted, h))).toEqual([100, 80, 50, 0]);
  });

  it('applies a tier at 0 hours until the start but not after it', () => {
    const policy = [{ minHoursBefore: 0, percent: 10 }];
    expect(refundPercentAt(policy, 0)).toBe(10);
    expect(refundPercentAt(policy, -0.01)).toBe(0);
  });
});

describe('validateRefundPolicy', () => {
  it('returns the tiers sorted by minHoursBefore descending', () => {
    const r = validateRefundPolicy([{ minHoursBefore: 24, percent: 50 }, { minHoursBefore: 168, percent: 100 }, { minHoursBefore: 48, percent: 80 }]);
    expect(r).toEqual({ ok: true, value: DEFAULT_REFUND_POLICY });
  });

  it('accepts an empty policy (never refunds) and equal percents on consecutive tiers', () => {
    expect(validateRefundPolicy([]).ok).toBe(true);
    expect(validateRefundPolicy([{ minHoursBefore: 72, percent: 50 }, { minHoursBefore: 0.5, percent: 50 }]).ok).toBe(true);
  });

  it('drops members that are not part of a tier', () => {
    const r = validateRefundPolicy([{ minHoursBefore: 1, percent: 5, extra: true } as RefundTier]);
    expect(r).toEqual({ ok: true, value: [{ minHoursBefore: 1, percent: 5 }] });
  });

  it('rejects a percent that is not an integer from 0 to 100', () => {
    expect(fieldOf([{ minHoursBefore: 48, percent: 80 }, { minHoursBefore: 24, percent: 101 }])).toBe('refundPolicy[1].percent');
    expect(fieldOf([{ minHoursBefore: 24, percent: -1 }])).toBe('refundPolicy[0].percent');
    expect(fieldOf([{ minHoursBefore: 24, percent: 50.5 }])).toBe('refundPolicy[0].percent');
    expect(fieldOf([{ minHoursBefore: 24, percent: Number.NaN }])).toBe('refundPolicy[0].percent');
  });

  it('rejects a negative or non-finite minHoursBefore', () => {
    expect(fieldOf([{ minHoursBefore: -1, percent: 0 }])).toBe('refundPolicy[0].minHoursBefore');
    expect(fieldOf([{ minHoursBefore: 1, percent: 0 }, { minHoursBefore: Number.POSITIVE_INFINITY, percent: 0 }])).toBe(
      'refundPolicy[1].minHoursBefore',
    );
    expect(fieldOf([{ minHoursBefore: Number.NaN, percent: 0 }])).toBe('refundPolicy[0].minHoursBefore');
  });

  it('rejects two tiers with the same minHoursBefore, pointing at the second', () => {
    const r = validateRefundPolicy([{ minHoursBefore: 48, percent: 80 }, { minHoursBefore: 24, percent: 50 }, { minHoursBefore: 48, percent: 70 }]);
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ type: 'INVALID_REFUND_POLICY', field: 'refundPolicy[2].minHoursBefore' }) });
  });

  it('rejects a percent that grows as the start gets closer, pointing at the closer tier in input order', () => {
    // Input order differs from the sorted order on purpose: the field must name the input position.
    const r = validateRefundPolicy([{ minHoursBefore: 24, percent: 90 }, { minHoursBefore: 168, percent: 100 }, { minHoursBefore: 48, percent: 80 }]);
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ type: 'INVALID_REFUND_POLICY', field: 'refundPolicy[0].percent' }) });
  });

  it('accepts 20 tiers and rejects 21', () => {
    const tiers = (n: number): RefundTier[] => Array.from({ length: n }, (_, i) => ({ minHoursBefore: i, percent: i }));
    expect(validateRefundPolicy(tiers(20)).ok).toBe(true);
    expect(fieldOf(tiers(21))).toBe('refundPolicy');
  });
});

const tierArb = fc.record({
  minHoursBefore: fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0, max: 1000, noNaN: true })),
  percent: fc.integer({ min: 0, max: 100 }),
});

/** Mostly-valid inputs: random tiers (often rejected) and monotone ones built to pass, in shuffled order. */
const candidateTiersArb = fc.oneof(
  fc.array(tierArb, { maxLength: 8 }),
  fc
    .tuple(
      fc.uniqueArray(fc.double({ min: 0, max: 1000, noNaN: true }), { maxLength: 20 }),
      fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 20, maxLength: 20 }),
    )
    .chain(([hs, ps]) => {
      const sortedPs = [...ps].sort((a, b) => b - a);
      const tiers = [...hs].sort((a, b) => b - a).map((h, i) => ({ minHoursBefore: h, percent: sortedPs[i] ?? 0 }));
      return fc.shuffledSubarray(tiers, { minLength: tiers.length, maxLength: tiers.length });
    }),
);

describe('refund percent properties', () => {
  it('more hours before the start never gives a smaller percent, for any policy validation accepts', () => {
    fc.assert(
      fc.property(
        candidateTiersArb,
        fc.double({ min: -100, max: 1200, noNaN: true }),
        fc.double({ min: 0, max: 1200, noNaN: true }),
        (tiers, h, extra) => {
          const r = validateRefundPolicy(tiers);
          fc.pre(r.ok);
          if (!r.ok) return;
          expect(refundPercentAt(r.value, h + extra)).toBeGreaterThanOrEqual(refundPercentAt(r.value, h));
        },
      ),
    );
  });

  it('monotone policies are always accepted (tiers sorted, percents assigned non-increasing)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { maxLength: 20 }),
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 20, maxLength: 20 }),
        (hoursList, percents) => {
          const hs = [...hoursList].sort((a, b) => b - a);
          const ps = [...percents].sort((a, b) => b - a);
          const tiers = hs.map((h, i) => ({ minHoursBefore: h, percent: ps[i] ?? 0 }));
          expect(validateRefundPolicy([...tiers].reverse())).toEqual({ ok: true, value: tiers });
        },
      ),
    );
  });
});

const quote = (overrides: Partial<RefundQuoteInput> = {}): ReturnType<typeof quoteRefund> =>
  quoteRefund({
    paidAmount: 10_000, alreadyRefunded: 0, policy: DEFAULT_REFUND_POLICY, startsAt: T0 + hours(100), now: T0,
    rescheduled: false, overridePercent: null, ...overrides,
  });

describe('quoteRefund', () => {
  it('refunds by the policy at the current time', () => {
    expect(quote()).toEqual({ percent: 80, amount: 8000, refundable: 10_000, hoursBeforeStart: 100, basis: 'POLICY' });
    expect(quote({ startsAt: T0 + hours(23.99) })).toMatchObject({ percent: 0, amount: 0, basis: 'POLICY' });
  });

  it('rounds half up to the minor unit', () => {
    // 50 % of 1999 = 999.5 → 1000; 80 % of 1999 = 1599.2 → 1599.
    expect(quote({ paidAmount: 1999, startsAt: T0 + hours(30) }).amount).toBe(1000);
    expect(quote({ paidAmount: 1999 }).amount).toBe(1599);
  });

  it('refunds 100 % after a reschedule whatever the policy says', () => {
    expect(quote({ rescheduled: true, startsAt: T0 + hours(1) })).toMatchObject({ percent: 100, amount: 10_000, basis: 'RESCHEDULED' });
  });

  it('uses an override before the reschedule rule and the policy', () => {
    expect(quote({ rescheduled: true, overridePercent: 30 })).toMatchObject({ percent: 30, amount: 3000, basis: 'OVERRIDE' });
    expect(quote({ overridePercent: 0 })).toMatchObject({ percent: 0, amount: 0, basis: 'OVERRIDE' });
    expect(quote({ paidAmount: 999, overridePercent: 12.5 }).amount).toBe(125); // 124.875 → 125
  });

  it('caps the amount at what earlier refunds left', () => {
    expect(quote({ alreadyRefunded: 7000, overridePercent: 100 })).toMatchObject({ amount: 3000, refundable: 3000 });
    expect(quote({ alreadyRefunded: 10_000 })).toMatchObject({ amount: 0, refundable: 0 });
  });

  it('reports the hours left, negative once the event started', () => {
    expect(quote({ startsAt: T0 - hours(2) })).toMatchObject({ hoursBeforeStart: -2, percent: 0, amount: 0 });
  });

  it('throws DomainInvariantError for an override outside 0..100 and for impossible amounts', () => {
    for (const overridePercent of [-1, 100.5, Number.NaN]) {
      expect(() => quote({ overridePercent })).toThrow(DomainInvariantError);
    }
    expect(() => quote({ paidAmount: 10.5 })).toThrow(DomainInvariantError);
    expect(() => quote({ alreadyRefunded: -1 })).toThrow(DomainInvariantError);
    expect(() => quote({ alreadyRefunded: 10_001 })).toThrow(DomainInvariantError);
  });

  it('never quotes more than is refundable, nor more than the percent of what was paid', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }).chain((paid) => fc.tuple(fc.constant(paid), fc.integer({ min: 0, max: paid }))),
        candidateTiersArb,
        fc.integer({ min: -hours(48), max: hours(400) }),
        fc.boolean(),
        fc.option(fc.integer({ min: 0, max: 100 })),
        ([paidAmount, alreadyRefunded], tiers, offset, rescheduled, overridePercent) => {
          const policy = validateRefundPolicy(tiers);
          fc.pre(policy.ok);
          if (!policy.ok) return;
          const q = quoteRefund({ paidAmount, alreadyRefunded, policy: policy.value, startsAt: T0 + offset, now: T0, rescheduled, overridePercent });
          expect(q.refundable).toBe(paidAmount - alreadyRefunded);
          expect(q.amount).toBeGreaterThanOrEqual(0);
          expect(q.amount).toBeLessThanOrEqual(q.refundable);
          // Exact rational bound: amount ≤ paid × percent / 100 + ½.
          expect(BigInt(q.amount) * 200n).toBeLessThanOrEqual(BigInt(paidAmount) * BigInt(q.percent) * 2n + 100n);
        },
      ),
    );
  });
});
