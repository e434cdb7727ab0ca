import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aPromo } from '../shared/fixtures.test-support.js';
import { DomainInvariantError } from '../shared/result.js';
import { validatePricingRules } from './pricing-rules.js';
import { dynamicMultiplierFor, fillPercent, groupDiscountPercentFor, priceBooking, type PriceBookingInput } from './pricing.js';
import type { PromoCode } from './pricing.types.js';

const input = (overrides: Partial<PriceBookingInput> = {}): PriceBookingInput => ({
  unitPrice: 1999, currency: 'RUB', quantity: 1, capacity: 10, seatsTaken: 0, dynamicPricing: [], groupDiscounts: [],
  promo: null, ...overrides,
});

const DYNAMIC = [{ minFillPercent: 80, multiplier: 1.25 }, { minFillPercent: 50, multiplier: 1.1 }];
const GROUP = [{ minQuantity: 10, percent: 15 }, { minQuantity: 5, percent: 10 }];

describe('dynamicMultiplierFor and groupDiscountPercentFor', () => {
  it('pick the highest tier reached, whatever the order of the list', () => {
    expect([0, 49.99, 50, 79, 80, 100].map((f) => dynamicMultiplierFor(DYNAMIC, f))).toEqual([1, 1, 1.1, 1.1, 1.25, 1.25]);
    expect([1, 4, 5, 9, 10, 50].map((q) => groupDiscountPercentFor(GROUP, q))).toEqual([0, 0, 10, 10, 15, 15]);
  });

  it('fall back to 1 and 0 without tiers', () => {
    expect(dynamicMultiplierFor([], 100)).toBe(1);
    expect(groupDiscountPercentFor([], 100)).toBe(0);
  });
});

describe('fillPercent', () => {
  it('is the share of capacity taken, exact for round shares', () => {
    expect(fillPercent(7, 10)).toBe(70); // 7 / 10 * 100 would be 70.00000000000001
    expect(fillPercent(1, 3)).toBeCloseTo(33.3333, 4);
    expect(fillPercent(0, 0)).toBe(100);
  });
});

describe('priceBooking', () => {
  it('without rules the total is the price times the quantity', () => {
    expect(priceBooking(input({ quantity: 2 }))).toEqual({
      currency: 'RUB', unitPrice: 1999, quantity: 2, subtotal: 3998, dynamicMultiplier: 1, groupDiscount: 0, promoDiscount: 0, total: 3998,
    });
  });

  it('applies the multiplier of the fill before this booking and rounds the unit half up', () => {
    // 8/10 taken → 1.25: 1999 × 1.25 = 2498.75 → 2499.
    expect(priceBooking(input({ seatsTaken: 8, dynamicPricing: DYNAMIC }))).toMatchObject({ dynamicMultiplier: 1.25, unitPrice: 2499, total: 2499 });
    // 7/10 taken, booking 3 would reach 100 %, but only the fill before counts → 1.1: 2198.9 → 2199.
    expect(priceBooking(input({ seatsTaken: 7, quantity: 3, dynamicPricing: DYNAMIC }))).toMatchObject({
      dynamicMultiplier: 1.1, unitPrice: 2199, subtotal: 6597,
    });
  });

  it('compares fractional fill thresholds exactly enough', () => {
    const tiers = [{ minFillPercent: 33.33, multiplier: 2 }];
    expect(priceBooking(input({ capacity: 3, seatsTaken: 1, dynamicPricing: tiers })).dynamicMultiplier).toBe(2);
    expect(priceBooking(input({ capacity: 3, seatsTaken: 1, dynamicPricing: [{ minFillPercent: 33.34, multiplier: 2 }] })).dynamicMultiplier).toBe(1);
  });

  it('takes the group discount as a percent of the subtotal, rounded half up', () => {
    // 1999 × 5 = 9995; 10 % = 999.5 → 1000.
    expect(priceBooking(input({ quantity: 5, groupDiscounts: GROUP }))).toMatchObject({ subtotal: 9995, groupDiscount: 1000, total: 8995 });
    expect(priceBooking(input({ quantity: 4, groupDiscounts: GROUP }))).toMatchObject({ groupDiscount: 0, total: 7996 });
  });

  it('takes a percent promo from the total after the group discount', () => {
    // 8995 × 10 % = 899.5 → 900.
    const r = priceBooking(input({ quantity: 5, groupDiscounts: GROUP, promo: aPromo({ discountPercent: 10 }) }));
    expect(r).toMatchObject({ groupDiscount: 1000, promoDiscount: 900, total: 8095 });
  });

  it('takes a fixed promo in full, or caps it at the running total so the total stays at 0', () => {
    const amountPromo = (discountAmount: number): PromoCode => aPromo({ discountPercent: null, discountAmount, currency: 'RUB' });
    expect(priceBooking(input({ promo: amountPromo(500) }))).toMatchObject({ promoDiscount: 500, total: 1499 });
    expect(priceBooking(input({ promo: amountPromo(1_000_000) }))).toMatchObject({ promoDiscount: 1999, total: 0 });
  });

  it('a 100 % promo makes the booking free', () => {
    expect(priceBooking(input({ quantity: 3, promo: aPromo({ discountPercent: 100 }) })).total).toBe(0);
  });

  it('prices a free option at 0', () => {
    expect(priceBooking(input({ unitPrice: 0, quantity: 4, dynamicPricing: DYNAMIC, seatsTaken: 9 })).total).toBe(0);
  });

  it('throws CURRENCY_MISMATCH for an amount promo in another currency (checkPromoCode should have refused it)', () => {
    const promo = aPromo({ discountPercent: null, discountAmount: 500, currency: 'EUR' });
    expect(() => priceBooking(input({ promo }))).toThrow(expect.objectContaining({ name: 'DomainInvariantError', code: 'CURRENCY_MISMATCH' }));
  });

  it('throws for a promo with both or neither discount, a bad quantity or a negative price', () => {
    expect(() => priceBooking(input({ promo: aPromo({ discountPercent: null }) }))).toThrow(DomainInvariantError);
    expect(() => priceBooking(input({ promo: aPromo({ discountAmount: 5, currency: 'RUB' }) }))).toThrow(DomainInvariantError);
    for (const quantity of [0, 1.5]) expect(() => priceBooking(input({ quantity }))).toThrow(DomainInvariantError);
    expect(() => priceBooking(input({ unitPrice: -1 }))).toThrow(DomainInvariantError);
  });
});

// Thresholds and values are generated as integers and scaled, so every generated rule set is expressible.
const dynamicArb = fc.uniqueArray(
  fc.record({ minFillPercent: fc.integer({ min: 0, max: 100 }), multiplier: fc.integer({ min: 1, max: 100_000 }).map((m) => m / 10_000) }),
  { selector: (t) => t.minFillPercent, maxLength: 6 },
);
const groupArb = fc.uniqueArray(
  fc.record({ minQuantity: fc.integer({ min: 2, max: 60 }), percent: fc.integer({ min: 100, max: 10_000 }).map((p) => p / 100) }),
  { selector: (t) => t.minQuantity, maxLength: 6 },
);
const promoArb = fc.option(
  fc.oneof(
    fc.integer({ min: 1, max: 100 }).map((discountPercent) => aPromo({ discountPercent })),
    fc.integer({ min: 1, max: 5_000_000 }).map((discountAmount) => aPromo({ discountPercent: null, discountAmount, currency: 'RUB' })),
  ),
);
const bookingArb = fc
  .record({ unitPrice: fc.integer({ min: 0, max: 10_000_000 }), quantity: fc.integer({ min: 1, max: 50 }), capacity: fc.integer({ min: 1, max: 500 }) })
  .chain((b) => fc.integer({ min: 0, max: b.capacity }).map((seatsTaken) => ({ ...b, seatsTaken })));

describe('pricing properties', () => {
  it('the total is never negative nor above unit price × quantity × the highest multiplier (or 1), for any valid rules and promo', () => {
    fc.assert(
      fc.property(bookingArb, dynamicArb, groupArb, promoArb, (booking, dynamic, group, promo) => {
        const rules = validatePricingRules({ dynamicPricing: dynamic, groupDiscounts: group });
        expect(rules.ok).toBe(true);
        if (!rules.ok) return;
        const r = priceBooking({ ...booking, currency: 'RUB', promo, ...rules.value });
        // The highest multiplier, but at least 1: below every tier the price is not multiplied at all.
        const maxScaled = BigInt(Math.max(10_000, ...dynamic.map((t) => Math.round(t.multiplier * 10_000))));
        // Only the unit is rounded, so the bound allows half a minor unit per seat: round half up(price × m) × quantity.
        const boundUnit = (BigInt(booking.unitPrice) * maxScaled * 2n + 10_000n) / 20_000n;
        expect(r.total).toBeGreaterThanOrEqual(0);
        expect(BigInt(r.total)).toBeLessThanOrEqual(boundUnit * BigInt(booking.quantity));
        expect(r.subtotal).toBe(r.unitPrice * r.quantity);
        expect(r.total).toBe(r.subtotal - r.groupDiscount - r.promoDiscount);
        expect(r.groupDiscount).toBeGreaterThanOrEqual(0);
        expect(r.promoDiscount).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('a promo never raises the price', () => {
    fc.assert(
      fc.property(bookingArb, dynamicArb, groupArb, promoArb, (booking, dynamicPricing, groupDiscounts, promo) => {
        const base = { ...booking, currency: 'RUB', dynamicPricing, groupDiscounts };
        expect(priceBooking({ ...base, promo }).total).toBeLessThanOrEqual(priceBooking({ ...base, promo: null }).total);
      }),
    );
  });
});
