import { domainError, type DomainError, type PromoInvalidReason } from '../shared/errors.js';
import { isCurrencyCode } from '../shared/money.js';
import { DomainInvariantError, err, ok, type Result } from '../shared/result.js';
import { isValidInstant, type Instant } from '../shared/time.js';
import type { PromoCode } from './pricing.types.js';

type DefinitionError = Extract<DomainError, { type: 'INVALID_PROMO_DEFINITION' }>;
type PromoCodeError = Extract<DomainError, { type: 'INVALID_PROMO_CODE' }>;

/** The form codes are compared in: uniqueness per organisation and look-ups are case-insensitive. */
export const normalizePromoCode = (code: string): string => code.trim().toUpperCase();

const CODE = /^[A-Z0-9_-]{3,40}$/;

/** What an organiser defines; `id` and `usesCount` are the application's. */
export type PromoDefinition = {
  code: string;
  organizationId: string;
  eventId: string | null;
  discountPercent: number | null;
  discountAmount: number | null;
  currency: string | null;
  startsAt: Instant;
  endsAt: Instant | null;
  maxUses: number | null;
  isActive: boolean;
};

const invalid = (field: string, detail: string): DefinitionError => domainError('INVALID_PROMO_DEFINITION', detail, { field });

function checkDiscount(input: PromoDefinition): DefinitionError | null {
  const { discountPercent, discountAmount, currency } = input;
  if ((discountPercent === null) === (discountAmount === null)) {
    return invalid('discountPercent', 'set exactly one of discountPercent and discountAmount');
  }
  if (discountPercent !== null && (!Number.isInteger(discountPercent) || discountPercent < 1 || discountPercent > 100)) {
    return invalid('discountPercent', 'discountPercent must be an integer from 1 to 100');
  }
  if (discountAmount !== null) {
    if (!Number.isSafeInteger(discountAmount) || discountAmount < 1) {
      return invalid('discountAmount', 'discountAmount must be a positive integer of minor units');
    }
    if (currency === null || !isCurrencyCode(currency)) {
      return invalid('currency', 'an amount discount needs the ISO 4217 currency it is in');
    }
  }
  return null;
}

/**
 * Checks a definition. The code is returned trimmed but in the case it was entered (it is stored as entered);
 * a percent code loses any currency, which only scopes amount codes.
 */
export function validatePromoDefinition(input: PromoDefinition): Result<PromoDefinition, DefinitionError> {
  if (!CODE.test(normalizePromoCode(input.code))) {
    return err(invalid('code', 'a code is 3 to 40 letters, digits, "_" or "-"'));
  }
  const discountProblem = checkDiscount(input);
  if (discountProblem) return err(discountProblem);
  if (!isValidInstant(input.startsAt)) return err(invalid('startsAt', 'startsAt must be an instant'));
  if (input.endsAt !== null && !(isValidInstant(input.endsAt) && input.endsAt > input.startsAt)) {
    return err(invalid('endsAt', 'endsAt must be after startsAt'));
  }
  if (input.maxUses !== null && (!Number.isSafeInteger(input.maxUses) || input.maxUses < 1)) {
    return err(invalid('maxUses', 'maxUses must be a positive integer'));
  }
  return ok({
    ...input,
    code: input.code.trim(),
    currency: input.discountAmount === null ? null : input.currency,
  });
}

const invalidCode = (reason: PromoInvalidReason, detail: string): PromoCodeError =>
  domainError('INVALID_PROMO_CODE', detail, { reason });

export type PromoContext = { readonly eventId: string; readonly organizationId: string; readonly currency: string; readonly now: Instant };

/** Whether a code may be used for a booking of this event now (DESIGN §3.3 step 7); the first failing check decides. */
export function checkPromoCode(promo: PromoCode | null, ctx: PromoContext): Result<PromoCode, PromoCodeError> {
  if (promo === null) return err(invalidCode('UNKNOWN', 'no such promo code'));
  if (
    promo.organizationId !== ctx.organizationId ||
    (promo.eventId !== null && promo.eventId !== ctx.eventId) ||
    (promo.discountAmount !== null && promo.currency !== ctx.currency)
  ) {
    return err(invalidCode('NOT_APPLICABLE', 'this promo code does not apply to this event'));
  }
  if (!promo.isActive) return err(invalidCode('INACTIVE', 'this promo code is not active'));
  if (ctx.now < promo.startsAt) return err(invalidCode('NOT_STARTED', 'this promo code is not valid yet'));
  if (promo.endsAt !== null && ctx.now >= promo.endsAt) return err(invalidCode('EXPIRED', 'this promo code has expired'));
  if (promo.maxUses !== null && promo.usesCount >= promo.maxUses) {
    return err(invalidCode('EXHAUSTED', 'this promo code has been used up'));
  }
  return ok(promo);
}

/** Takes one use for a new booking; the pure mirror of the adapters' conditional `uses_count < max_uses` update. */
export function reservePromoUse(promo: PromoCode): Result<PromoCode, PromoCodeError> {
  if (promo.maxUses !== null && promo.usesCount >= promo.maxUses) {
    return err(invalidCode('EXHAUSTED', 'this promo code has been used up'));
  }
  return ok({ ...promo, usesCount: promo.usesCount + 1 });
}

/** Gives a use back when its booking ends unconfirmed. Releasing a use nobody took is a bug in the caller. */
export function releasePromoUse(promo: PromoCode): PromoCode {
  if (promo.usesCount < 1) {
    throw new DomainInvariantError('INVALID_ARGUMENT', `promo ${promo.code} has no use to release`);
  }
  return { ...promo, usesCount: promo.usesCount - 1 };
}
