import { describe, expect, it } from 'vitest';
import type { EventState } from '../event/event.types.js';
import { anEntry, anEvent, anOption, hours, T0 } from '../shared/fixtures.test-support.js';
import type { WaitlistEntry } from '../waitlist/waitlist.types.js';
import { createBookingFromOffer, type BookingFromOfferInput } from './booking-from-offer.js';
import { MINUTE, TTL_MINUTES } from './booking.test-support.js';

const offered = (overrides: Partial<WaitlistEntry> = {}): WaitlistEntry =>
  anEntry({ status: 'OFFERED', quantity: 2, offeredAt: T0 - MINUTE, offerExpiresAt: T0 + 29 * MINUTE, ...overrides });
/** 8 of 10 seats taken, 2 of them by the offer's hold. */
const heldEvent = (overrides: Partial<EventState> = {}): EventState => anEvent({ capacity: 10, seatsTaken: 8, ...overrides });
const claim = (overrides: Partial<BookingFromOfferInput> = {}) =>
  createBookingFromOffer({
    event: heldEvent(), entry: offered(), now: T0, bookingId: 'bkg-wl', ticketCode: 'TCK-WL', ttlMinutes: TTL_MINUTES, ...overrides,
  });

describe('createBookingFromOffer', () => {
  it('turns the held seats into a pending booking of the entry’s user: event count unchanged, option quota counted', () => {
    const event = heldEvent({ priceOptions: [anOption({ quantity: 5, seatsTaken: 3 })] });
    const r = claim({ event });
    if (!r.ok) throw new Error(r.error.type);
    expect(r.value.booking).toMatchObject({
      id: 'bkg-wl', userId: 'user-9', quantity: 2, priceOptionId: 'opt-1', status: 'PENDING_PAYMENT', ticketCode: null,
      waitlistEntryId: 'wl-1', promoCodeId: null, totalAmount: 3998, paymentDeadline: T0 + 30 * MINUTE,
    });
    expect(r.value.event.seatsTaken).toBe(8);
    expect(r.value.event.priceOptions[0]?.seatsTaken).toBe(5);
    expect(r.value.events.map((e) => e.type)).toEqual(['booking.created']);
  });

  it('prices on the fill before the claimant’s own hold', () => {
    const dynamicPricing = [{ minFillPercent: 70, multiplier: 2 }];
    const r = claim({ event: heldEvent({ dynamicPricing }) }); // 8 taken incl. the hold: 60 % before
    expect(r.ok && r.value.booking.pricing.dynamicMultiplier).toBe(1);
    const fuller = claim({ event: heldEvent({ dynamicPricing, seatsTaken: 9 }) }); // 70 % before
    expect(fuller.ok && fuller.value.booking.pricing.dynamicMultiplier).toBe(2);
  });

  it('uses the option the entry asked for, and confirms at once when it is free', () => {
    const event = heldEvent({ priceOptions: [anOption(), anOption({ id: 'kids', price: 0 })] });
    const r = claim({ event, entry: offered({ priceOptionId: 'kids' }) });
    if (!r.ok) throw new Error(r.error.type);
    expect(r.value.booking).toMatchObject({ priceOptionId: 'kids', status: 'CONFIRMED', ticketCode: 'TCK-WL' });
    expect(r.value.events.map((e) => e.type)).toEqual(['booking.created', 'booking.confirmed']);
  });

  it('is allowed after the booking deadline, until the start', () => {
    const event = heldEvent({ startsAt: T0 + hours(2), bookingDeadlineHours: 24 });
    expect(claim({ event }).ok).toBe(true);
    expect(claim({ event, now: T0 + hours(2) })).toMatchObject({
      ok: false, error: { type: 'BOOKING_CLOSED', closedAt: T0 + hours(2) },
    });
  });

  it('answers PRICE_OPTION_SOLD_OUT when the option’s quota is gone, leaving the hold as it was', () => {
    const event = heldEvent({ priceOptions: [anOption({ quantity: 5, seatsTaken: 4 })] });
    expect(claim({ event })).toMatchObject({ ok: false, error: { type: 'PRICE_OPTION_SOLD_OUT', seatsAvailable: 1 } });
  });

  it('answers INVALID_PRICE_OPTION for an option no longer sold', () => {
    const event = heldEvent({ priceOptions: [anOption({ active: false })] });
    expect(claim({ event })).toMatchObject({ ok: false, error: { type: 'INVALID_PRICE_OPTION' } });
  });

  it('answers EVENT_NOT_BOOKABLE when the event is no longer published', () => {
    expect(claim({ event: heldEvent({ status: 'CANCELED' }) })).toMatchObject({
      ok: false, error: { type: 'EVENT_NOT_BOOKABLE', status: 'CANCELED' },
    });
  });

  it('refuses an entry that holds no seats or belongs to another event (caller bugs)', () => {
    expect(() => claim({ entry: offered({ status: 'WAITING' }) })).toThrow(/not an offer/);
    expect(() => claim({ entry: offered({ eventId: 'evt-2' }) })).toThrow(/belongs to event/);
  });
});
