import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aPromo, anEvent, anOption, hours, T0 } from '../shared/fixtures.test-support.js';
import { aCreateInput, MINUTE } from './booking.test-support.js';
import { createBooking, type CreateBookingInput } from './create-booking.js';

const errorOf = (input: CreateBookingInput) => {
  const r = createBooking(input);
  if (r.ok) throw new Error('expected an error');
  return r.error;
};
const valueOf = (input: CreateBookingInput) => {
  const r = createBooking(input);
  if (!r.ok) throw new Error(`expected a booking, got ${r.error.type}`);
  return r.value;
};

describe('createBooking: a paid booking', () => {
  it('is PENDING_PAYMENT without a ticket, takes the seats of the event and of the option, announces booking.created', () => {
    const event = anEvent({ seatsTaken: 3, priceOptions: [anOption({ quantity: 5, seatsTaken: 1 })] });
    const { booking, event: after, promo, events } = valueOf(aCreateInput({ event, quantity: 2 }));
    expect(booking).toMatchObject({
      id: 'bkg-new', eventId: 'evt-1', userId: 'user-1', priceOptionId: 'opt-1', quantity: 2,
      status: 'PENDING_PAYMENT', totalAmount: 3998, currency: 'RUB', ticketCode: null, paidAmount: 0,
      refund: null, waitlistEntryId: null, promoCodeId: null, createdAt: T0, updatedAt: T0,
      paymentDeadline: T0 + 30 * MINUTE,
    });
    expect(booking.pricing).toEqual({
      currency: 'RUB', unitPrice: 1999, quantity: 2, subtotal: 3998, dynamicMultiplier: 1,
      groupDiscount: 0, promoDiscount: 0, total: 3998,
    });
    expect(after.seatsTaken).toBe(5);
    expect(after.priceOptions[0]?.seatsTaken).toBe(3);
    expect(promo).toBeNull();
    expect(events).toEqual([
      {
        type: 'booking.created', subject: 'bkg-new',
        data: {
          bookingId: 'bkg-new', eventId: 'evt-1', userId: 'user-1', quantity: 2, status: 'PENDING_PAYMENT',
          totalAmount: 3998, currency: 'RUB', paymentDeadline: T0 + 30 * MINUTE,
        },
      },
    ]);
  });

  it('keeps a copy of the refund policy in force', () => {
    const policy = [{ minHoursBefore: 72, percent: 90 }];
    expect(valueOf(aCreateInput({ event: anEvent({ refundPolicy: policy }) })).booking.refundPolicy).toEqual(policy);
  });

  it('never lets the payment deadline pass the start', () => {
    const event = anEvent({ startsAt: T0 + 10 * MINUTE, bookingDeadlineHours: 0 });
    expect(valueOf(aCreateInput({ event })).booking.paymentDeadline).toBe(T0 + 10 * MINUTE);
  });

  it('prices on the fill before this booking', () => {
    const dynamicPricing = [{ minFillPercent: 80, multiplier: 1.5 }];
    const at70 = valueOf(aCreateInput({ event: anEvent({ seatsTaken: 7, dynamicPricing }), quantity: 2 }));
    expect(at70.booking.pricing.dynamicMultiplier).toBe(1); // this booking brings it to 90 %, which does not count
    const at80 = valueOf(aCreateInput({ event: anEvent({ seatsTaken: 8, dynamicPricing }), quantity: 2 }));
    expect(at80.booking.pricing).toMatchObject({ dynamicMultiplier: 1.5, unitPrice: 2999, total: 5998 });
  });

  it('picks the cheapest active option when none is named', () => {
    const event = anEvent({
      priceOptions: [
        anOption({ id: 'a', price: 3000 }),
        anOption({ id: 'b', price: 1000, active: false }),
        anOption({ id: 'c', price: 2000 }),
        anOption({ id: 'd', price: 2000 }),
      ],
    });
    const { booking, event: after } = valueOf(aCreateInput({ event, priceOptionId: null }));
    expect(booking.priceOptionId).toBe('c');
    expect(after.priceOptions.map((o) => o.seatsTaken)).toEqual([0, 0, 1, 0]);
  });

  it('leaves its inputs untouched', () => {
    const input = aCreateInput({ promoCode: 'SUMMER10', promo: aPromo({ maxUses: 5, usesCount: 1 }) });
    const copy: unknown = JSON.parse(JSON.stringify(input));
    valueOf(input);
    expect(input).toEqual(copy);
  });
});

describe('createBooking: a free booking', () => {
  it('is CONFIRMED at once with its ticket code and announces booking.created then booking.confirmed', () => {
    const event = anEvent({ priceOptions: [anOption({ price: 0 })] });
    const { booking, event: after, events } = valueOf(aCreateInput({ event, quantity: 3 }));
    expect(booking).toMatchObject({ status: 'CONFIRMED', ticketCode: 'TCK-NEW', paidAmount: 0, totalAmount: 0, refund: null });
    expect(after.seatsTaken).toBe(3);
    expect(events.map((e) => e.type)).toEqual(['booking.created', 'booking.confirmed']);
    expect(events[0]?.data).toMatchObject({ status: 'CONFIRMED', totalAmount: 0 });
    expect(events[1]).toEqual({
      type: 'booking.confirmed', subject: 'bkg-new',
      data: { bookingId: 'bkg-new', eventId: 'evt-1', userId: 'user-1', ticketCode: 'TCK-NEW', quantity: 3 },
    });
  });

  it('is also what a 100 % promo code makes of a paid option', () => {
    const { booking, promo } = valueOf(aCreateInput({ promoCode: 'FREE', promo: aPromo({ code: 'free', discountPercent: 100 }) }));
    expect(booking).toMatchObject({ status: 'CONFIRMED', ticketCode: 'TCK-NEW', promoCodeId: 'promo-1' });
    expect(promo?.usesCount).toBe(1);
  });
});

describe('createBooking: promo codes', () => {
  it('matches the code case-insensitively, discounts the booking and reserves one use', () => {
    const { booking, promo } = valueOf(
      aCreateInput({ quantity: 2, promoCode: '  summer10 ', promo: aPromo({ maxUses: 3, usesCount: 2 }) }),
    );
    expect(booking.promoCodeId).toBe('promo-1');
    expect(booking.pricing).toMatchObject({ subtotal: 3998, promoDiscount: 400, total: 3598 });
    expect(promo).toMatchObject({ id: 'promo-1', usesCount: 3 });
  });

  it('treats a blank code as no code', () => {
    const { booking, promo } = valueOf(aCreateInput({ promoCode: '   ', promo: null }));
    expect(booking.promoCodeId).toBeNull();
    expect(promo).toBeNull();
  });

  it.each([
    ['UNKNOWN', aCreateInput({ promoCode: 'GHOST', promo: null })],
    ['EXPIRED', aCreateInput({ promoCode: 'SUMMER10', promo: aPromo({ endsAt: T0 }) })],
    ['NOT_STARTED', aCreateInput({ promoCode: 'SUMMER10', promo: aPromo({ startsAt: T0 + 1 }) })],
    ['INACTIVE', aCreateInput({ promoCode: 'SUMMER10', promo: aPromo({ isActive: false }) })],
    ['EXHAUSTED', aCreateInput({ promoCode: 'SUMMER10', promo: aPromo({ maxUses: 2, usesCount: 2 }) })],
    ['NOT_APPLICABLE', aCreateInput({ promoCode: 'SUMMER10', promo: aPromo({ eventId: 'evt-other' }) })],
  ] as const)('answers INVALID_PROMO_CODE with reason %s', (reason, input) => {
    expect(errorOf(input)).toMatchObject({ type: 'INVALID_PROMO_CODE', reason });
  });

  it('refuses a promo that was looked up for another code (a caller bug)', () => {
    expect(() => createBooking(aCreateInput({ promoCode: 'WINTER', promo: aPromo() }))).toThrow(/another code/);
    expect(() => createBooking(aCreateInput({ promoCode: null, promo: aPromo() }))).toThrow(/none was typed/);
  });
});

describe('createBooking: each check', () => {
  it.each(['DRAFT', 'SCHEDULED', 'IN_REVIEW'] as const)('hides a %s event: EVENT_NOT_FOUND', (status) => {
    expect(errorOf(aCreateInput({ event: anEvent({ status }) })).type).toBe('EVENT_NOT_FOUND');
  });

  it('answers EVENT_NOT_FOUND for a missing event', () => {
    expect(errorOf(aCreateInput({ event: null })).type).toBe('EVENT_NOT_FOUND');
  });

  it.each(['CANCELED', 'COMPLETED'] as const)('refuses a %s event: EVENT_NOT_BOOKABLE', (status) => {
    expect(errorOf(aCreateInput({ event: anEvent({ status }) }))).toMatchObject({ type: 'EVENT_NOT_BOOKABLE', status });
  });

  it('refuses the creator and the organisation’s members: OWN_EVENT', () => {
    expect(errorOf(aCreateInput({ userId: 'organiser-1' })).type).toBe('OWN_EVENT');
    expect(errorOf(aCreateInput({ isMemberOfOrganization: true })).type).toBe('OWN_EVENT');
  });

  it('closes bookingDeadlineHours before the start: BOOKING_CLOSED', () => {
    const event = anEvent({ startsAt: T0 + hours(30), bookingDeadlineHours: 6 });
    const closedAt = T0 + hours(24);
    expect(createBooking(aCreateInput({ event, now: closedAt - 1 })).ok).toBe(true);
    expect(errorOf(aCreateInput({ event, now: closedAt }))).toMatchObject({ type: 'BOOKING_CLOSED', closedAt });
  });

  it.each([0, -1, 11, 1.5, Number.NaN])('refuses quantity %s: QUANTITY_LIMIT', (quantity) => {
    expect(errorOf(aCreateInput({ quantity }))).toMatchObject({ type: 'QUANTITY_LIMIT', min: 1, max: 10 });
  });

  it('accepts exactly maxTicketsPerBooking', () => {
    expect(valueOf(aCreateInput({ quantity: 10 })).booking.quantity).toBe(10);
    expect(errorOf(aCreateInput({ quantity: 3, event: anEvent({ maxTicketsPerBooking: 2 }) }))).toMatchObject({ max: 2 });
  });

  it('refuses a second active booking: ALREADY_BOOKED', () => {
    expect(errorOf(aCreateInput({ hasActiveBooking: true })).type).toBe('ALREADY_BOOKED');
  });

  it('refuses an unknown or inactive option, or an event with no active one: INVALID_PRICE_OPTION', () => {
    expect(errorOf(aCreateInput({ priceOptionId: 'nope' })).type).toBe('INVALID_PRICE_OPTION');
    const inactive = anEvent({ priceOptions: [anOption({ active: false })] });
    expect(errorOf(aCreateInput({ event: inactive })).type).toBe('INVALID_PRICE_OPTION');
    expect(errorOf(aCreateInput({ event: inactive, priceOptionId: null })).type).toBe('INVALID_PRICE_OPTION');
  });

  it('answers EVENT_FULL, with the waitlist joinable, when the event lacks seats', () => {
    const event = anEvent({ capacity: 10, seatsTaken: 9 });
    expect(errorOf(aCreateInput({ event, quantity: 2 }))).toMatchObject({
      type: 'EVENT_FULL', waitlistJoinable: true, seatsAvailable: 1,
    });
  });

  it('answers PRICE_OPTION_SOLD_OUT when only the option’s quota lacks seats', () => {
    const event = anEvent({ priceOptions: [anOption({ quantity: 4, seatsTaken: 3 })] });
    expect(errorOf(aCreateInput({ event, quantity: 2 }))).toMatchObject({ type: 'PRICE_OPTION_SOLD_OUT', seatsAvailable: 1 });
  });
});

describe('createBooking: the order of the checks', () => {
  // Each breaker makes exactly one check fail and composes with the others.
  const breakers: readonly [string, (i: CreateBookingInput) => CreateBookingInput][] = [
    ['EVENT_NOT_BOOKABLE', (i) => ({ ...i, event: i.event && { ...i.event, status: 'CANCELED' } })],
    ['OWN_EVENT', (i) => ({ ...i, isMemberOfOrganization: true })],
    ['BOOKING_CLOSED', (i) => ({ ...i, event: i.event && { ...i.event, bookingDeadlineHours: 24 * 11 } })],
    ['QUANTITY_LIMIT', (i) => ({ ...i, quantity: 0 })],
    ['ALREADY_BOOKED', (i) => ({ ...i, hasActiveBooking: true })],
    ['INVALID_PRICE_OPTION', (i) => ({ ...i, priceOptionId: 'nope' })],
    ['INVALID_PROMO_CODE', (i) => ({ ...i, promoCode: 'GHOST', promo: null })],
    ['EVENT_FULL', (i) => ({ ...i, event: i.event && { ...i.event, seatsTaken: i.event.capacity } })],
  ];

  it('answers the check-3 error for an input failing checks 3 and 5', () => {
    const [, closed] = breakers[2]!;
    const [, booked] = breakers[4]!;
    expect(errorOf(booked(closed(aCreateInput()))).type).toBe('BOOKING_CLOSED');
  });

  it('answers INVALID_PROMO_CODE before EVENT_FULL, and reserves nothing when the seats fail', () => {
    const full = anEvent({ seatsTaken: 10 });
    expect(errorOf(aCreateInput({ event: full, promoCode: 'X', promo: null })).type).toBe('INVALID_PROMO_CODE');
    expect(errorOf(aCreateInput({ event: full, promoCode: 'SUMMER10', promo: aPromo() })).type).toBe('EVENT_FULL');
  });

  it('lets the first failing check decide, for any combination of failures', () => {
    fc.assert(
      fc.property(fc.subarray([0, 1, 2, 3, 4, 5, 6, 7], { minLength: 1 }), fc.boolean(), (failing, reverse) => {
        const order = reverse ? [...failing].reverse() : failing;
        const input = order.reduce((acc, k) => breakers[k]![1](acc), aCreateInput());
        expect(errorOf(input).type).toBe(breakers[Math.min(...failing)]![0]);
      }),
    );
  });
});
