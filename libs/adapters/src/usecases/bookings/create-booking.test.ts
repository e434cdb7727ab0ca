import { describe, expect, it } from 'vitest';
import { alice, bob, bookingWorld, DAY, failure, guest, MIN, OPTION, owner, PRICE, staff, T0, TTL_MINUTES, user, value, VIP } from './booking-world.test-support.js';

describe('CreateBookingUseCase', () => {
  it('holds the seats of a paid booking until its payment deadline, and writes its message and audit row', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const booking = await w.book(alice, event.id, 2);
    expect(booking).toMatchObject({
      status: 'PENDING_PAYMENT',
      userId: 'alice',
      quantity: 2,
      priceOptionId: OPTION,
      totalAmount: 2 * PRICE,
      paymentDeadline: T0 + TTL_MINUTES * MIN,
      ticketCode: null,
      refundPolicy: event.refundPolicy,
    });
    expect(await w.booking(booking.id)).toEqual(booking);
    expect(await w.seats(event.id)).toEqual({ taken: 2, byOption: { [OPTION]: 2, [VIP]: 0 } });
    expect((await w.messages()).map((m) => m.type)).toEqual(['booking.created']);
    expect(await w.auditOf(booking.id)).toMatchObject([{ entity: 'BOOKING', from: null, to: 'PENDING_PAYMENT', actorId: 'alice' }]);
  });

  it('never holds seats past the start: the deadline is the start when that comes first', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent({ startsAt: T0 + 10 * MIN, bookingDeadlineHours: 0 });
    expect((await w.book(alice, event.id)).paymentDeadline).toBe(T0 + 10 * MIN);
  });

  it('confirms a free booking at once, with a ticket code', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent({ priceOptions: [{ id: OPTION, name: 'Free', price: 0, quantity: null, seatsTaken: 0, active: true }] });
    const booking = await w.book(alice, event.id);
    expect(booking).toMatchObject({ status: 'CONFIRMED', totalAmount: 0, ticketCode: 'AQ-TEST-00001' });
    expect((await w.messages()).map((m) => m.type)).toEqual(['booking.created', 'booking.confirmed']);
    expect(await w.auditOf(booking.id)).toMatchObject([{ from: null, to: 'CONFIRMED' }]);
  });

  it('applies a promo code and takes one of its uses', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const promo = await w.seedPromo({ maxUses: 5 });
    const booking = await w.book(alice, event.id, 1, { promoCode: ' spring10 ' });
    expect(booking).toMatchObject({ promoCodeId: promo.id, totalAmount: 4_500, pricing: { promoDiscount: 500 } });
    expect((await w.promoCodes.findById(null, promo.id))?.usesCount).toBe(1);
  });

  describe('refusals, in the order of DESIGN §3.3, none of which takes a seat', () => {
    it('asks guests to sign in', async () => {
      const w = bookingWorld();
      const event = await w.seedEvent();
      expect(failure(await w.create.execute(guest, { eventId: event.id, quantity: 1 })).type).toBe('NOT_AUTHENTICATED');
    });

    it('answers EVENT_NOT_FOUND for an unknown or hidden event, EVENT_NOT_BOOKABLE for an ended one', async () => {
      const w = bookingWorld();
      const draft = await w.seedEvent({ status: 'DRAFT' });
      const canceled = await w.seedEvent({ status: 'CANCELED' });
      expect(failure(await w.create.execute(alice, { eventId: draft.id, quantity: 1 })).type).toBe('EVENT_NOT_FOUND');
      expect(failure(await w.create.execute(alice, { eventId: 'nope', quantity: 1 })).type).toBe('EVENT_NOT_FOUND');
      expect(failure(await w.create.execute(alice, { eventId: canceled.id, quantity: 1 }))).toMatchObject({
        type: 'EVENT_NOT_BOOKABLE',
        status: 'CANCELED',
      });
    });

    it('refuses the organisation’s own people (OWN_EVENT), closed sales, and quantities out of range', async () => {
      const w = bookingWorld();
      const event = await w.seedEvent();
      const soon = await w.seedEvent({ startsAt: T0 + DAY - MIN });
      expect(failure(await w.create.execute(owner, { eventId: event.id, quantity: 1 })).type).toBe('OWN_EVENT');
      expect(failure(await w.create.execute(staff, { eventId: event.id, quantity: 1 })).type).toBe('OWN_EVENT');
      expect(failure(await w.create.execute(alice, { eventId: soon.id, quantity: 1 })).type).toBe('BOOKING_CLOSED');
      expect(failure(await w.create.execute(alice, { eventId: event.id, quantity: 5 }))).toMatchObject({ type: 'QUANTITY_LIMIT', max: 4 });
      expect(failure(await w.create.execute(alice, { eventId: event.id, quantity: 0 })).type).toBe('QUANTITY_LIMIT');
      expect((await w.seats(event.id)).taken).toBe(0);
    });

    it('refuses a second active booking (ALREADY_BOOKED), an unknown option, and invalid promo codes', async () => {
      const w = bookingWorld();
      const event = await w.seedEvent();
      await w.book(alice, event.id);
      expect(failure(await w.create.execute(alice, { eventId: event.id, quantity: 1 })).type).toBe('ALREADY_BOOKED');
      expect(failure(await w.create.execute(bob, { eventId: event.id, quantity: 1, priceOptionId: 'nope' })).type).toBe('INVALID_PRICE_OPTION');
      expect(failure(await w.create.execute(bob, { eventId: event.id, quantity: 1, promoCode: 'NOPE' }))).toMatchObject({
        type: 'INVALID_PROMO_CODE',
        reason: 'UNKNOWN',
      });
      await w.seedPromo({ code: 'USEDUP', maxUses: 1, usesCount: 1 });
      expect(failure(await w.create.execute(bob, { eventId: event.id, quantity: 1, promoCode: 'usedup' }))).toMatchObject({
        type: 'INVALID_PROMO_CODE',
        reason: 'EXHAUSTED',
      });
      expect((await w.seats(event.id)).taken).toBe(1);
    });

    it('answers EVENT_FULL (the waitlist is joinable) and PRICE_OPTION_SOLD_OUT', async () => {
      const w = bookingWorld();
      const event = await w.seedEvent({ capacity: 3 });
      await w.book(alice, event.id, 2, { priceOptionId: VIP });
      expect(failure(await w.create.execute(bob, { eventId: event.id, quantity: 2 }))).toMatchObject({
        type: 'EVENT_FULL',
        waitlistJoinable: true,
        seatsAvailable: 1,
      });
      expect(failure(await w.create.execute(bob, { eventId: event.id, quantity: 1, priceOptionId: VIP }))).toMatchObject({
        type: 'PRICE_OPTION_SOLD_OUT',
        seatsAvailable: 0,
      });
      expect(await w.seats(event.id)).toEqual({ taken: 2, byOption: { [OPTION]: 0, [VIP]: 2 } });
    });
  });

  describe('when the checks passed on what was read but the conditional writes refuse', () => {
    it('lets only the seats there are be sold to buyers who all saw them free', async () => {
      const w = bookingWorld();
      const event = await w.seedEvent({ capacity: 3 });
      const buyers = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'].map((id) => user(id));
      const results = await w.afterReads(() => buyers.map((ctx) => w.create.execute(ctx, { eventId: event.id, quantity: 1 })));
      expect(results.filter((r) => r.ok)).toHaveLength(3);
      for (const r of results.filter((x) => !x.ok)) expect(failure(r)).toMatchObject({ type: 'EVENT_FULL', waitlistJoinable: true, seatsAvailable: 0 });
      expect((await w.seats(event.id)).taken).toBe(3);
      expect(await w.bookings.listByEvent(null, event.id)).toHaveLength(3);
    });

    it('answers ALREADY_BOOKED to the second of two simultaneous bookings by one user, giving its seats back', async () => {
      const w = bookingWorld();
      const event = await w.seedEvent();
      const [a, b] = await w.afterReads(() => [
        w.create.execute(alice, { eventId: event.id, quantity: 2 }),
        w.create.execute(alice, { eventId: event.id, quantity: 3 }),
      ]);
      expect(value(a)).toMatchObject({ quantity: 2 });
      expect(failure(b).type).toBe('ALREADY_BOOKED');
      expect((await w.seats(event.id)).taken).toBe(2);
    });

    it('answers EXHAUSTED when the last promo use went to someone else meanwhile, giving the seats back', async () => {
      const w = bookingWorld();
      const event = await w.seedEvent();
      const promo = await w.seedPromo({ maxUses: 1 });
      const [a, b] = await w.afterReads(() => [
        w.create.execute(alice, { eventId: event.id, quantity: 1, promoCode: 'SPRING10' }),
        w.create.execute(bob, { eventId: event.id, quantity: 2, promoCode: 'SPRING10' }),
      ]);
      expect(a?.ok).toBe(true);
      expect(failure(b)).toMatchObject({ type: 'INVALID_PROMO_CODE', reason: 'EXHAUSTED' });
      expect((await w.seats(event.id)).taken).toBe(1);
      expect((await w.promoCodes.findById(null, promo.id))?.usesCount).toBe(1);
      expect(await w.bookings.hasActiveBooking(null, event.id, 'bob')).toBe(false);
    });

    it('answers EVENT_NOT_BOOKABLE when the event was canceled after it was read', async () => {
      const w = bookingWorld();
      const event = await w.seedEvent();
      const [result] = await w.afterReads(
        () => [w.create.execute(alice, { eventId: event.id, quantity: 1 })],
        async (tx) => {
          const record = await w.events.findById(tx, event.id);
          if (record === null) throw new Error('no event');
          await w.events.update(tx, { ...record, state: { ...record.state, status: 'CANCELED' }, version: record.version + 1 }, record.version);
        },
      );
      expect(failure(result)).toMatchObject({ type: 'EVENT_NOT_BOOKABLE', status: 'CANCELED' });
      expect((await w.seats(event.id)).taken).toBe(0);
      expect(await w.bookings.hasActiveBooking(null, event.id, 'alice')).toBe(false);
    });
  });
});
