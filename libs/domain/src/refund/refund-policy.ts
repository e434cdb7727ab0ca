import { domainError, type DomainError } from '../shared/errors.js';
import { divideRoundHalfUp, toScaled } from '../shared/money.js';
import { DomainInvariantError, err, ok, type Result } from '../shared/result.js';
import { hoursUntil, type Instant } from '../shared/time.js';
import type { RefundPolicy, RefundTier } from './refund.types.js';

type PolicyError = Extract<DomainError, { type: 'INVALID_REFUND_POLICY' }>;

/** DESIGN §3.4: 100 % from 7 days out, 80 % from 48 h, 50 % from 24 h, nothing closer to the start. */
export const DEFAULT_REFUND_POLICY: RefundPolicy = Object.freeze([
  Object.freeze({ minHoursBefore: 168, percent: 100 }),
  Object.freeze({ minHoursBefore: 48, percent: 80 }),
  Object.freeze({ minHoursBefore: 24, percent: 50 }),
]);

/** A generous ceiling that no real policy reaches; it keeps stored policies and their evaluation small. */
export const MAX_REFUND_TIERS = 20;

const invalid = (field: string, detail: string): PolicyError => domainError('INVALID_REFUND_POLICY', detail, { field });

/**
 * Checks a policy as entered and returns it sorted by `minHoursBefore` descending, the order in which tiers
 * are read. Error fields point at the tier's position in the input, so a client can highlight it.
 */
export function validateRefundPolicy(tiers: readonly RefundTier[]): Result<RefundPolicy, PolicyError> {
  if (tiers.length > MAX_REFUND_TIERS) {
    return err(invalid('refundPolicy', `a refund policy has at most ${MAX_REFUND_TIERS} tiers, got ${tiers.length}`));
  }
  const seen = new Set<number>();
  for (const [i, tier] of tiers.entries()) {
    const { minHoursBefore, percent } = tier;
    if (!Number.isFinite(minHoursBefore) || minHoursBefore < 0) {
      return err(invalid(`refundPolicy[${i}].minHoursBefore`, 'minHoursBefore must be a finite number of hours, at least 0'));
    }
    if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
      return err(invalid(`refundPolicy[${i}].percent`, 'percent must be an integer from 0 to 100'));
    }
    if (seen.has(minHoursBefore)) {
      return err(invalid(`refundPolicy[${i}].minHoursBefore`, `two tiers start at ${minHoursBefore} hours`));
    }
    seen.add(minHoursBefore);
  }
  const sorted = tiers
    .map((t, index) => ({ index, tier: { minHoursBefore: t.minHoursBefore, percent: t.percent } }))
    .sort((a, b) => b.tier.minHoursBefore - a.tier.minHoursBefore);
  for (let k = 1; k < sorted.length; k++) {
    const closer = sorted[k];
    const further = sorted[k - 1];
    if (closer && further && closer.tier.percent > further.tier.percent) {
      return err(
        invalid(
          `refundPolicy[${closer.index}].percent`,
          `${closer.tier.percent} % at ${closer.tier.minHoursBefore} h is more than ${further.tier.percent} % at ` +
            `${further.tier.minHoursBefore} h: the refund may not grow as the start gets closer`,
        ),
      );
    }
  }
  return ok(sorted.map((s) => s.tier));
}

/**
 * The percent refunded `hoursBeforeStart` hours before the start: the tier with the largest `minHoursBefore`
 * not above the hours left, 0 when none. Does not rely on the order, so an unsorted stored copy reads the same.
 */
export function refundPercentAt(policy: RefundPolicy, hoursBeforeStart: number): number {
  let best: RefundTier | null = null;
  for (const tier of policy) {
    if (tier.minHoursBefore <= hoursBeforeStart && (best === null || tier.minHoursBefore > best.minHoursBefore)) {
      best = tier;
    }
  }
  return best === null ? 0 : best.percent;
}

export type RefundQuote = {
  readonly percent: number;
  /** What a cancel now would pay back, in minor units: never more than `refundable`. */
  readonly amount: number;
  /** What is left of the payment after earlier refunds. */
  readonly refundable: number;
  readonly hoursBeforeStart: number;
  readonly basis: 'POLICY' | 'RESCHEDULED' | 'OVERRIDE';
};

export type RefundQuoteInput = {
  readonly paidAmount: number;
  readonly alreadyRefunded: number;
  readonly policy: RefundPolicy;
  readonly startsAt: Instant;
  readonly now: Instant;
  /** The event's times changed after publication: DESIGN §3.1 promises 100 % whatever the policy says. */
  readonly rescheduled: boolean;
  /** Set for an organiser/admin cancel (100 %) or an admin's chosen percentage. */
  readonly overridePercent: number | null;
};

function assertMinorUnits(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new DomainInvariantError('INVALID_AMOUNT', `${name} must be a non-negative integer of minor units, got ${value}`);
  }
}

/** Refund = round half up(paid × percent / 100), capped by what earlier refunds left (DESIGN §3.4). */
export function quoteRefund(input: RefundQuoteInput): RefundQuote {
  const { paidAmount, alreadyRefunded, overridePercent } = input;
  assertMinorUnits('paidAmount', paidAmount);
  assertMinorUnits('alreadyRefunded', alreadyRefunded);
  if (alreadyRefunded > paidAmount) {
    throw new DomainInvariantError('INVALID_AMOUNT', `already refunded ${alreadyRefunded} exceeds the ${paidAmount} paid`);
  }
  if (overridePercent !== null && !(overridePercent >= 0 && overridePercent <= 100)) {
    throw new DomainInvariantError('INVALID_ARGUMENT', `override percent must be within 0..100, got ${overridePercent}`);
  }
  const hoursBeforeStart = hoursUntil(input.now, input.startsAt);
  const basis: RefundQuote['basis'] = overridePercent !== null ? 'OVERRIDE' : input.rescheduled ? 'RESCHEDULED' : 'POLICY';
  const percent = overridePercent ?? (input.rescheduled ? 100 : refundPercentAt(input.policy, hoursBeforeStart));
  const refundable = paidAmount - alreadyRefunded;
  // Scaled so that an admin's fractional percentage (up to four decimals) is as exact as an integer one.
  const byPercent = divideRoundHalfUp(BigInt(paidAmount) * BigInt(toScaled(percent)), 1_000_000);
  return { percent, amount: Math.min(byPercent, refundable), refundable, hoursBeforeStart, basis };
}
