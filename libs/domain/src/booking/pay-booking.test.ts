import { describe, expect, it } from 'vitest';
import type { EventState } from '../event/event.types.js';
import { aBooking, anEvent, anOption, hours, T0 } from '../shared/fixtures.test-support.js';
import { GRACE_MINUTES, MINUTE } from './booking.test-support.js';
import type { Booking } from './booking.types.js';
import { payBooking } from './pay-booking.js';

const deadline = T0 + 30 * MINUTE;
/** The event as it stands while `aBooking()` (1 seat of opt-1, pending) holds its seat. */
const heldEvent = (overrides: Partial<EventState> = {}): EventState =>
  anEvent({ seatsTaken: 1, priceOptions: [anOption({ seatsTaken: 1 })], ...overrides });
const pay = (booking: Booking, event: EventState, now: number) =>
  payBooking(booking, { event, paidAmount: 1999, now, graceMinutes: GRACE_MINUTES, ticketCode: 'TCK-1' });

describe('payBooking', () => {
  it('confirms a pending booking paid before its deadline, seats untouched', () => {
    const event = heldEvent();
    const r = pay(aBooking(), event, deadline - 1);
    expect(r.outcome).toBe('confirmed');
    expect(r.booking).toMatchObject({ status: 'CONFIRMED', ticketCode: 'TCK-1', paidAmount: 1999, updatedAt: deadline - 1 });
    expect(r.event).toBe(event);
    expect(r.events).toEqual([
      {
        type: 'booking.confirmed', subject: 'bkg-1',
        data: { bookingId: 'bkg-1', eventId: 'evt-1', userId: 'user-1', ticketCode: 'TCK-1', quantity: 1 },
      },
    ]);
  });

  it('still confirms during the grace period, up to and including its last instant', () => {
    expect(pay(aBooking(), heldEvent(), deadline + GRACE_MINUTES * MINUTE).outcome).toBe('confirmed');
  });

  it('reinstates a pending booking paid after deadline + grace: confirmed, seat count unchanged', () => {
    const event = heldEvent();
    const r = pay(aBooking(), event, deadline + GRACE_MINUTES * MINUTE + 1);
    expect(r.outcome).toBe('reinstated');
    expect(r.booking.status).toBe('CONFIRMED');
    expect(r.event.seatsTaken).toBe(1);
    expect(r.event.priceOptions[0]?.seatsTaken).toBe(1);
    expect(r.events.map((e) => e.type)).toEqual(['booking.confirmed']);
  });

  it('refunds a late payment for a pending booking whose event is no longer on sale, leaving it to the expiry job', () => {
    const booking = aBooking();
    const event = heldEvent({ status: 'COMPLETED' });
    const r = pay(booking, event, deadline + hours(1));
    expect(r).toMatchObject({ outcome: 'refund_required', refundAmount: 1999, reason: 'EVENT_NOT_BOOKABLE', events: [] });
    expect(r.booking).toBe(booking);
    expect(r.event).toBe(event);
  });

  it('reinstates an expired booking when its seats can be reserved again', () => {
    const expired = aBooking({ status: 'EXPIRED', promoCodeId: 'promo-1' });
    const r = pay(expired, anEvent({ seatsTaken: 4 }), deadline + hours(2));
    expect(r.outcome).toBe('reinstated');
    // The price agreed stands: no promo use is taken again and the pricing is kept.
    expect(r.booking).toMatchObject({ status: 'CONFIRMED', ticketCode: 'TCK-1', paidAmount: 1999, promoCodeId: 'promo-1' });
    expect(r.booking.pricing).toEqual(expired.pricing);
    expect(r.event.seatsTaken).toBe(5);
    expect(r.event.priceOptions[0]?.seatsTaken).toBe(1);
    expect(r.events.map((e) => e.type)).toEqual(['booking.confirmed']);
  });

  it('asks for a full refund when an expired booking’s seats are gone, changing nothing', () => {
    const expired = aBooking({ status: 'EXPIRED', quantity: 2 });
    const full = anEvent({ seatsTaken: 9 });
    const r = pay(expired, full, deadline + hours(2));
    expect(r).toMatchObject({ outcome: 'refund_required', refundAmount: 1999, reason: 'SEATS_UNAVAILABLE', events: [] });
    expect(r.booking).toBe(expired);
    expect(r.event).toBe(full);
    const quotaGone = anEvent({ priceOptions: [anOption({ quantity: 2, seatsTaken: 2 })] });
    expect(pay(expired, quotaGone, deadline + hours(2))).toMatchObject({ outcome: 'refund_required', reason: 'SEATS_UNAVAILABLE' });
  });

  it('refunds a late payment for an expired booking once the event has started or was canceled', () => {
    const expired = aBooking({ status: 'EXPIRED' });
    const event = anEvent();
    expect(pay(expired, event, event.startsAt)).toMatchObject({ outcome: 'refund_required', reason: 'EVENT_NOT_BOOKABLE' });
    expect(pay(expired, anEvent({ status: 'CANCELED' }), deadline + hours(1))).toMatchObject({
      outcome: 'refund_required', reason: 'EVENT_NOT_BOOKABLE',
    });
  });

  it('refunds in full a payment for a canceled booking, which stays as it is', () => {
    const canceled = aBooking({ status: 'CANCELED' });
    const r = pay(canceled, anEvent(), deadline - 1);
    expect(r).toMatchObject({ outcome: 'refund_required', refundAmount: 1999, reason: 'BOOKING_CANCELED', events: [] });
    expect(r.booking).toBe(canceled);
  });

  it('treats a payment for a confirmed booking as a duplicate webhook', () => {
    const confirmed = aBooking({ status: 'CONFIRMED', ticketCode: 'TCK-0', paidAmount: 1999 });
    const event = heldEvent();
    const r = pay(confirmed, event, deadline);
    expect(r).toEqual({ outcome: 'already_confirmed', booking: confirmed, event, events: [] });
  });

  it('refuses a booking of another event and a fractional amount (caller bugs)', () => {
    expect(() => pay(aBooking(), anEvent({ id: 'evt-2' }), T0)).toThrow(/belongs to event/);
    expect(() =>
      payBooking(aBooking(), { event: heldEvent(), paidAmount: 19.99, now: T0, graceMinutes: 5, ticketCode: 'T' }),
    ).toThrow(/minor units/);
  });
});
