import { describe, expect, it } from 'vitest';
import {
  DAY,
  OPTION,
  ORG,
  OTHER_ORG,
  T0,
  admin,
  alice,
  engagementWorld,
  guest,
  manager,
  otherOwner,
  owner,
  staff,
  user,
} from '../organizations/engagement-world.test-support.js';
import { errorType, value } from '../waitlist/results.test-support.js';

async function world() {
  const w = engagementWorld();
  await w.seedOrganizations();
  return w;
}

describe('CreatePromoCodeUseCase', () => {
  it('an organiser creates a code for the organisation; it starts now and has no uses', async () => {
    const w = await world();
    const promo = value(await w.createPromo.execute(owner, { code: 'Summer10', organizationId: ORG, discountPercent: 10, maxUses: 50 }));
    expect(promo).toEqual({
      id: expect.any(String), code: 'Summer10', organizationId: ORG, eventId: null, discountPercent: 10, discountAmount: null,
      currency: null, startsAt: T0, endsAt: null, maxUses: 50, usesCount: 0, isActive: true,
    });
    expect(await w.promos.findByCode(null, ORG, 'SUMMER10')).toMatchObject({ id: promo.id });
  });

  it('organizationId comes from eventId, and an amount code takes the event’s currency', async () => {
    const w = await world();
    const event = await w.seedEvent({ currency: 'RUB' });
    const promo = value(await w.createPromo.execute(manager, { code: 'BOAT500', eventId: event.id, discountAmount: 50_000 }));
    expect(promo).toMatchObject({ organizationId: ORG, eventId: event.id, currency: 'RUB', discountAmount: 50_000 });
    expect(await w.createPromo.execute(owner, { code: 'X-1', eventId: event.id, organizationId: OTHER_ORG, discountPercent: 5 })).toMatchObject({
      ok: false,
      error: { type: 'INVALID_REQUEST', field: 'eventId' },
    });
  });

  it('without an organisation: the one the caller organises, or ORGANIZATION_REQUIRED', async () => {
    const w = await world();
    expect(value(await w.createPromo.execute(owner, { code: 'SOLE', discountPercent: 5 })).organizationId).toBe(ORG);
    const twoOrgs = user('two', ['ORGANIZER'], [{ organizationId: ORG, role: 'OWNER' }, { organizationId: OTHER_ORG, role: 'MANAGER' }]);
    expect(errorType(await w.createPromo.execute(twoOrgs, { code: 'AMBIG', discountPercent: 5 }))).toBe('ORGANIZATION_REQUIRED');
    expect(errorType(await w.createPromo.execute(admin, { code: 'AMBIG', discountPercent: 5 }))).toBe('ORGANIZATION_REQUIRED');
  });

  it('who: staff FORBIDDEN, outsiders see neither the organisation nor its drafts, guests sign in', async () => {
    const w = await world();
    const draft = await w.seedEvent({ status: 'DRAFT' });
    expect(errorType(await w.createPromo.execute(staff, { code: 'NOPE', organizationId: ORG, discountPercent: 5 }))).toBe('FORBIDDEN');
    expect(errorType(await w.createPromo.execute(otherOwner, { code: 'NOPE', organizationId: ORG, discountPercent: 5 }))).toBe('ORGANIZATION_NOT_FOUND');
    expect(errorType(await w.createPromo.execute(otherOwner, { code: 'NOPE', eventId: draft.id, discountPercent: 5 }))).toBe('EVENT_NOT_FOUND');
    expect(errorType(await w.createPromo.execute(guest, { code: 'NOPE', organizationId: ORG, discountPercent: 5 }))).toBe('NOT_AUTHENTICATED');
    expect(value(await w.createPromo.execute(admin, { code: 'ADMIN5', organizationId: ORG, discountPercent: 5 })).organizationId).toBe(ORG);
  });

  it('the domain checks the definition (INVALID_PROMO_DEFINITION with the field)', async () => {
    const w = await world();
    const bad = async (input: object) => w.createPromo.execute(owner, { code: 'GOOD', organizationId: ORG, ...input });
    expect(await bad({ code: 'a b' , discountPercent: 5 })).toMatchObject({ ok: false, error: { type: 'INVALID_PROMO_DEFINITION', field: 'code' } });
    expect(await bad({ discountPercent: 5, discountAmount: 100, currency: 'EUR' })).toMatchObject({ ok: false, error: { field: 'discountPercent' } });
    expect(await bad({ discountAmount: 100 })).toMatchObject({ ok: false, error: { field: 'currency' } });
    expect(await bad({ discountPercent: 5, endsAt: T0 - 1 })).toMatchObject({ ok: false, error: { field: 'endsAt' } });
    expect(await bad({ discountPercent: 5, maxUses: 0 })).toMatchObject({ ok: false, error: { field: 'maxUses' } });
  });

  it('a code the organisation already has, in any case → PROMO_CODE_TAKEN; another organisation may use it', async () => {
    const w = await world();
    value(await w.createPromo.execute(owner, { code: 'KAYAK', organizationId: ORG, discountPercent: 5 }));
    expect(errorType(await w.createPromo.execute(owner, { code: 'kayak', organizationId: ORG, discountPercent: 7 }))).toBe('PROMO_CODE_TAKEN');
    expect(value(await w.createPromo.execute(otherOwner, { code: 'Kayak', organizationId: OTHER_ORG, discountPercent: 7 })).code).toBe('Kayak');
  });
});

describe('UpdatePromoCodeUseCase, GetPromoCodeUseCase, ListPromoCodesUseCase', () => {
  it('updates the definition; uses are kept; a new discount kind replaces the old one', async () => {
    const w = await world();
    const promo = await w.seedPromo({ usesCount: 3, maxUses: 10 });
    const updated = value(await w.updatePromo.execute(manager, { promoCodeId: promo.id, discountAmount: 700, currency: 'EUR', endsAt: T0 + DAY, isActive: false }));
    expect(updated).toMatchObject({ discountPercent: null, discountAmount: 700, currency: 'EUR', endsAt: T0 + DAY, isActive: false, usesCount: 3 });
    expect(value(await w.getPromo.execute(owner, { promoCodeId: promo.id }))).toEqual(updated);
  });

  it('maxUses below the uses taken → INVALID_PROMO_DEFINITION on maxUses, nothing written', async () => {
    const w = await world();
    const promo = await w.seedPromo({ usesCount: 3, maxUses: 10 });
    expect(await w.updatePromo.execute(owner, { promoCodeId: promo.id, maxUses: 2, isActive: false })).toMatchObject({
      ok: false,
      error: { type: 'INVALID_PROMO_DEFINITION', field: 'maxUses' },
    });
    expect(await w.promos.findById(null, promo.id)).toMatchObject({ maxUses: 10, isActive: true });
    expect(value(await w.updatePromo.execute(owner, { promoCodeId: promo.id, maxUses: 3 })).maxUses).toBe(3);
  });

  it('renaming onto another code → PROMO_CODE_TAKEN; scoping to another organisation’s event → INVALID_REQUEST', async () => {
    const w = await world();
    const promo = await w.seedPromo();
    await w.seedPromo({ code: 'WINTER' });
    const foreign = await w.seedEvent({ organizationId: OTHER_ORG });
    expect(errorType(await w.updatePromo.execute(owner, { promoCodeId: promo.id, code: 'winter' }))).toBe('PROMO_CODE_TAKEN');
    expect(errorType(await w.updatePromo.execute(owner, { promoCodeId: promo.id, eventId: foreign.id }))).toBe('INVALID_REQUEST');
  });

  it('staff are FORBIDDEN, outsiders get PROMO_CODE_NOT_FOUND', async () => {
    const w = await world();
    const promo = await w.seedPromo();
    expect(errorType(await w.updatePromo.execute(staff, { promoCodeId: promo.id, isActive: false }))).toBe('FORBIDDEN');
    expect(errorType(await w.getPromo.execute(staff, { promoCodeId: promo.id }))).toBe('FORBIDDEN');
    expect(errorType(await w.updatePromo.execute(otherOwner, { promoCodeId: promo.id, isActive: false }))).toBe('PROMO_CODE_NOT_FOUND');
    expect(errorType(await w.getPromo.execute(alice, { promoCodeId: promo.id }))).toBe('PROMO_CODE_NOT_FOUND');
    expect(errorType(await w.getPromo.execute(admin, { promoCodeId: 'nope' }))).toBe('PROMO_CODE_NOT_FOUND');
    expect(errorType(await w.getPromo.execute(guest, { promoCodeId: promo.id }))).toBe('NOT_AUTHENTICATED');
  });

  it('lists the codes of the organisations the caller organises; admins see all', async () => {
    const w = await world();
    const event = await w.seedEvent();
    await w.seedPromo({ code: 'B-CODE' });
    await w.seedPromo({ code: 'A-CODE', eventId: event.id });
    await w.seedPromo({ code: 'OTHER', organizationId: OTHER_ORG });
    const mine = value(await w.listPromos.execute(owner, { page: 1, size: 10 }));
    expect(mine.data.map((p) => p.code)).toEqual(['A-CODE', 'B-CODE']);
    expect(value(await w.listPromos.execute(owner, { page: 1, size: 10, eventId: event.id })).data.map((p) => p.code)).toEqual(['A-CODE']);
    expect(value(await w.listPromos.execute(owner, { page: 1, size: 10, organizationId: OTHER_ORG })).totalElements).toBe(0);
    expect(value(await w.listPromos.execute(staff, { page: 1, size: 10 })).totalElements).toBe(0);
    expect(value(await w.listPromos.execute(admin, { page: 1, size: 10 })).totalElements).toBe(3);
    expect(value(await w.listPromos.execute(admin, { page: 1, size: 10, organizationId: OTHER_ORG })).data.map((p) => p.code)).toEqual(['OTHER']);
    expect(errorType(await w.listPromos.execute(guest, { page: 1, size: 10 }))).toBe('NOT_AUTHENTICATED');
  });
});

describe('ValidatePromoCodeUseCase', () => {
  it('a valid code: the breakdown with the discount, and nothing reserved', async () => {
    const w = await world();
    const event = await w.seedEvent({ groupDiscounts: [{ minQuantity: 2, percent: 10 }] });
    const promo = await w.seedPromo({ maxUses: 1 });
    const answer = value(await w.validatePromo.execute(alice, { code: ' summer10 ', eventId: event.id, quantity: 2, priceOptionId: OPTION }));
    expect(answer).toEqual({
      valid: true,
      breakdown: { currency: 'EUR', unitPrice: 10_000, quantity: 2, subtotal: 20_000, dynamicMultiplier: 1, groupDiscount: 2_000, promoDiscount: 1_800, total: 16_200 },
    });
    expect((await w.promos.findById(null, promo.id))?.usesCount).toBe(0);
  });

  it.each([
    ['UNKNOWN', {}, 'NOPE'],
    ['INACTIVE', { isActive: false }, 'SUMMER10'],
    ['NOT_STARTED', { startsAt: T0 + DAY }, 'SUMMER10'],
    ['EXPIRED', { endsAt: T0 }, 'SUMMER10'],
    ['EXHAUSTED', { maxUses: 2, usesCount: 2 }, 'SUMMER10'],
    ['NOT_APPLICABLE', { eventId: '00000000-0000-7000-8000-00000000dead' }, 'SUMMER10'],
  ] as const)('%s: valid false with the reason and the price without the code', async (reason, overrides, code) => {
    const w = await world();
    const event = await w.seedEvent();
    await w.seedPromo(overrides);
    const answer = value(await w.validatePromo.execute(alice, { code, eventId: event.id, quantity: 1, priceOptionId: OPTION }));
    expect(answer).toMatchObject({ valid: false, reason, breakdown: { promoDiscount: 0, total: 10_000 } });
  });

  it('a code of another organisation is UNKNOWN here; the default option is the cheapest active one', async () => {
    const w = await world();
    const event = await w.seedEvent();
    await w.seedPromo({ organizationId: OTHER_ORG, code: 'THEIRS' });
    const answer = value(await w.validatePromo.execute(alice, { code: 'THEIRS', eventId: event.id, quantity: 1 }));
    expect(answer).toMatchObject({ valid: false, reason: 'UNKNOWN', breakdown: { unitPrice: 0 } });
  });

  it('EVENT_NOT_FOUND for a draft seen from outside, QUANTITY_LIMIT, INVALID_PRICE_OPTION, NOT_AUTHENTICATED', async () => {
    const w = await world();
    const event = await w.seedEvent();
    const draft = await w.seedEvent({ status: 'DRAFT' });
    await w.seedPromo();
    expect(errorType(await w.validatePromo.execute(alice, { code: 'SUMMER10', eventId: draft.id, quantity: 1 }))).toBe('EVENT_NOT_FOUND');
    expect(await w.validatePromo.execute(alice, { code: 'SUMMER10', eventId: event.id, quantity: 5 })).toMatchObject({
      ok: false,
      error: { type: 'QUANTITY_LIMIT', min: 1, max: 4 },
    });
    expect(errorType(await w.validatePromo.execute(alice, { code: 'SUMMER10', eventId: event.id, quantity: 0 }))).toBe('QUANTITY_LIMIT');
    expect(errorType(await w.validatePromo.execute(alice, { code: 'SUMMER10', eventId: event.id, quantity: 1, priceOptionId: 'x' }))).toBe('INVALID_PRICE_OPTION');
    expect(errorType(await w.validatePromo.execute(guest, { code: 'SUMMER10', eventId: event.id, quantity: 1 }))).toBe('NOT_AUTHENTICATED');
  });
});
