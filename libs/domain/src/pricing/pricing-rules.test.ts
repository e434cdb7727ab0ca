import { describe, expect, it } from 'vitest';
import { hasAtMostDecimals, validatePricingRules, type PricingRules } from './pricing-rules.js';

const rules = (overrides: Partial<PricingRules>): PricingRules => ({ dynamicPricing: [], groupDiscounts: [], ...overrides });

const fieldOf = (input: PricingRules): string | null => {
  const r = validatePricingRules(input);
  return r.ok ? null : r.error.field;
};

describe('validatePricingRules', () => {
  it('accepts no rules at all', () => {
    expect(validatePricingRules(rules({}))).toEqual({ ok: true, value: { dynamicPricing: [], groupDiscounts: [] } });
  });

  it('returns both lists sorted ascending by threshold', () => {
    const r = validatePricingRules({
      dynamicPricing: [{ minFillPercent: 80, multiplier: 1.25 }, { minFillPercent: 0, multiplier: 0.9 }, { minFillPercent: 50, multiplier: 1.1 }],
      groupDiscounts: [{ minQuantity: 10, percent: 15 }, { minQuantity: 5, percent: 10 }],
    });
    expect(r).toEqual({
      ok: true,
      value: {
        dynamicPricing: [{ minFillPercent: 0, multiplier: 0.9 }, { minFillPercent: 50, multiplier: 1.1 }, { minFillPercent: 80, multiplier: 1.25 }],
        groupDiscounts: [{ minQuantity: 5, percent: 10 }, { minQuantity: 10, percent: 15 }],
      },
    });
  });

  it('accepts the edges of every range', () => {
    const r = validatePricingRules({
      dynamicPricing: [{ minFillPercent: 0, multiplier: 0.0001 }, { minFillPercent: 100, multiplier: 10 }, { minFillPercent: 33.5, multiplier: 1.2345 }],
      groupDiscounts: [{ minQuantity: 2, percent: 1 }, { minQuantity: 3, percent: 100 }, { minQuantity: 4, percent: 12.34 }],
    });
    expect(r.ok).toBe(true);
  });

  it.each([
    [{ minFillPercent: -1, multiplier: 1.1 }, 'dynamicPricing[1].minFillPercent'],
    [{ minFillPercent: 100.01, multiplier: 1.1 }, 'dynamicPricing[1].minFillPercent'],
    [{ minFillPercent: Number.NaN, multiplier: 1.1 }, 'dynamicPricing[1].minFillPercent'],
    [{ minFillPercent: 60, multiplier: 0 }, 'dynamicPricing[1].multiplier'],
    [{ minFillPercent: 60, multiplier: -1 }, 'dynamicPricing[1].multiplier'],
    [{ minFillPercent: 60, multiplier: 10.0001 }, 'dynamicPricing[1].multiplier'],
    [{ minFillPercent: 60, multiplier: 1.00001 }, 'dynamicPricing[1].multiplier'],
    [{ minFillPercent: 60, multiplier: Number.NaN }, 'dynamicPricing[1].multiplier'],
    [{ minFillPercent: 50, multiplier: 1.3 }, 'dynamicPricing[1].minFillPercent'],
  ])('rejects the dynamic tier %o with field %s', (tier, field) => {
    expect(fieldOf(rules({ dynamicPricing: [{ minFillPercent: 50, multiplier: 1.1 }, tier] }))).toBe(field);
  });

  it.each([
    [{ minQuantity: 1, percent: 5 }, 'groupDiscounts[1].minQuantity'],
    [{ minQuantity: 2.5, percent: 5 }, 'groupDiscounts[1].minQuantity'],
    [{ minQuantity: 6, percent: 0 }, 'groupDiscounts[1].percent'],
    [{ minQuantity: 6, percent: 0.5 }, 'groupDiscounts[1].percent'],
    [{ minQuantity: 6, percent: 100.01 }, 'groupDiscounts[1].percent'],
    [{ minQuantity: 6, percent: 12.345 }, 'groupDiscounts[1].percent'],
    [{ minQuantity: 5, percent: 20 }, 'groupDiscounts[1].minQuantity'],
  ])('rejects the group tier %o with field %s', (tier, field) => {
    expect(fieldOf(rules({ groupDiscounts: [{ minQuantity: 5, percent: 10 }, tier] }))).toBe(field);
  });

  it('reports errors as INVALID_PRICING_RULES', () => {
    expect(validatePricingRules(rules({ groupDiscounts: [{ minQuantity: 1, percent: 5 }] }))).toEqual({
      ok: false,
      error: { type: 'INVALID_PRICING_RULES', detail: expect.any(String), field: 'groupDiscounts[0].minQuantity' },
    });
  });

  it('accepts 20 tiers per list and rejects 21', () => {
    const dyn = (n: number) => Array.from({ length: n }, (_, i) => ({ minFillPercent: i, multiplier: 1 + i / 100 }));
    const grp = (n: number) => Array.from({ length: n }, (_, i) => ({ minQuantity: i + 2, percent: i + 1 }));
    expect(validatePricingRules({ dynamicPricing: dyn(20), groupDiscounts: grp(20) }).ok).toBe(true);
    expect(fieldOf(rules({ dynamicPricing: dyn(21) }))).toBe('dynamicPricing');
    expect(fieldOf(rules({ groupDiscounts: grp(21) }))).toBe('groupDiscounts');
  });
});

describe('hasAtMostDecimals', () => {
  it('tells decimals a person wrote from ones that need more places', () => {
    expect([hasAtMostDecimals(1.1, 4), hasAtMostDecimals(0.0001, 4), hasAtMostDecimals(12.34, 2)]).toEqual([true, true, true]);
    expect([hasAtMostDecimals(0.00001, 4), hasAtMostDecimals(12.345, 2), hasAtMostDecimals(Number.POSITIVE_INFINITY, 4)]).toEqual([
      false, false, false,
    ]);
  });
});
