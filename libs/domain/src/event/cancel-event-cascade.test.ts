import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Booking, BookingStatus } from '../booking/booking.types.js';
import { cancelBooking } from '../booking/cancel-booking.js';
import { aBooking, anEntry, anEvent, anOption, hours, T0 } from '../shared/fixtures.test-support.js';
import type { WaitlistEntry, WaitlistStatus } from '../waitlist/waitlist.types.js';
import { cancelEventCascade, type CancelEventCascadeInput } from './cancel-event-cascade.js';
import { aCrew } from './event.test-support.js';
import type { CrewStatus, EventState } from './event.types.js';

const now = T0;
const startsAt = T0 + hours(240);

const paid = (overrides: Partial<Booking>): Booking =>
  aBooking({ status: 'CONFIRMED', ticketCode: `TCK-${overrides.id ?? 'x'}`, paidAmount: 1999, ...overrides });

// Seven seats held: 2 pending + 1 paid VIP + 1 free + 1 paid 30 h before the policy would refund little + 2 offered.
const bookings: readonly Booking[] = [
  aBooking({ id: 'b-pending', userId: 'u-1', quantity: 2, promoCodeId: 'promo-1' }),
  paid({ id: 'b-vip', userId: 'u-2', priceOptionId: 'opt-vip', totalAmount: 5000, paidAmount: 5000 }),
  paid({ id: 'b-free', userId: 'u-3', totalAmount: 0, paidAmount: 0 }),
  paid({ id: 'b-paid', userId: 'u-4' }),
  aBooking({ id: 'b-canceled', userId: 'u-5', status: 'CANCELED' }),
  aBooking({ id: 'b-expired', userId: 'u-6', status: 'EXPIRED', promoCodeId: 'promo-1' }),
];
const entries: readonly WaitlistEntry[] = [
  anEntry({ id: 'wl-waiting', userId: 'u-7', status: 'WAITING' }),
  anEntry({ id: 'wl-offered', userId: 'u-8', quantity: 2, status: 'OFFERED', offeredAt: now, offerExpiresAt: now + hours(1) }),
  anEntry({ id: 'wl-claimed', userId: 'u-9', status: 'CLAIMED', bookingId: 'b-x' }),
  anEntry({ id: 'wl-other', eventId: 'evt-2', userId: 'u-10', status: 'WAITING' }),
];
const fullEvent = (overrides: Partial<EventState> = {}): EventState =>
  anEvent({
    startsAt,
    capacity: 10,
    seatsTaken: 7,
    priceOptions: [anOption({ seatsTaken: 4 }), anOption({ id: 'opt-vip', name: 'VIP', price: 5000, quantity: 3, seatsTaken: 1 })],
    crew: aCrew({ status: 'ASSIGNED', crewId: 'crew-7' }),
    ...overrides,
  });

const input = (overrides: Partial<CancelEventCascadeInput> = {}): CancelEventCascadeInput => ({
  event: fullEvent(),
  bookings,
  entries,
  reason: ' storm warning ',
  by: 'ORGANIZER',
  actorId: 'organiser-1',
  now,
  alreadyRefunded: () => 0,
  ...overrides,
});

const cascade = (overrides: Partial<CancelEventCascadeInput> = {}) => {
  const r = cancelEventCascade(input(overrides));
  if (!r.ok) throw new Error(`expected a cascade, got ${r.error.type}`);
  return r.value;
};

describe('cancelEventCascade: a published event with bookings, a waitlist and a crew', () => {
  const r = cascade();

  it('cancels the event, releases the crew and gives every seat back', () => {
    expect(r.event).toMatchObject({ status: 'CANCELED', cancelReason: 'storm warning', canceledAt: now, seatsTaken: 0 });
    expect(r.event.priceOptions.map((o) => o.seatsTaken)).toEqual([0, 0]);
    expect(r.event.crew).toMatchObject({ status: 'RELEASED', crewId: 'crew-7' });
  });

  it('cancels the active bookings only, refunding each paid one 100 % even where its policy would not', () => {
    expect(r.bookings.map((b) => [b.id, b.status, b.refund, b.cancelReason])).toEqual([
      ['b-pending', 'CANCELED', null, 'storm warning'],
      ['b-vip', 'CANCELED', { amount: 5000, percent: 100, status: 'PENDING' }, 'storm warning'],
      ['b-free', 'CANCELED', null, 'storm warning'],
      ['b-paid', 'CANCELED', { amount: 1999, percent: 100, status: 'PENDING' }, 'storm warning'],
    ]);
    expect(r.refunds).toEqual([
      { bookingId: 'b-vip', amount: 5000, percent: 100 },
      { bookingId: 'b-paid', amount: 1999, percent: 100 },
    ]);
  });

  it('releases the promo use of a booking that ends unconfirmed, not of the expired one (already released)', () => {
    expect(r.promoUsesToRelease).toEqual(['promo-1']);
  });

  it('cancels the entries still in line of this event only', () => {
    expect(r.entries.map((e) => [e.id, e.status, e.updatedAt])).toEqual([
      ['wl-waiting', 'CANCELED', now],
      ['wl-offered', 'CANCELED', now],
    ]);
  });

  it('emits event.canceled first, then one message per booking, then the crew’s', () => {
    expect(r.events.map((e) => `${e.type} ${e.subject}`)).toEqual([
      'event.canceled evt-1',
      'booking.canceled b-pending',
      'booking.canceled b-vip',
      'booking.canceled b-free',
      'booking.canceled b-paid',
      'crew.released evt-1',
    ]);
    expect(r.events[2]?.data).toEqual({
      bookingId: 'b-vip', eventId: 'evt-1', userId: 'u-2', reason: 'storm warning', canceledBy: 'organiser-1',
      refundAmount: 5000, refundPercent: 100,
    });
  });

  it('summarises what changed, for the dry run', () => {
    expect(r.summary).toEqual({ bookingsCanceled: 4, refundTotal: 6999, currency: 'RUB', waitlistCanceled: 2, crewReleased: true });
  });

  it('is a no-op when run again on its own result', () => {
    const again = cancelEventCascade(input({ event: r.event }));
    expect(again).toEqual({
      ok: true,
      value: {
        event: r.event, bookings: [], entries: [], refunds: [], promoUsesToRelease: [], events: [],
        summary: { bookingsCanceled: 0, refundTotal: 0, currency: 'RUB', waitlistCanceled: 0, crewReleased: false },
      },
    });
    expect(again.ok && again.value.event).toBe(r.event);
  });
});

describe('cancelEventCascade: refunds', () => {
  it('lets an admin set another percentage, rounded half up; 0 % is recorded on the booking but sends nothing', () => {
    const half = cascade({ by: 'ADMIN', actorId: 'admin-1', overridePercent: 50 });
    expect(half.refunds).toEqual([
      { bookingId: 'b-vip', amount: 2500, percent: 50 },
      { bookingId: 'b-paid', amount: 1000, percent: 50 },
    ]);
    expect(half.summary.refundTotal).toBe(3500);
    expect(half.events[1]?.data).toMatchObject({ canceledBy: 'admin-1' });

    const none = cascade({ by: 'ADMIN', overridePercent: 0 });
    expect(none.refunds).toEqual([]);
    expect(none.summary.refundTotal).toBe(0);
    expect(none.bookings.find((b) => b.id === 'b-paid')?.refund).toEqual({ amount: 0, percent: 0, status: 'COMPLETED' });
  });

  it('refunds an admin 100 % when no percentage is given', () => {
    expect(cascade({ by: 'ADMIN', overridePercent: null }).summary.refundTotal).toBe(6999);
  });

  it('refunds only what earlier partial refunds left', () => {
    const r = cascade({ alreadyRefunded: (id) => (id === 'b-vip' ? 4000 : 0) });
    expect(r.refunds).toContainEqual({ bookingId: 'b-vip', amount: 1000, percent: 100 });
    expect(r.summary.refundTotal).toBe(2999);
  });

  it('refuses a percentage from an organiser or out of range (caller bugs), even with nothing paid', () => {
    const unpaid = { bookings: [], entries: [] };
    expect(() => cancelEventCascade(input({ ...unpaid, overridePercent: 50 }))).toThrow(/only an admin/);
    expect(() => cancelEventCascade(input({ ...unpaid, by: 'ADMIN', overridePercent: 101 }))).toThrow(/0\.\.100/);
    expect(() => cancelEventCascade(input({ ...unpaid, by: 'ADMIN', overridePercent: -1 }))).toThrow(/0\.\.100/);
  });

  it('refuses to add up a booking in another currency than its event', () => {
    const foreign = paid({ id: 'b-eur', currency: 'EUR', quantity: 1 });
    expect(() => cancelEventCascade(input({ bookings: [foreign], entries: [], event: fullEvent({ seatsTaken: 1 }) }))).toThrow(
      /EUR/,
    );
  });
});

describe('cancelEventCascade: after the start', () => {
  const started = now + hours(1);
  const event = fullEvent({ startsAt: started - hours(2), endsAt: started + hours(1) });

  it('still cancels and refunds confirmed bookings in full (a storm stops a trip that has begun)', () => {
    const r = cascade({ event, now: started });
    expect(r.event.seatsTaken).toBe(0);
    expect(r.summary).toMatchObject({ bookingsCanceled: 4, refundTotal: 6999 });
  });

  it('while a single cancel of a confirmed booking keeps answering EVENT_STARTED', () => {
    const one = cancelBooking(paid({ id: 'b-paid' }), {
      event, by: 'ORGANIZER', actorId: 'organiser-1', reason: null, now: started, alreadyRefunded: 0,
    });
    expect(one).toMatchObject({ ok: false, error: { type: 'EVENT_STARTED' } });
  });

  it('and allowAfterStart is refused to an owner (a caller bug)', () => {
    expect(() =>
      cancelBooking(paid({ id: 'b-paid' }), {
        event, by: 'OWNER', actorId: 'u-4', reason: null, now: started, alreadyRefunded: 0, allowAfterStart: true,
      }),
    ).toThrow(/allowAfterStart/);
  });
});

describe('cancelEventCascade: events that are not published', () => {
  it('a canceled event is a no-op, whatever rows are passed', () => {
    const canceled = fullEvent({ status: 'CANCELED', cancelReason: 'first', canceledAt: now - 1 });
    const r = cascade({ event: canceled, reason: '' });
    expect(r.event).toBe(canceled);
    expect(r.bookings).toEqual([]);
    expect(r.events).toEqual([]);
    expect(r.summary).toEqual({ bookingsCanceled: 0, refundTotal: 0, currency: 'RUB', waitlistCanceled: 0, crewReleased: false });
  });

  it('a completed event answers EVENT_NOT_EDITABLE', () => {
    expect(cancelEventCascade(input({ event: fullEvent({ status: 'COMPLETED' }) }))).toMatchObject({
      ok: false, error: { type: 'EVENT_NOT_EDITABLE', status: 'COMPLETED' },
    });
  });

  it('a blank reason answers INVALID_EVENT and changes nothing', () => {
    expect(cancelEventCascade(input({ reason: '  ' }))).toMatchObject({ ok: false, error: { type: 'INVALID_EVENT', field: 'reason' } });
  });

  it('a draft without bookings is canceled with an empty summary and no crew to release', () => {
    const draft = anEvent({ status: 'DRAFT', publishedAt: null });
    const r = cascade({ event: draft, bookings: [], entries: [] });
    expect(r.event.status).toBe('CANCELED');
    expect(r.events.map((e) => e.type)).toEqual(['event.canceled']);
    expect(r.summary).toEqual({ bookingsCanceled: 0, refundTotal: 0, currency: 'RUB', waitlistCanceled: 0, crewReleased: false });
  });

  it('a booking of another event is a caller bug', () => {
    expect(() => cancelEventCascade(input({ bookings: [aBooking({ eventId: 'evt-2' })] }))).toThrow(/belongs to event evt-2/);
  });
});

describe('cancelEventCascade: property', () => {
  const BOOKING_STATUSES: readonly BookingStatus[] = ['PENDING_PAYMENT', 'CONFIRMED', 'CANCELED', 'EXPIRED'];
  const ENTRY_STATUSES: readonly WaitlistStatus[] = ['WAITING', 'OFFERED', 'CLAIMED', 'EXPIRED', 'LEFT', 'CANCELED'];
  const CREW_STATUSES: readonly CrewStatus[] = ['NONE', 'PENDING', 'ASSIGNED', 'FAILED', 'RELEASED'];
  const OPTION_IDS = ['opt-1', 'opt-2'] as const;

  const rows = fc.record({
    bookings: fc.array(
      fc.record({
        status: fc.constantFrom(...BOOKING_STATUSES),
        quantity: fc.integer({ min: 1, max: 3 }),
        option: fc.constantFrom(...OPTION_IDS),
        paid: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 500_000 })),
      }),
      { maxLength: 15 },
    ),
    entries: fc.array(
      fc.record({ status: fc.constantFrom(...ENTRY_STATUSES), quantity: fc.integer({ min: 1, max: 3 }), otherEvent: fc.boolean() }),
      { maxLength: 10 },
    ),
    spare: fc.nat(5),
    crew: fc.constantFrom(...CREW_STATUSES),
    // From two weeks before the start to a few hours after it.
    hoursBefore: fc.integer({ min: -6, max: 336 }),
  });

  it('leaves nothing active, no seat taken, and refunds every paid confirmed booking exactly what it paid', () => {
    fc.assert(
      fc.property(rows, (g) => {
        const bookingRows: Booking[] = g.bookings.map((b, i) => {
          const confirmed = b.status === 'CONFIRMED';
          return aBooking({
            id: `b-${i}`, userId: `u-${i}`, status: b.status, quantity: b.quantity, priceOptionId: b.option,
            paidAmount: confirmed ? b.paid : 0, totalAmount: confirmed ? b.paid : 1999,
            ticketCode: confirmed ? `TCK-${i}` : null, promoCodeId: i % 3 === 0 ? 'promo-1' : null,
          });
        });
        const entryRows = g.entries.map((e, i) =>
          anEntry({
            id: `wl-${i}`, eventId: e.otherEvent ? 'evt-2' : 'evt-1', userId: `w-${i}`, status: e.status, quantity: e.quantity,
            offerExpiresAt: e.status === 'OFFERED' ? T0 + hours(1) : null,
          }),
        );
        // The counters as DESIGN §3.2 defines them, summed here by hand.
        const active = bookingRows.filter((b) => b.status === 'PENDING_PAYMENT' || b.status === 'CONFIRMED');
        const offered = entryRows.filter((e) => e.eventId === 'evt-1' && e.status === 'OFFERED');
        const inLine = entryRows.filter((e) => e.eventId === 'evt-1' && (e.status === 'WAITING' || e.status === 'OFFERED'));
        const held = (xs: readonly { quantity: number }[]) => xs.reduce((n, x) => n + x.quantity, 0);
        const seatsTaken = held(active) + held(offered);
        const event = anEvent({
          startsAt,
          capacity: seatsTaken + g.spare,
          seatsTaken,
          priceOptions: OPTION_IDS.map((id) => anOption({ id, seatsTaken: held(active.filter((b) => b.priceOptionId === id)) })),
          crew: aCrew({ status: g.crew, crewId: g.crew === 'ASSIGNED' ? 'crew-1' : null }),
        });

        const r = cancelEventCascade({
          event, bookings: bookingRows, entries: entryRows, reason: 'storm', by: 'ORGANIZER', actorId: 'organiser-1',
          now: startsAt - hours(g.hoursBefore), alreadyRefunded: () => 0,
        });
        if (!r.ok) throw new Error(r.error.type);
        const out = r.value;

        expect(out.event.status).toBe('CANCELED');
        expect(out.event.seatsTaken).toBe(0);
        expect(out.event.priceOptions.every((o) => o.seatsTaken === 0)).toBe(true);

        const changed = new Map(out.bookings.map((b) => [b.id, b]));
        const after = bookingRows.map((b) => changed.get(b.id) ?? b);
        expect(after.some((b) => b.status === 'PENDING_PAYMENT' || b.status === 'CONFIRMED')).toBe(false);
        // Finished bookings are not touched.
        expect(out.bookings.map((b) => b.id)).toEqual(active.map((b) => b.id));

        const changedEntries = new Map(out.entries.map((e) => [e.id, e]));
        const entriesAfter = entryRows.map((e) => changedEntries.get(e.id) ?? e);
        expect(entriesAfter.some((e) => e.eventId === 'evt-1' && (e.status === 'WAITING' || e.status === 'OFFERED'))).toBe(false);
        expect(out.entries.map((e) => e.id)).toEqual(inLine.map((e) => e.id));

        const paidConfirmed = bookingRows.filter((b) => b.status === 'CONFIRMED' && b.paidAmount > 0);
        expect(out.refunds).toEqual(paidConfirmed.map((b) => ({ bookingId: b.id, amount: b.paidAmount, percent: 100 })));
        for (const b of paidConfirmed) expect(changed.get(b.id)?.refund?.amount).toBe(b.paidAmount);
        const expectedPromos = active.filter((b) => b.status === 'PENDING_PAYMENT' && b.promoCodeId !== null).length;
        expect(out.promoUsesToRelease).toHaveLength(expectedPromos);

        expect(out.summary).toEqual({
          bookingsCanceled: active.length,
          refundTotal: paidConfirmed.reduce((n, b) => n + b.paidAmount, 0),
          currency: 'RUB',
          waitlistCanceled: inLine.length,
          crewReleased: g.crew === 'PENDING' || g.crew === 'ASSIGNED',
        });
        const types = out.events.map((e) => e.type);
        expect(types[0]).toBe('event.canceled');
        expect(types.filter((t) => t === 'booking.canceled')).toHaveLength(active.length);
        expect(types.slice(1 + active.length)).toEqual(out.summary.crewReleased ? ['crew.released'] : []);
      }),
    );
  });
});
