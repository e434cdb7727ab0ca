import { describe, expect, it } from 'vitest';
import type { EventState } from '../event/event.types.js';
import { aBooking, anEvent, anOption, hours, T0 } from '../shared/fixtures.test-support.js';
import type { Booking } from './booking.types.js';
import { cancelBooking, type CancelBookingCommand } from './cancel-booking.js';

const startsAt = T0 + hours(24 * 10);
const heldEvent = (quantity = 1): EventState =>
  anEvent({ startsAt, seatsTaken: quantity + 2, priceOptions: [anOption({ seatsTaken: quantity })] });
const paid = (overrides: Partial<Booking> = {}): Booking =>
  aBooking({ status: 'CONFIRMED', ticketCode: 'TCK-1', paidAmount: 1999, ...overrides });
const command = (overrides: Partial<CancelBookingCommand> = {}): CancelBookingCommand => ({
  event: heldEvent(),
  by: 'OWNER',
  actorId: 'user-1',
  reason: 'plans changed',
  now: T0,
  alreadyRefunded: 0,
  ...overrides,
});
const canceled = (booking: Booking, overrides: Partial<CancelBookingCommand> = {}) => {
  const r = cancelBooking(booking, command(overrides));
  if (!r.ok) throw new Error(`expected a cancel, got ${r.error.type}`);
  return r.value;
};

describe('cancelBooking: an unpaid booking', () => {
  it('is canceled with no money moved, its seats given back and its promo use to release', () => {
    const r = canceled(aBooking({ quantity: 1, promoCodeId: 'promo-1' }));
    expect(r.booking).toMatchObject({ status: 'CANCELED', refund: null, cancelReason: 'plans changed', updatedAt: T0 });
    expect(r.event.seatsTaken).toBe(2);
    expect(r.event.priceOptions[0]?.seatsTaken).toBe(0);
    expect(r.promoUseToRelease).toBe('promo-1');
    expect(r.events).toEqual([
      {
        type: 'booking.canceled', subject: 'bkg-1',
        data: {
          bookingId: 'bkg-1', eventId: 'evt-1', userId: 'user-1', reason: 'plans changed', canceledBy: 'user-1',
          refundAmount: null, refundPercent: null,
        },
      },
    ]);
  });

  it('may be canceled even after the start (it holds seats, never money)', () => {
    expect(canceled(aBooking(), { now: startsAt + 1 }).booking.status).toBe('CANCELED');
  });
});

describe('cancelBooking: a paid booking canceled by its owner', () => {
  it.each([
    ['8 days before: 100 %', hours(24 * 8), 100, 1999],
    ['3 days before: 80 %', hours(72), 80, 1599],
    ['30 h before: 50 %, half up', hours(30), 50, 1000],
    ['10 h before: nothing', hours(10), 0, 0],
  ])('%s', (_label, before, percent, amount) => {
    const r = canceled(paid(), { now: startsAt - before });
    expect(r.booking.refund).toEqual({ amount, percent, status: amount === 0 ? 'COMPLETED' : 'PENDING' });
    expect(r.event.seatsTaken).toBe(2);
    expect(r.promoUseToRelease).toBeNull();
    expect(r.events[0]?.data).toMatchObject({ refundAmount: amount, refundPercent: percent });
  });

  it('refunds by the policy copied onto the booking, not the event’s current one', () => {
    const event = { ...heldEvent(), refundPolicy: [{ minHoursBefore: 0, percent: 100 }] };
    expect(canceled(paid(), { event, now: startsAt - hours(10) }).booking.refund?.amount).toBe(0);
  });

  it('refunds 100 % after a reschedule the booking predates, by policy after one it postdates', () => {
    const now = startsAt - hours(10);
    const rescheduled = { ...heldEvent(), rescheduledAt: T0 - hours(1) };
    expect(canceled(paid({ createdAt: T0 - hours(2) }), { event: rescheduled, now }).booking.refund).toMatchObject({
      amount: 1999, percent: 100,
    });
    expect(canceled(paid({ createdAt: T0 }), { event: rescheduled, now }).booking.refund).toMatchObject({ amount: 0, percent: 0 });
  });

  it('never refunds more than is left after earlier refunds', () => {
    expect(canceled(paid(), { alreadyRefunded: 1500 }).booking.refund).toEqual({ amount: 499, percent: 100, status: 'PENDING' });
    expect(canceled(paid(), { alreadyRefunded: 1999 }).booking.refund).toEqual({ amount: 0, percent: 100, status: 'COMPLETED' });
  });

  it('carries no refund for a free booking, which was never paid', () => {
    expect(canceled(paid({ paidAmount: 0, totalAmount: 0 })).booking.refund).toBeNull();
  });

  it('answers EVENT_STARTED from the start on', () => {
    const r = cancelBooking(paid(), command({ now: startsAt }));
    expect(r).toEqual({ ok: false, error: { type: 'EVENT_STARTED', detail: expect.any(String) } });
  });
});

describe('cancelBooking: by an organiser or an admin', () => {
  const late = startsAt - hours(10);

  it('refunds 100 % whatever the policy, when an organiser cancels', () => {
    const r = canceled(paid(), { by: 'ORGANIZER', actorId: 'organiser-1', now: late });
    expect(r.booking.refund).toEqual({ amount: 1999, percent: 100, status: 'PENDING' });
    expect(r.events[0]?.data).toMatchObject({ canceledBy: 'organiser-1' });
  });

  it('refunds 100 % by default, or the admin’s chosen percentage', () => {
    expect(canceled(paid(), { by: 'ADMIN', actorId: 'admin-1', now: late }).booking.refund?.percent).toBe(100);
    expect(canceled(paid(), { by: 'ADMIN', overridePercent: 30, now: late }).booking.refund).toMatchObject({ amount: 600, percent: 30 });
    expect(canceled(paid(), { by: 'ADMIN', overridePercent: 0, now: late }).booking.refund).toMatchObject({ amount: 0, status: 'COMPLETED' });
  });

  it('lets only an admin choose the percentage (a caller bug otherwise)', () => {
    expect(() => cancelBooking(paid(), command({ by: 'OWNER', overridePercent: 100 }))).toThrow(/only an admin/);
    expect(() => cancelBooking(paid(), command({ by: 'ORGANIZER', overridePercent: 50 }))).toThrow(/only an admin/);
  });
});

describe('cancelBooking: bookings that are over', () => {
  it('returns a canceled booking unchanged, with no messages and no seats moved', () => {
    const done = paid({ status: 'CANCELED', refund: { amount: 1999, percent: 100, status: 'PENDING' } });
    const event = heldEvent();
    expect(cancelBooking(done, command({ event, by: 'ADMIN', overridePercent: 10 }))).toEqual({
      ok: true, value: { booking: done, event, events: [], promoUseToRelease: null },
    });
  });

  it('answers BOOKING_NOT_CANCELABLE for an expired booking', () => {
    const r = cancelBooking(aBooking({ status: 'EXPIRED' }), command());
    expect(r).toMatchObject({ ok: false, error: { type: 'BOOKING_NOT_CANCELABLE', status: 'EXPIRED' } });
  });
});
