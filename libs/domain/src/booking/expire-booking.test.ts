import { describe, expect, it } from 'vitest';
import { aBooking, anEvent, anOption, T0 } from '../shared/fixtures.test-support.js';
import { GRACE_MINUTES, MINUTE } from './booking.test-support.js';
import type { Booking } from './booking.types.js';
import { expireBooking } from './expire-booking.js';

const lastPayable = T0 + 30 * MINUTE + GRACE_MINUTES * MINUTE;
const event = anEvent({ seatsTaken: 3, priceOptions: [anOption({ seatsTaken: 2 })] });
const expire = (booking: Booking, now: number, on = event) => expireBooking(booking, { event: on, now, graceMinutes: GRACE_MINUTES });

describe('expireBooking', () => {
  it('leaves a pending booking alone up to and including deadline + grace', () => {
    const booking = aBooking({ quantity: 2 });
    expect(expire(booking, lastPayable)).toEqual({ outcome: 'not_due', booking, event, events: [], promoUseToRelease: null });
  });

  it('expires it after that: seats of the event and of the option back, promo use to release, booking.expired', () => {
    const r = expire(aBooking({ quantity: 2, promoCodeId: 'promo-1' }), lastPayable + 1);
    expect(r.outcome).toBe('expired');
    expect(r.booking).toMatchObject({ status: 'EXPIRED', updatedAt: lastPayable + 1, ticketCode: null });
    expect(r.event.seatsTaken).toBe(1);
    expect(r.event.priceOptions[0]?.seatsTaken).toBe(0);
    expect(r.promoUseToRelease).toBe('promo-1');
    expect(r.events).toEqual([
      { type: 'booking.expired', subject: 'bkg-1', data: { bookingId: 'bkg-1', eventId: 'evt-1', userId: 'user-1', quantity: 2 } },
    ]);
  });

  it('does nothing the second time: a repeated expiry never gives the seats back twice', () => {
    const first = expire(aBooking({ quantity: 2 }), lastPayable + 1);
    const second = expire(first.booking, lastPayable + 2, first.event);
    expect(second.outcome).toBe('not_pending');
    expect(second.event).toBe(first.event);
    expect(second.booking).toBe(first.booking);
    expect(second.events).toEqual([]);
  });

  it.each(['CONFIRMED', 'CANCELED'] as const)('never touches a %s booking', (status) => {
    const booking = aBooking({ status, quantity: 2, promoCodeId: 'promo-1' });
    expect(expire(booking, lastPayable + 1)).toEqual({ outcome: 'not_pending', booking, event, events: [], promoUseToRelease: null });
  });
});
