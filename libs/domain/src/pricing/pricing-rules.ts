import { domainError, type DomainError } from '../shared/errors.js';
import { err, ok, type Result } from '../shared/result.js';
import type { DynamicPricingTier, GroupDiscountTier } from './pricing.types.js';

type RulesError = Extract<DomainError, { type: 'INVALID_PRICING_RULES' }>;

export type PricingRules = {
  readonly dynamicPricing: readonly DynamicPricingTier[];
  readonly groupDiscounts: readonly GroupDiscountTier[];
};

/** Same ceiling as refund tiers: far above any real use, and it bounds what a client can make us store. */
export const MAX_PRICING_TIERS = 20;
export const MAX_DYNAMIC_MULTIPLIER = 10;

const invalid = (field: string, detail: string): RulesError => domainError('INVALID_PRICING_RULES', detail, { field });

/** True when `value` is finite and has at most `places` decimals (as a person would write it). */
export function hasAtMostDecimals(value: number, places: number): boolean {
  if (!Number.isFinite(value)) return false;
  const scaled = value * 10 ** places;
  return Number.isSafeInteger(Math.round(scaled)) && Math.abs(Math.round(scaled) - scaled) <= 1e-6;
}

function checkDynamic(tiers: readonly DynamicPricingTier[]): RulesError | null {
  if (tiers.length > MAX_PRICING_TIERS) return invalid('dynamicPricing', `at most ${MAX_PRICING_TIERS} dynamic pricing tiers`);
  const seen = new Set<number>();
  for (const [i, { minFillPercent, multiplier }] of tiers.entries()) {
    if (!Number.isFinite(minFillPercent) || minFillPercent < 0 || minFillPercent > 100) {
      return invalid(`dynamicPricing[${i}].minFillPercent`, 'minFillPercent must be from 0 to 100');
    }
    if (!(multiplier > 0 && multiplier <= MAX_DYNAMIC_MULTIPLIER) || !hasAtMostDecimals(multiplier, 4)) {
      return invalid(
        `dynamicPricing[${i}].multiplier`,
        `multiplier must be above 0 and at most ${MAX_DYNAMIC_MULTIPLIER}, with at most four decimals`,
      );
    }
    if (seen.has(minFillPercent)) return invalid(`dynamicPricing[${i}].minFillPercent`, `two tiers start at ${minFillPercent} %`);
    seen.add(minFillPercent);
  }
  return null;
}

function checkGroup(tiers: readonly GroupDiscountTier[]): RulesError | null {
  if (tiers.length > MAX_PRICING_TIERS) return invalid('groupDiscounts', `at most ${MAX_PRICING_TIERS} group discount tiers`);
  const seen = new Set<number>();
  for (const [i, { minQuantity, percent }] of tiers.entries()) {
    if (!Number.isSafeInteger(minQuantity) || minQuantity < 2) {
      return invalid(`groupDiscounts[${i}].minQuantity`, 'minQuantity must be an integer of at least 2');
    }
    if (!(percent >= 1 && percent <= 100) || !hasAtMostDecimals(percent, 2)) {
      return invalid(`groupDiscounts[${i}].percent`, 'percent must be from 1 to 100, with at most two decimals');
    }
    if (seen.has(minQuantity)) return invalid(`groupDiscounts[${i}].minQuantity`, `two tiers start at ${minQuantity} seats`);
    seen.add(minQuantity);
  }
  return null;
}

/**
 * Checks an event's dynamic pricing and group discounts and returns them sorted ascending by threshold.
 * Neither list has to be monotone: an organiser may price the last seats lower, or discount a mid-size group more.
 */
export function validatePricingRules(input: PricingRules): Result<PricingRules, RulesError> {
  const problem = checkDynamic(input.dynamicPricing) ?? checkGroup(input.groupDiscounts);
  if (problem) return err(problem);
  return ok({
    dynamicPricing: input.dynamicPricing
      .map((t) => ({ minFillPercent: t.minFillPercent, multiplier: t.multiplier }))
      .sort((a, b) => a.minFillPercent - b.minFillPercent),
    groupDiscounts: input.groupDiscounts
      .map((t) => ({ minQuantity: t.minQuantity, percent: t.percent }))
      .sort((a, b) => a.minQuantity - b.minQuantity),
  });
}
