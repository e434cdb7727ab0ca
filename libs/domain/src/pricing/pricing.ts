import { minimum, money, multiply, multiplyDecimal, percentOf, subtract, zero, type Money } from '../shared/money.js';
import { DomainInvariantError } from '../shared/result.js';
import type { DynamicPricingTier, GroupDiscountTier, PriceBreakdown, PromoCode } from './pricing.types.js';

/** Share of capacity taken, in percent. An event without seats counts as full rather than dividing by zero. */
export function fillPercent(seatsTaken: number, capacity: number): number {
  return capacity > 0 ? (seatsTaken * 100) / capacity : 100;
}

/** The multiplier of the highest tier whose `minFillPercent` is reached; 1 when none is. Order of `tiers` is irrelevant. */
export function dynamicMultiplierFor(tiers: readonly DynamicPricingTier[], fill: number): number {
  let best: DynamicPricingTier | null = null;
  for (const tier of tiers) {
    if (tier.minFillPercent <= fill && (best === null || tier.minFillPercent > best.minFillPercent)) best = tier;
  }
  return best === null ? 1 : best.multiplier;
}

/** The percent of the highest tier whose `minQuantity` is reached; 0 when none is. */
export function groupDiscountPercentFor(tiers: readonly GroupDiscountTier[], quantity: number): number {
  let best: GroupDiscountTier | null = null;
  for (const tier of tiers) {
    if (tier.minQuantity <= quantity && (best === null || tier.minQuantity > best.minQuantity)) best = tier;
  }
  return best === null ? 0 : best.percent;
}

export type PriceBookingInput = {
  /** Price of the option, in minor units of `currency`. */
  readonly unitPrice: number;
  readonly currency: string;
  readonly quantity: number;
  readonly capacity: number;
  /** Seats taken before this booking. */
  readonly seatsTaken: number;
  readonly dynamicPricing: readonly DynamicPricingTier[];
  readonly groupDiscounts: readonly GroupDiscountTier[];
  /** Already checked with `checkPromoCode`. */
  readonly promo: PromoCode | null;
};

function promoDiscount(promo: PromoCode | null, running: Money): Money {
  if (promo === null) return zero(running.currency);
  const { discountPercent, discountAmount } = promo;
  if (discountPercent !== null && discountAmount === null) return percentOf(running, discountPercent);
  if (discountAmount !== null && discountPercent === null) {
    if (promo.currency !== running.currency) {
      throw new DomainInvariantError(
        'CURRENCY_MISMATCH',
        `promo ${promo.code} discounts ${promo.currency ?? 'no currency'}, the booking is in ${running.currency}`,
      );
    }
    return minimum(money(discountAmount, running.currency), running);
  }
  throw new DomainInvariantError('INVALID_ARGUMENT', `promo ${promo.code} must set exactly one of discountPercent and discountAmount`);
}

/**
 * DESIGN §3.6, in order: dynamic multiplier on the unit price (by fill before this booking), subtotal,
 * group discount on the subtotal, promo on what is left (a fixed amount never takes it below 0).
 * `unitPrice` in the breakdown is the unit after the multiplier, so `subtotal = unitPrice × quantity` holds.
 */
export function priceBooking(input: PriceBookingInput): PriceBreakdown {
  const { currency, quantity } = input;
  if (!Number.isSafeInteger(quantity) || quantity < 1) {
    throw new DomainInvariantError('INVALID_ARGUMENT', `quantity must be a positive integer, got ${quantity}`);
  }
  if (input.unitPrice < 0) throw new DomainInvariantError('INVALID_AMOUNT', `unit price may not be negative, got ${input.unitPrice}`);
  const dynamicMultiplier = dynamicMultiplierFor(input.dynamicPricing, fillPercent(input.seatsTaken, input.capacity));
  const unit = multiplyDecimal(money(input.unitPrice, currency), dynamicMultiplier);
  const subtotal = multiply(unit, quantity);
  const groupDiscount = percentOf(subtotal, groupDiscountPercentFor(input.groupDiscounts, quantity));
  const afterGroup = subtract(subtotal, groupDiscount);
  const promo = promoDiscount(input.promo, afterGroup);
  const total = subtract(afterGroup, promo);
  return {
    currency,
    unitPrice: unit.amount,
    quantity,
    subtotal: subtotal.amount,
    dynamicMultiplier,
    groupDiscount: groupDiscount.amount,
    promoDiscount: promo.amount,
    total: total.amount,
  };
}
