import { randomUUID } from 'node:crypto';
import type { UseCaseContext } from '@aquastream/application';
import { describe, expect, it } from 'vitest';
import { testApp } from '../testing/test-app.test-support.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const DAY = 24 * 3_600_000;

async function world() {
  const t = testApp();
  const ownerId = randomUUID();
  const owner = await t.token(ownerId, ['ORGANIZER']);
  const org = (await t.call('POST', '/api/v1/organizations', { token: owner, body: { name: `Org ${ownerId}` } })).json as { id: string };
  const ownerCtx: UseCaseContext = {
    actor: { kind: 'user', id: ownerId, roles: ['ORGANIZER'], memberships: [{ organizationId: org.id, role: 'OWNER' }] },
    correlationId: 'test',
  };
  // Events are seeded through the use cases so that these tests stand on the promo-code routes alone.
  async function publishedEvent(overrides: Record<string, unknown> = {}) {
    const created = await t.deps.useCases.events.create.execute(ownerCtx, {
      organizationId: org.id,
      title: 'Sunset kayak tour',
      startsAt: t.deps.clock.now() + 10 * DAY,
      capacity: 10,
      currency: 'RUB',
      priceOptions: [{ name: 'Adult', price: 150_000 }],
      ...overrides,
    });
    if (!created.ok) throw new Error(created.error.type);
    const published = await t.deps.useCases.events.publish.execute(ownerCtx, { eventId: created.value.id });
    if (!published.ok) throw new Error(published.error.type);
    return published.value;
  }
  const addMember = async (role: 'MANAGER' | 'STAFF') => {
    const id = randomUUID();
    await t.call('POST', `/api/v1/organizations/${org.id}/members`, { token: owner, body: { userId: id, role } });
    return t.token(id, [role === 'MANAGER' ? 'ORGANIZER' : 'USER']);
  };
  const otherId = randomUUID();
  const other = await t.token(otherId, ['ORGANIZER']);
  await t.call('POST', '/api/v1/organizations', { token: other, body: { name: `Org ${otherId}` } });
  return {
    ...t,
    org,
    owner,
    other,
    publishedEvent,
    addMember,
    admin: await t.token(randomUUID(), ['ADMIN']),
    user: await t.token(randomUUID(), ['USER']),
  };
}

describe('POST /promo-codes', () => {
  it('an owner creates a percent code for the organisation (201, Location, exact shape)', async () => {
    const w = await world();
    const res = await w.call('POST', '/api/v1/promo-codes', {
      token: w.owner,
      body: { code: 'summer10', discountPercent: 10, startsAt: '2026-01-01T00:00:00+03:00', endsAt: '2026-12-31T23:59:59Z', maxUses: 100 },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/v1/promo-codes/${res.json.id}`);
    expect(res.json).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      code: 'summer10',
      organizationId: w.org.id,
      eventId: null,
      discountPercent: 10,
      discountAmount: null,
      currency: null,
      startsAt: '2025-12-31T21:00:00.000Z',
      endsAt: '2026-12-31T23:59:59.000Z',
      maxUses: 100,
      usesCount: 0,
      isActive: true,
    });
  });

  it('an amount code for an event takes the event’s organisation and currency; the code is unique ignoring case', async () => {
    const w = await world();
    const event = await w.publishedEvent();
    const res = await w.call('POST', '/api/v1/promo-codes', { token: w.owner, body: { code: 'FLAT500', eventId: event.id, discountAmount: 50_000 } });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ organizationId: w.org.id, eventId: event.id, discountAmount: 50_000, currency: 'RUB', startsAt: expect.stringMatching(ISO) });
    const dup = await w.call('POST', '/api/v1/promo-codes', { token: w.owner, body: { code: 'flat500', discountPercent: 5 } });
    expect(dup.status).toBe(409);
    expect(dup.json.code).toBe('PROMO_CODE_TAKEN');
  });

  it('semantic rules are 422, malformed input 400', async () => {
    const w = await world();
    const both = await w.call('POST', '/api/v1/promo-codes', { token: w.owner, body: { code: 'BOTH', discountPercent: 5, discountAmount: 100, currency: 'RUB' } });
    expect(both.status).toBe(422);
    expect(both.json.code).toBe('INVALID_PROMO_DEFINITION');
    for (const body of [
      { code: 'X', discountPercent: 10 },
      { code: 'OK_CODE', discountPercent: 101 },
      { code: 'OK_CODE', discountPercent: 10, startsAt: 'tomorrow' },
      { code: 'OK_CODE', discountPercent: 10, startsAt: '2026-01-01T00:00:00' },
      { code: 'OK_CODE', discountAmount: 100, currency: 'rub' },
      { code: 'OK_CODE', discountPercent: 10, eventId: 'nope' },
    ]) {
      const res = await w.call('POST', '/api/v1/promo-codes', { token: w.owner, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.code).toBe('VALIDATION_FAILED');
    }
  });

  it('roles: guest 401, staff 403, another organiser 403 for our (public) event and 404 for our organisation, admin names it', async () => {
    const w = await world();
    const event = await w.publishedEvent();
    const body = { code: 'ROLE10', discountPercent: 10 };
    expect((await w.call('POST', '/api/v1/promo-codes', { body })).status).toBe(401);
    const staff = await w.addMember('STAFF');
    expect((await w.call('POST', '/api/v1/promo-codes', { token: staff, body: { ...body, organizationId: w.org.id } })).status).toBe(403);
    expect((await w.call('POST', '/api/v1/promo-codes', { token: w.other, body: { ...body, eventId: event.id } })).status).toBe(403);
    expect((await w.call('POST', '/api/v1/promo-codes', { token: w.other, body: { ...body, organizationId: w.org.id } })).status).toBe(404);
    const adminNoOrg = await w.call('POST', '/api/v1/promo-codes', { token: w.admin, body });
    expect(adminNoOrg.status).toBe(422);
    expect(adminNoOrg.json.code).toBe('ORGANIZATION_REQUIRED');
    expect((await w.call('POST', '/api/v1/promo-codes', { token: w.admin, body: { ...body, organizationId: w.org.id } })).status).toBe(201);
    const manager = await w.addMember('MANAGER');
    expect((await w.call('POST', '/api/v1/promo-codes', { token: manager, body: { code: 'MGR', discountPercent: 5 } })).status).toBe(201);
  });
});

describe('GET and PATCH /promo-codes', () => {
  it('lists the caller’s codes with filters; reads and changes one', async () => {
    const w = await world();
    const event = await w.publishedEvent();
    const all = (await w.call('POST', '/api/v1/promo-codes', { token: w.owner, body: { code: 'ALL10', discountPercent: 10 } })).json;
    const one = (await w.call('POST', '/api/v1/promo-codes', { token: w.owner, body: { code: 'ONE20', discountPercent: 20, eventId: event.id } })).json;
    await w.call('POST', '/api/v1/promo-codes', { token: w.other, body: { code: 'THEIRS', discountPercent: 5 } });

    const mine = await w.call('GET', '/api/v1/promo-codes?size=10', { token: w.owner });
    expect(mine.status).toBe(200);
    expect(mine.json).toMatchObject({ page: 1, size: 10, totalElements: 2, totalPages: 1 });
    expect((mine.json.data as { id: string }[]).map((p) => p.id).sort()).toEqual([all.id, one.id].sort());
    expect((await w.call('GET', `/api/v1/promo-codes?eventId=${event.id}`, { token: w.owner })).json.data).toEqual([one]);
    expect((await w.call('GET', `/api/v1/promo-codes?organizationId=${w.org.id}`, { token: w.other })).json.totalElements).toBe(0);
    expect((await w.call('GET', '/api/v1/promo-codes', { token: w.admin })).json.totalElements).toBe(3);
    expect((await w.call('GET', '/api/v1/promo-codes?eventId=x', { token: w.owner })).status).toBe(400);
    expect((await w.call('GET', '/api/v1/promo-codes')).status).toBe(401);

    expect((await w.call('GET', `/api/v1/promo-codes/${one.id}`, { token: w.owner })).json).toEqual(one);
    expect((await w.call('GET', `/api/v1/promo-codes/${one.id}`, { token: w.other })).status).toBe(404);
    expect((await w.call('GET', `/api/v1/promo-codes/${randomUUID()}`, { token: w.admin })).json.code).toBe('PROMO_CODE_NOT_FOUND');

    const changed = await w.call('PATCH', `/api/v1/promo-codes/${all.id}`, {
      token: w.owner,
      body: { discountAmount: 10_000, currency: 'RUB', endsAt: null, maxUses: 5, isActive: false },
    });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ discountPercent: null, discountAmount: 10_000, currency: 'RUB', maxUses: 5, isActive: false });
    expect((await w.call('PATCH', `/api/v1/promo-codes/${all.id}`, { token: w.other, body: { isActive: true } })).status).toBe(404);
    const staff = await w.addMember('STAFF');
    expect((await w.call('PATCH', `/api/v1/promo-codes/${all.id}`, { token: staff, body: { isActive: true } })).status).toBe(403);
    expect((await w.call('PATCH', `/api/v1/promo-codes/${all.id}`, { token: w.owner, body: { maxUses: 0 } })).status).toBe(400);
    const backwards = await w.call('PATCH', `/api/v1/promo-codes/${all.id}`, {
      token: w.owner,
      body: { startsAt: '2027-01-01T00:00:00Z', endsAt: '2026-01-01T00:00:00Z' },
    });
    expect(backwards.status).toBe(422);
  });
});

describe('POST /promo-codes/{code}/validate', () => {
  it('answers the verdict and the breakdown for a signed-in user; unknown codes are valid: false', async () => {
    const w = await world();
    const event = await w.publishedEvent();
    await w.call('POST', '/api/v1/promo-codes', { token: w.owner, body: { code: 'SAVE10', discountPercent: 10, eventId: event.id } });
    const ok = await w.call('POST', '/api/v1/promo-codes/save10/validate', { token: w.user, body: { eventId: event.id, quantity: 2 } });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({
      valid: true,
      breakdown: {
        unitPrice: 150_000,
        quantity: 2,
        subtotal: 300_000,
        dynamicMultiplier: 1,
        groupDiscount: 0,
        promoDiscount: 30_000,
        total: 270_000,
        currency: 'RUB',
      },
    });
    const unknown = await w.call('POST', '/api/v1/promo-codes/NOPE/validate', { token: w.user, body: { eventId: event.id, quantity: 1 } });
    expect(unknown.json).toMatchObject({ valid: false, reason: 'UNKNOWN', breakdown: { promoDiscount: 0, total: 150_000 } });

    expect((await w.call('POST', '/api/v1/promo-codes/SAVE10/validate', { body: { eventId: event.id, quantity: 1 } })).status).toBe(401);
    const missing = await w.call('POST', '/api/v1/promo-codes/SAVE10/validate', { token: w.user, body: { eventId: randomUUID(), quantity: 1 } });
    expect(missing.status).toBe(404);
    expect(missing.json.code).toBe('EVENT_NOT_FOUND');
    const tooMany = await w.call('POST', '/api/v1/promo-codes/SAVE10/validate', { token: w.user, body: { eventId: event.id, quantity: 11 } });
    expect(tooMany.status).toBe(422);
    expect(tooMany.json.code).toBe('QUANTITY_LIMIT');
    const badOption = await w.call('POST', '/api/v1/promo-codes/SAVE10/validate', {
      token: w.user,
      body: { eventId: event.id, quantity: 1, priceOptionId: randomUUID() },
    });
    expect(badOption.json.code).toBe('INVALID_PRICE_OPTION');
    for (const body of [{ eventId: event.id, quantity: 0 }, { eventId: event.id }, { eventId: 'x', quantity: 1 }]) {
      expect((await w.call('POST', '/api/v1/promo-codes/SAVE10/validate', { token: w.user, body })).status, JSON.stringify(body)).toBe(400);
    }
  });
});
