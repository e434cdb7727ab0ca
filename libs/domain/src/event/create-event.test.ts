import { describe, expect, it } from 'vitest';
import { hours, T0 } from '../shared/fixtures.test-support.js';
import { DomainInvariantError } from '../shared/result.js';
import { createEvent, type CreateEventInput } from './create-event.js';
import { aCreateContext, aCreateInput } from './event.test-support.js';

const create = (overrides: Partial<CreateEventInput> = {}, ctx = aCreateContext()) => createEvent(aCreateInput(overrides), ctx);

function fieldOf(overrides: Partial<CreateEventInput>, ctx = aCreateContext()): string {
  const r = create(overrides, ctx);
  if (r.ok) throw new Error('expected a failure');
  expect(r.error.type).toBe('INVALID_EVENT');
  return 'field' in r.error ? r.error.field : '';
}

describe('createEvent', () => {
  it('creates a DRAFT with the DESIGN defaults and announces it', () => {
    const r = create({ endsAt: undefined, priceOptions: [{ name: 'Adult', price: 150000 }] }, aCreateContext({ id: 'evt-9' }));
    if (!r.ok) throw new Error(r.error.detail);
    const e = r.value.state;
    expect(e).toMatchObject({
      id: 'evt-9',
      creatorId: 'organiser-1',
      organizationId: 'org-1',
      status: 'DRAFT',
      endsAt: null,
      timeZone: 'UTC',
      bookingDeadlineHours: 24,
      maxTicketsPerBooking: 10,
      seatsTaken: 0,
      publishAt: null,
      publishedAt: null,
      rescheduledAt: null,
      dynamicPricing: [],
      groupDiscounts: [],
    });
    expect(e.refundPolicy).toEqual([
      { minHoursBefore: 168, percent: 100 },
      { minHoursBefore: 48, percent: 80 },
      { minHoursBefore: 24, percent: 50 },
    ]);
    expect(e.priceOptions).toEqual([{ id: 'opt-1', name: 'Adult', price: 150000, quantity: null, seatsTaken: 0, active: true }]);
    expect(e.crew.status).toBe('NONE');
    expect(r.value.events).toEqual([
      {
        type: 'event.created',
        subject: 'evt-9',
        data: { eventId: 'evt-9', organizationId: 'org-1', title: 'Sunset kayak tour', startsAt: T0 + hours(240), status: 'DRAFT' },
      },
    ]);
  });

  it('keeps given values, trims the title and names, sorts policy and pricing tiers', () => {
    const r = create(
      {
        title: '  Regatta  ',
        timeZone: 'Europe/Moscow',
        bookingDeadlineHours: 0,
        maxTicketsPerBooking: 4,
        priceOptions: [
          { name: ' Adult ', price: 1000, quantity: 10, active: false },
          { name: 'Child', price: 0 },
        ],
        refundPolicy: [{ minHoursBefore: 24, percent: 50 }, { minHoursBefore: 72, percent: 100 }],
        dynamicPricing: [{ minFillPercent: 90, multiplier: 1.5 }, { minFillPercent: 50, multiplier: 1.2 }],
        groupDiscounts: [{ minQuantity: 5, percent: 10 }],
      },
      aCreateContext({ priceOptionIds: ['a', 'b'] }),
    );
    if (!r.ok) throw new Error(r.error.detail);
    const e = r.value.state;
    expect(e.title).toBe('Regatta');
    expect(e.timeZone).toBe('Europe/Moscow');
    expect(e.bookingDeadlineHours).toBe(0);
    expect(e.maxTicketsPerBooking).toBe(4);
    expect(e.priceOptions.map((o) => [o.id, o.name, o.quantity, o.active])).toEqual([
      ['a', 'Adult', 10, false],
      ['b', 'Child', null, true],
    ]);
    expect(e.refundPolicy).toEqual([{ minHoursBefore: 72, percent: 100 }, { minHoursBefore: 24, percent: 50 }]);
    expect(e.dynamicPricing.map((t) => t.minFillPercent)).toEqual([50, 90]);
    expect(e.groupDiscounts).toEqual([{ minQuantity: 5, percent: 10 }]);
  });

  it('clamps maxTicketsPerBooking to the capacity (the default 10 fits a 4-seat event)', () => {
    const r = create({ capacity: 4, priceOptions: [{ name: 'Adult', price: 1 }] });
    expect(r.ok && r.value.state.maxTicketsPerBooking).toBe(4);
  });

  it('starts a requested crew PENDING, due at once', () => {
    const r = create({ crew: { size: 2, skills: [' skipper ', 'skipper', 'medic'] } });
    expect(r.ok && r.value.state.crew).toEqual({
      status: 'PENDING', request: { size: 2, skills: ['skipper', 'medic'] }, crewId: null, attempts: 0, nextAttemptAt: null, lastError: null,
    });
    expect(r.ok && r.value.events.map((e) => e.type)).toEqual(['event.created']);
  });

  it.each<[string, Partial<CreateEventInput>, string]>([
    ['missing organisation', { organizationId: ' ' }, 'organizationId'],
    ['blank title', { title: '   ' }, 'title'],
    ['title over 200', { title: 'x'.repeat(201) }, 'title'],
    ['start in the past', { startsAt: T0 - 1, endsAt: null }, 'startsAt'],
    ['start now', { startsAt: T0, endsAt: null }, 'startsAt'],
    ['start not a number', { startsAt: Number.NaN }, 'startsAt'],
    ['end before start', { endsAt: T0 + hours(239) }, 'endsAt'],
    ['end equal to start', { endsAt: T0 + hours(240) }, 'endsAt'],
    ['bad time zone', { timeZone: 'Mars Base/1' }, 'timeZone'],
    ['capacity 0', { capacity: 0 }, 'capacity'],
    ['capacity over 100 000', { capacity: 100_001 }, 'capacity'],
    ['fractional capacity', { capacity: 2.5 }, 'capacity'],
    ['lower-case currency', { currency: 'rub' }, 'currency'],
    ['no price option', { priceOptions: [] }, 'priceOptions'],
    ['negative price', { priceOptions: [{ name: 'A', price: -1 }] }, 'priceOptions[0].price'],
    ['fractional price', { priceOptions: [{ name: 'A', price: 10.5 }] }, 'priceOptions[0].price'],
    ['blank option name', { priceOptions: [{ name: ' ', price: 1 }] }, 'priceOptions[0].name'],
    ['quota 0', { priceOptions: [{ name: 'A', price: 1, quantity: 0 }] }, 'priceOptions[0].quantity'],
    ['quota above capacity', { priceOptions: [{ name: 'A', price: 1, quantity: 21 }] }, 'priceOptions[0].quantity'],
    ['deadline over a year', { bookingDeadlineHours: 8761 }, 'bookingDeadlineHours'],
    ['negative deadline', { bookingDeadlineHours: -1 }, 'bookingDeadlineHours'],
    ['zero tickets per booking', { maxTicketsPerBooking: 0 }, 'maxTicketsPerBooking'],
    ['over 100 tickets per booking', { capacity: 500, maxTicketsPerBooking: 101 }, 'maxTicketsPerBooking'],
    ['crew of 0', { crew: { size: 0, skills: [] } }, 'crew.size'],
    ['crew of 51', { crew: { size: 51, skills: [] } }, 'crew.size'],
    ['blank crew skill', { crew: { size: 1, skills: [''] } }, 'crew.skills[0]'],
  ])('rejects %s with INVALID_EVENT on %s', (_name, overrides, field) => {
    const ctx = overrides.priceOptions?.length === 0 ? aCreateContext({ priceOptionIds: [] }) : aCreateContext();
    expect(fieldOf(overrides, ctx)).toBe(field);
  });

  it('accepts the bounds of every range', () => {
    expect(create({ title: 'x'.repeat(200), capacity: 100_000, bookingDeadlineHours: 8760, maxTicketsPerBooking: 100 }).ok).toBe(true);
    expect(create({ capacity: 1, priceOptions: [{ name: 'A', price: 0, quantity: 1 }], crew: { size: 50, skills: [] } }).ok).toBe(true);
  });

  it('rejects two options with the same name, whatever the case', () => {
    const ctx = aCreateContext({ priceOptionIds: ['a', 'b'] });
    expect(fieldOf({ priceOptions: [{ name: 'Adult', price: 1 }, { name: 'adult ', price: 2 }] }, ctx)).toBe('priceOptions[1].name');
  });

  it('passes the refund policy and pricing validators errors through', () => {
    const policy = create({ refundPolicy: [{ minHoursBefore: 48, percent: 50 }, { minHoursBefore: 24, percent: 80 }] });
    expect(!policy.ok && policy.error.type).toBe('INVALID_REFUND_POLICY');
    const pricing = create({ groupDiscounts: [{ minQuantity: 1, percent: 10 }] });
    expect(!pricing.ok && pricing.error.type).toBe('INVALID_PRICING_RULES');
  });

  it('throws on caller bugs: ids not matching the options, a clock that is not a number', () => {
    expect(() => create({}, aCreateContext({ priceOptionIds: [] }))).toThrow(DomainInvariantError);
    expect(() => create({}, aCreateContext({ now: Number.NaN }))).toThrow(DomainInvariantError);
    expect(() =>
      create({ priceOptions: [{ name: 'A', price: 1 }, { name: 'B', price: 1 }] }, aCreateContext({ priceOptionIds: ['x', 'x'] })),
    ).toThrow(DomainInvariantError);
  });
});
