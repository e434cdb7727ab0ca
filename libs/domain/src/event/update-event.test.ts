import { describe, expect, it } from 'vitest';
import { anEvent, anOption, hours, T0 } from '../shared/fixtures.test-support.js';
import { aCrew, aDraft } from './event.test-support.js';
import type { EventStatus } from './event.types.js';
import { updateEvent, type EventPatch } from './update-event.js';

const now = T0;
const update = (patch: EventPatch, event = anEvent()) => updateEvent(event, patch, { now });

function failure(patch: EventPatch, event = anEvent()) {
  const r = update(patch, event);
  if (r.ok) throw new Error('expected a failure');
  return r.error;
}

describe('updateEvent: plain changes', () => {
  it('applies a change and announces the changed fields', () => {
    const r = update({ title: '  Night kayak tour ', bookingDeadlineHours: 12 });
    if (!r.ok) throw new Error(r.error.detail);
    expect(r.value.state).toMatchObject({ title: 'Night kayak tour', bookingDeadlineHours: 12, rescheduledAt: null });
    expect(r.value.events).toEqual([
      { type: 'event.updated', subject: 'evt-1', data: { eventId: 'evt-1', changedFields: ['title', 'bookingDeadlineHours'] } },
    ]);
    expect(r.value.seatsFreed).toBe(0);
  });

  it('a patch that changes nothing answers the same event and no message', () => {
    const event = anEvent();
    for (const patch of [{}, { title: event.title, capacity: event.capacity, endsAt: event.endsAt }, { refundPolicy: [...event.refundPolicy].reverse() }]) {
      const r = update(patch, event);
      expect(r.ok && r.value).toEqual({ state: event, events: [], seatsFreed: 0 });
      expect(r.ok && r.value.state).toBe(event);
    }
  });

  it('edits a draft, an event in review and a scheduled one', () => {
    for (const status of ['DRAFT', 'IN_REVIEW', 'SCHEDULED'] as const) {
      expect(update({ title: 'New' }, aDraft({ status }))).toMatchObject({ ok: true, value: { state: { title: 'New', status } } });
    }
  });

  it.each<EventStatus>(['CANCELED', 'COMPLETED'])('answers EVENT_NOT_EDITABLE for a %s event', (status) => {
    expect(failure({ title: 'x' }, anEvent({ status }))).toMatchObject({ type: 'EVENT_NOT_EDITABLE', status });
  });

  it('lets an event that has begun change its other fields, but not move its start into the past', () => {
    const running = anEvent({ startsAt: now - hours(1), endsAt: now + hours(2) });
    expect(update({ title: 'Still on' }, running).ok).toBe(true);
    expect(update({ endsAt: now + hours(4) }, running).ok).toBe(true);
    expect(failure({ startsAt: now - hours(2) }, running)).toMatchObject({ type: 'INVALID_EVENT', field: 'startsAt' });
  });

  it.each<[string, EventPatch, string]>([
    ['blank title', { title: ' ' }, 'title'],
    ['start in the past', { startsAt: now - 1 }, 'startsAt'],
    ['end before the start', { endsAt: T0 + hours(239) }, 'endsAt'],
    ['capacity 0', { capacity: 0 }, 'capacity'],
    ['bad currency', { currency: 'rubles' }, 'currency'],
    ['bad time zone', { timeZone: '' }, 'timeZone'],
    ['no options', { priceOptions: [] }, 'priceOptions'],
    ['quota above capacity', { priceOptions: [{ id: 'opt-1', name: 'Adult', price: 1, quantity: 11 }] }, 'priceOptions[0].quantity'],
    ['deadline out of range', { bookingDeadlineHours: 9000 }, 'bookingDeadlineHours'],
    ['tickets per booking out of range', { maxTicketsPerBooking: 101 }, 'maxTicketsPerBooking'],
    ['reason too long', { startsAt: T0 + hours(300), reason: 'x'.repeat(1001) }, 'reason'],
  ])('rejects %s with INVALID_EVENT on %s', (_name, patch, field) => {
    expect(failure(patch)).toMatchObject({ type: 'INVALID_EVENT', field });
  });

  it('moving the start past the old end asks for a new end', () => {
    expect(failure({ startsAt: T0 + hours(250) })).toMatchObject({ type: 'INVALID_EVENT', field: 'endsAt' });
    expect(update({ startsAt: T0 + hours(250), endsAt: null }).ok).toBe(true);
  });

  it('fixes the currency once the event is published', () => {
    expect(failure({ currency: 'EUR' })).toMatchObject({ type: 'INVALID_EVENT', field: 'currency' });
    expect(update({ currency: 'EUR' }, aDraft())).toMatchObject({ ok: true, value: { state: { currency: 'EUR' } } });
  });

  it('keeps the start after a scheduled publishAt', () => {
    const scheduled = aDraft({ status: 'SCHEDULED', publishAt: T0 + hours(100) });
    expect(failure({ startsAt: T0 + hours(100), endsAt: null }, scheduled)).toMatchObject({ type: 'INVALID_EVENT', field: 'startsAt' });
  });

  it('passes refund policy and pricing rule errors through, and stores valid ones sorted', () => {
    expect(failure({ refundPolicy: [{ minHoursBefore: 10, percent: 101 }] }).type).toBe('INVALID_REFUND_POLICY');
    expect(failure({ dynamicPricing: [{ minFillPercent: 120, multiplier: 1.1 }] }).type).toBe('INVALID_PRICING_RULES');
    const r = update({ groupDiscounts: [{ minQuantity: 8, percent: 15 }, { minQuantity: 4, percent: 5 }] });
    expect(r.ok && r.value.state.groupDiscounts.map((t) => t.minQuantity)).toEqual([4, 8]);
    expect(r.ok && r.value.events[0]?.data).toEqual({ eventId: 'evt-1', changedFields: ['groupDiscounts'] });
  });
});

describe('updateEvent: capacity and price options', () => {
  const busy = anEvent({ capacity: 10, seatsTaken: 6, priceOptions: [anOption({ quantity: 8, seatsTaken: 6 })] });

  it('refuses a capacity below the seats taken with CAPACITY_BELOW_SEATS_TAKEN', () => {
    expect(failure({ capacity: 5, priceOptions: [{ id: 'opt-1', name: 'Adult', price: 1999, quantity: null }] }, busy)).toEqual({
      type: 'CAPACITY_BELOW_SEATS_TAKEN', detail: expect.any(String) as string, capacity: 5, seatsTaken: 6,
    });
  });

  it('accepts a capacity equal to the seats taken', () => {
    const r = update({ capacity: 6, priceOptions: [{ id: 'opt-1', name: 'Adult', price: 1999, quantity: 6 }] }, busy);
    expect(r.ok && r.value.state.capacity).toBe(6);
  });

  it('refuses an option quota below that option seats taken', () => {
    expect(failure({ priceOptions: [{ id: 'opt-1', name: 'Adult', price: 1999, quantity: 5 }] }, busy)).toMatchObject({
      type: 'CAPACITY_BELOW_SEATS_TAKEN', capacity: 5, seatsTaken: 6,
    });
  });

  it('reports seats freed by a capacity raise, none by a cut', () => {
    const full = anEvent({ capacity: 10, seatsTaken: 10 });
    expect(update({ capacity: 15 }, full)).toMatchObject({ ok: true, value: { seatsFreed: 5 } });
    expect(update({ capacity: 12 }, anEvent({ capacity: 10, seatsTaken: 3 }))).toMatchObject({ ok: true, value: { seatsFreed: 2 } });
    expect(update({ capacity: 8 }, anEvent({ capacity: 10, seatsTaken: 3 }))).toMatchObject({ ok: true, value: { seatsFreed: 0 } });
  });

  it('clamps maxTicketsPerBooking when the capacity goes below it', () => {
    const r = update({ capacity: 4 }, anEvent({ capacity: 10, maxTicketsPerBooking: 10 }));
    expect(r.ok && r.value.state.maxTicketsPerBooking).toBe(4);
    expect(r.ok && r.value.events[0]?.data).toEqual({ eventId: 'evt-1', changedFields: ['capacity', 'maxTicketsPerBooking'] });
  });

  it('replaces the option list: seat counts follow ids, new options start empty, active is kept unless given', () => {
    const event = anEvent({
      capacity: 10, seatsTaken: 3,
      priceOptions: [anOption({ id: 'a', name: 'Adult', seatsTaken: 3, active: false }), anOption({ id: 'b', name: 'Child' })],
    });
    const r = update({ priceOptions: [{ id: 'a', name: 'Grown-up', price: 500 }, { id: 'c', name: 'Senior', price: 300, quantity: 2 }] }, event);
    if (!r.ok) throw new Error(r.error.detail);
    expect(r.value.state.priceOptions).toEqual([
      { id: 'a', name: 'Grown-up', price: 500, quantity: null, seatsTaken: 3, active: false },
      { id: 'c', name: 'Senior', price: 300, quantity: 2, seatsTaken: 0, active: true },
    ]);
    expect(r.value.events[0]?.data).toEqual({ eventId: 'evt-1', changedFields: ['priceOptions'] });
  });

  it('refuses to drop an option that holds seats, or to list an id twice', () => {
    const event = anEvent({ seatsTaken: 1, priceOptions: [anOption({ id: 'a', seatsTaken: 1 }), anOption({ id: 'b', name: 'Child' })] });
    expect(failure({ priceOptions: [{ id: 'b', name: 'Child', price: 1 }] }, event)).toMatchObject({ type: 'INVALID_EVENT', field: 'priceOptions' });
    expect(failure({ priceOptions: [{ id: 'a', name: 'A', price: 1 }, { id: 'a', name: 'B', price: 1 }] }, event)).toMatchObject({
      type: 'INVALID_EVENT', field: 'priceOptions[1].id',
    });
  });
});

describe('updateEvent: reschedule', () => {
  const newStart = T0 + hours(300);

  it('new times of a PUBLISHED event are a reschedule', () => {
    const r = update({ startsAt: newStart, endsAt: newStart + hours(2), reason: ' weather ' });
    if (!r.ok) throw new Error(r.error.detail);
    expect(r.value.state).toMatchObject({ startsAt: newStart, endsAt: newStart + hours(2), rescheduledAt: now });
    expect(r.value.events).toEqual([
      {
        type: 'event.rescheduled',
        subject: 'evt-1',
        data: {
          eventId: 'evt-1', previousStartsAt: T0 + hours(240), previousEndsAt: T0 + hours(243),
          startsAt: newStart, endsAt: newStart + hours(2), reason: 'weather',
        },
      },
    ]);
  });

  it('a change of endsAt alone is a reschedule too, without a reason', () => {
    const r = update({ endsAt: null });
    expect(r.ok && r.value.events.map((e) => e.type)).toEqual(['event.rescheduled']);
    expect(r.ok && r.value.events[0]?.data).toMatchObject({ endsAt: null, reason: null });
  });

  it('other fields changed with the times are announced by event.updated beside it', () => {
    const r = update({ startsAt: newStart, endsAt: null, title: 'Moved' });
    expect(r.ok && r.value.events.map((e) => e.type)).toEqual(['event.updated', 'event.rescheduled']);
    expect(r.ok && r.value.events[0]?.data).toEqual({ eventId: 'evt-1', changedFields: ['title'] });
  });

  it('re-requests an assigned crew: the old one is released, the new request is PENDING from zero', () => {
    const event = anEvent({ crew: aCrew({ status: 'ASSIGNED', crewId: 'crew-7' }) });
    const r = update({ startsAt: newStart, endsAt: null }, event);
    if (!r.ok) throw new Error(r.error.detail);
    expect(r.value.state.crew).toEqual(aCrew({ status: 'PENDING', crewId: null, attempts: 0 }));
    expect(r.value.events.map((e) => e.type)).toEqual(['event.rescheduled', 'crew.released']);
    expect(r.value.events[1]?.data).toEqual({ eventId: 'evt-1', crewId: 'crew-7' });
  });

  it('re-requests a failed or pending crew without a release, and leaves an event without crew alone', () => {
    const failed = anEvent({ crew: aCrew({ status: 'FAILED', attempts: 5, lastError: 'timeout' }) });
    const r = update({ startsAt: newStart, endsAt: null }, failed);
    expect(r.ok && r.value.state.crew).toEqual(aCrew());
    expect(r.ok && r.value.events.map((e) => e.type)).toEqual(['event.rescheduled']);
    const pending = anEvent({ crew: aCrew({ attempts: 2, nextAttemptAt: T0 + hours(1) }) });
    expect(update({ startsAt: newStart, endsAt: null }, pending)).toMatchObject({ ok: true, value: { state: { crew: aCrew() } } });
    const none = update({ startsAt: newStart, endsAt: null });
    expect(none.ok && none.value.state.crew.status).toBe('NONE');
  });

  it('new times of an unpublished event are a plain update, but the crew is still re-requested', () => {
    const r = update({ startsAt: newStart, endsAt: null }, aDraft({ crew: aCrew({ status: 'ASSIGNED', crewId: 'c' }) }));
    if (!r.ok) throw new Error(r.error.detail);
    expect(r.value.state.rescheduledAt).toBeNull();
    expect(r.value.state.crew.status).toBe('PENDING');
    expect(r.value.events.map((e) => e.type)).toEqual(['event.updated', 'crew.released']);
    expect(r.value.events[0]?.data).toEqual({ eventId: 'evt-1', changedFields: ['startsAt', 'endsAt'] });
  });
});
