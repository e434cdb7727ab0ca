import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { T0, aPromo, hours } from '../shared/fixtures.test-support.js';
import { DomainInvariantError } from '../shared/result.js';
import {
  checkPromoCode, normalizePromoCode, releasePromoUse, reservePromoUse, validatePromoDefinition, type PromoContext, type PromoDefinition,
} from './promo-code.js';

const definition = (overrides: Partial<PromoDefinition> = {}): PromoDefinition => ({
  code: 'Summer-10', organizationId: 'org-1', eventId: null, discountPercent: 10, discountAmount: null, currency: null,
  startsAt: T0, endsAt: T0 + hours(24 * 30), maxUses: 100, isActive: true, ...overrides,
});

const fieldOf = (overrides: Partial<PromoDefinition>): string | null => {
  const r = validatePromoDefinition(definition(overrides));
  return r.ok ? null : r.error.field;
};

describe('normalizePromoCode', () => {
  it('trims and upper-cases, so codes compare case-insensitively', () => {
    expect(normalizePromoCode('  summer-10 ')).toBe('SUMMER-10');
    expect(normalizePromoCode('SuMmEr_10')).toBe(normalizePromoCode('summer_10'));
  });
});

describe('validatePromoDefinition', () => {
  it('accepts a percent code, keeping the case it was entered in but not the surrounding blanks', () => {
    expect(validatePromoDefinition(definition({ code: ' Summer-10 ' }))).toEqual({ ok: true, value: definition() });
  });

  it('accepts an amount code with its currency, and drops a currency given with a percent code', () => {
    const amount = definition({ discountPercent: null, discountAmount: 50_000, currency: 'RUB' });
    expect(validatePromoDefinition(amount)).toEqual({ ok: true, value: amount });
    const r = validatePromoDefinition(definition({ currency: 'RUB' }));
    expect(r.ok && r.value.currency).toBeNull();
  });

  it('accepts open-ended, unlimited, event-scoped and inactive codes', () => {
    expect(validatePromoDefinition(definition({ endsAt: null, maxUses: null, eventId: 'evt-1', isActive: false })).ok).toBe(true);
  });

  it.each(['AB', 'A'.repeat(41), 'SUMMER 10', 'SOMMER!', 'ЛЕТО10', '   '])('rejects the code %j', (code) => {
    expect(fieldOf({ code })).toBe('code');
  });

  it('accepts codes of 3 and 40 characters', () => {
    expect(fieldOf({ code: 'a_1' })).toBeNull();
    expect(fieldOf({ code: 'Z'.repeat(40) })).toBeNull();
  });

  it('requires exactly one of discountPercent and discountAmount', () => {
    expect(fieldOf({ discountPercent: null, discountAmount: null })).toBe('discountPercent');
    expect(fieldOf({ discountPercent: 10, discountAmount: 100, currency: 'RUB' })).toBe('discountPercent');
  });

  it.each([0, 101, 12.5, -3])('rejects discountPercent %s', (discountPercent) => {
    expect(fieldOf({ discountPercent })).toBe('discountPercent');
  });

  it.each([0, -100, 99.5])('rejects discountAmount %s', (discountAmount) => {
    expect(fieldOf({ discountPercent: null, discountAmount, currency: 'RUB' })).toBe('discountAmount');
  });

  it('requires a well-formed currency for an amount code', () => {
    expect(fieldOf({ discountPercent: null, discountAmount: 100, currency: null })).toBe('currency');
    expect(fieldOf({ discountPercent: null, discountAmount: 100, currency: 'rub' })).toBe('currency');
  });

  it('requires endsAt after startsAt', () => {
    expect(fieldOf({ endsAt: T0 })).toBe('endsAt');
    expect(fieldOf({ endsAt: T0 - 1 })).toBe('endsAt');
    expect(fieldOf({ endsAt: T0 + 1 })).toBeNull();
    expect(fieldOf({ startsAt: Number.NaN })).toBe('startsAt');
  });

  it.each([0, -1, 2.5])('rejects maxUses %s', (maxUses) => {
    expect(fieldOf({ maxUses })).toBe('maxUses');
  });

  it('reports INVALID_PROMO_DEFINITION', () => {
    expect(validatePromoDefinition(definition({ maxUses: 0 }))).toEqual({
      ok: false, error: { type: 'INVALID_PROMO_DEFINITION', detail: expect.any(String), field: 'maxUses' },
    });
  });
});

const ctx: PromoContext = { eventId: 'evt-1', organizationId: 'org-1', currency: 'RUB', now: T0 };

const reasonOf = (promo: ReturnType<typeof aPromo> | null, c: PromoContext = ctx): string | null => {
  const r = checkPromoCode(promo, c);
  return r.ok ? null : r.error.reason;
};

describe('checkPromoCode', () => {
  it('accepts an organisation-wide code and one scoped to this event', () => {
    const promo = aPromo();
    expect(checkPromoCode(promo, ctx)).toEqual({ ok: true, value: promo });
    expect(reasonOf(aPromo({ eventId: 'evt-1' }))).toBeNull();
    expect(reasonOf(aPromo({ discountPercent: null, discountAmount: 100, currency: 'RUB' }))).toBeNull();
  });

  it('UNKNOWN when there is no such code', () => {
    expect(checkPromoCode(null, ctx)).toEqual({ ok: false, error: { type: 'INVALID_PROMO_CODE', detail: expect.any(String), reason: 'UNKNOWN' } });
  });

  it('NOT_APPLICABLE for another organisation, another event, or an amount in another currency', () => {
    expect(reasonOf(aPromo({ organizationId: 'org-2' }))).toBe('NOT_APPLICABLE');
    expect(reasonOf(aPromo({ eventId: 'evt-2' }))).toBe('NOT_APPLICABLE');
    expect(reasonOf(aPromo({ discountPercent: null, discountAmount: 100, currency: 'EUR' }))).toBe('NOT_APPLICABLE');
    // A percent code has no currency to mismatch.
    expect(reasonOf(aPromo({ currency: 'EUR' }))).toBeNull();
  });

  it('INACTIVE when switched off', () => {
    expect(reasonOf(aPromo({ isActive: false }))).toBe('INACTIVE');
  });

  it('NOT_STARTED before startsAt, valid from startsAt on', () => {
    expect(reasonOf(aPromo({ startsAt: T0 + 1 }))).toBe('NOT_STARTED');
    expect(reasonOf(aPromo({ startsAt: T0 }))).toBeNull();
  });

  it('EXPIRED from endsAt on, valid just before it', () => {
    expect(reasonOf(aPromo({ endsAt: T0 }))).toBe('EXPIRED');
    expect(reasonOf(aPromo({ endsAt: T0 + 1 }))).toBeNull();
  });

  it('EXHAUSTED once usesCount reaches maxUses', () => {
    expect(reasonOf(aPromo({ maxUses: 3, usesCount: 3 }))).toBe('EXHAUSTED');
    expect(reasonOf(aPromo({ maxUses: 3, usesCount: 2 }))).toBeNull();
  });

  it('checks in the documented order: applicability, active, started, expired, exhausted', () => {
    const everythingWrong = { organizationId: 'org-2', isActive: false, startsAt: T0 + 10, endsAt: T0 - 5, maxUses: 1, usesCount: 1 };
    expect(reasonOf(aPromo(everythingWrong))).toBe('NOT_APPLICABLE');
    expect(reasonOf(aPromo({ ...everythingWrong, organizationId: 'org-1' }))).toBe('INACTIVE');
    expect(reasonOf(aPromo({ ...everythingWrong, organizationId: 'org-1', isActive: true }))).toBe('NOT_STARTED');
    expect(reasonOf(aPromo({ ...everythingWrong, organizationId: 'org-1', isActive: true, startsAt: T0 - 10 }))).toBe('EXPIRED');
    expect(reasonOf(aPromo({ organizationId: 'org-1', maxUses: 1, usesCount: 1 }))).toBe('EXHAUSTED');
  });
});

describe('reservePromoUse and releasePromoUse', () => {
  it('takes a use and gives it back', () => {
    const taken = reservePromoUse(aPromo({ maxUses: 2, usesCount: 1 }));
    expect(taken).toEqual({ ok: true, value: aPromo({ maxUses: 2, usesCount: 2 }) });
    expect(releasePromoUse(aPromo({ usesCount: 2 }))).toEqual(aPromo({ usesCount: 1 }));
  });

  it('never takes more than maxUses', () => {
    expect(reservePromoUse(aPromo({ maxUses: 2, usesCount: 2 }))).toEqual({
      ok: false, error: expect.objectContaining({ type: 'INVALID_PROMO_CODE', reason: 'EXHAUSTED' }),
    });
  });

  it('throws when releasing a use nobody took', () => {
    expect(() => releasePromoUse(aPromo({ usesCount: 0 }))).toThrow(DomainInvariantError);
  });

  it('any interleaving of reserves and releases keeps 0 ≤ usesCount ≤ maxUses and counts exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.array(fc.boolean(), { maxLength: 60 }), (maxUses, ops) => {
        let promo = aPromo({ maxUses, usesCount: 0 });
        let held = 0;
        for (const reserve of ops) {
          if (reserve) {
            const r = reservePromoUse(promo);
            expect(r.ok).toBe(held < maxUses);
            if (r.ok) {
              promo = r.value;
              held += 1;
            }
          } else if (held > 0) {
            promo = releasePromoUse(promo);
            held -= 1;
          }
          expect(promo.usesCount).toBe(held);
          expect(promo.usesCount).toBeLessThanOrEqual(maxUses);
        }
      }),
    );
  });
});
