import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bookableSeats, expectedSeatCounts, releaseSeats, reserveSeats } from '../capacity/capacity.js';
import type { EventState } from '../event/event.types.js';
import { releasePromoUse } from '../pricing/promo-code.js';
import type { PromoCode } from '../pricing/pricing.types.js';
import { aBooking, aPromo, anEntry, anEvent, anOption, hours, T0 } from '../shared/fixtures.test-support.js';
import type { WaitlistEntry } from '../waitlist/waitlist.types.js';
import { createBookingFromOffer } from './booking-from-offer.js';
import { aCreateInput, GRACE_MINUTES, MINUTE, TTL_MINUTES } from './booking.test-support.js';
import type { Booking } from './booking.types.js';
import { cancelBooking } from './cancel-booking.js';
import { checkInTicket } from './check-in.js';
import { createBooking } from './create-booking.js';
import { expireBooking } from './expire-booking.js';
import { payBooking } from './pay-booking.js';
import type { BookingCanceler } from './refund-quote.js';

const OPTIONS = [null, 'std', 'vip', 'free'] as const;
const CANCELERS: readonly BookingCanceler[] = ['OWNER', 'ORGANIZER', 'ADMIN'];

type Command =
  | { kind: 'create'; user: number; quantity: number; option: number; withPromo: boolean }
  | { kind: 'pay' | 'expire' | 'claim' | 'lapse'; pick: number }
  | { kind: 'cancel'; pick: number; by: number; override: number | null }
  | { kind: 'tick'; minutes: number }
  | { kind: 'offer'; user: number; quantity: number; option: number };

const pick = fc.nat(50);
const minutes = fc.oneof(
  { weight: 9, arbitrary: fc.integer({ min: 0, max: 90 }) },
  { weight: 1, arbitrary: fc.constant(60 * 24 * 4) }, // a jump that crosses the booking deadline and the start
);
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('create' as const), user: fc.nat(5), quantity: fc.integer({ min: 1, max: 4 }), option: fc.nat(3),
      withPromo: fc.boolean(),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('pay' as const), pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('expire' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('claim' as const, 'lapse' as const), pick }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('cancel' as const), pick, by: fc.nat(2), override: fc.option(fc.integer({ min: 0, max: 100 })),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('tick' as const), minutes }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('offer' as const), user: fc.nat(5), quantity: fc.integer({ min: 1, max: 3 }), option: fc.nat(3),
    }),
  },
);

type World = {
  now: number;
  event: EventState;
  bookings: Booking[];
  entries: WaitlistEntry[];
  promo: PromoCode;
  /** Bookings whose promo use is still reserved. */
  promoHolders: Set<string>;
  canceled: Map<string, Booking>;
};

const at = <T>(items: readonly T[], n: number): [number, T] | null => {
  if (items.length === 0) return null;
  const i = n % items.length;
  return [i, items[i]!];
};

function releaseUse(world: World, booking: Booking, promoUseToRelease: string | null): void {
  if (promoUseToRelease === null) return;
  expect(promoUseToRelease).toBe(booking.promoCodeId);
  // Released at most once, and only by a booking that had reserved it.
  expect(world.promoHolders.delete(booking.id)).toBe(true);
  world.promo = releasePromoUse(world.promo);
}

function step(world: World, c: Command): void {
  const { now } = world;
  switch (c.kind) {
    case 'tick':
      world.now += c.minutes * MINUTE;
      return;
    case 'create': {
      const userId = `user-${c.user}`;
      const r = createBooking(
        aCreateInput({
          event: world.event, userId, quantity: c.quantity, priceOptionId: OPTIONS[c.option] ?? null,
          promoCode: c.withPromo ? 'SUMMER10' : null, promo: c.withPromo ? world.promo : null,
          hasActiveBooking: world.bookings.some((b) => b.userId === userId && (b.status === 'PENDING_PAYMENT' || b.status === 'CONFIRMED')),
          now, bookingId: `bkg-${world.bookings.length}`, ticketCode: `TCK-${world.bookings.length}`,
        }),
      );
      if (!r.ok) return;
      world.event = r.value.event;
      world.bookings.push(r.value.booking);
      if (r.value.promo) {
        world.promo = r.value.promo;
        world.promoHolders.add(r.value.booking.id);
      }
      return;
    }
    case 'pay': {
      const found = at(world.bookings, c.pick);
      if (!found) return;
      const [i, b] = found;
      const r = payBooking(b, { event: world.event, paidAmount: b.totalAmount, now, graceMinutes: GRACE_MINUTES, ticketCode: `TCK-${i}` });
      if (r.outcome === 'refund_required') {
        expect(r.refundAmount).toBe(b.totalAmount);
        expect(r.booking).toBe(b);
        expect(r.event).toBe(world.event);
      }
      world.bookings[i] = r.booking;
      world.event = r.event;
      return;
    }
    case 'expire': {
      const found = at(world.bookings, c.pick);
      if (!found) return;
      const [i, b] = found;
      const r = expireBooking(b, { event: world.event, now, graceMinutes: GRACE_MINUTES });
      world.bookings[i] = r.booking;
      world.event = r.event;
      releaseUse(world, b, r.promoUseToRelease);
      return;
    }
    case 'cancel': {
      const found = at(world.bookings, c.pick);
      if (!found) return;
      const [i, b] = found;
      const by = CANCELERS[c.by] ?? 'OWNER';
      const r = cancelBooking(b, {
        event: world.event, by, actorId: by === 'OWNER' ? b.userId : 'staff', reason: null, now, alreadyRefunded: 0,
        overridePercent: by === 'ADMIN' ? c.override : null,
      });
      if (!r.ok) return;
      world.bookings[i] = r.value.booking;
      world.event = r.value.event;
      releaseUse(world, b, r.value.promoUseToRelease);
      return;
    }
    case 'offer': {
      if (world.event.status !== 'PUBLISHED' || bookableSeats(world.event, null) < c.quantity) return;
      const held = reserveSeats(world.event, c.quantity, null);
      if (!held.ok) return;
      world.event = held.value;
      world.entries.push(
        anEntry({
          id: `wl-${world.entries.length}`, userId: `user-${c.user}`, quantity: c.quantity, status: 'OFFERED',
          priceOptionId: OPTIONS[c.option] ?? null,
        }),
      );
      return;
    }
    case 'claim':
    case 'lapse': {
      const offered = world.entries.filter((e) => e.status === 'OFFERED');
      const found = at(offered, c.pick);
      if (!found) return;
      const entry = found[1];
      const idx = world.entries.indexOf(entry);
      if (c.kind === 'lapse') {
        world.event = releaseSeats(world.event, entry.quantity, null);
        world.entries[idx] = { ...entry, status: 'EXPIRED' };
        return;
      }
      const r = createBookingFromOffer({
        event: world.event, entry, now, ttlMinutes: TTL_MINUTES,
        bookingId: `bkg-${world.bookings.length}`, ticketCode: `TCK-${world.bookings.length}`,
      });
      if (!r.ok) return;
      world.event = r.value.event;
      world.bookings.push(r.value.booking);
      world.entries[idx] = { ...entry, status: 'CLAIMED', bookingId: r.value.booking.id };
      return;
    }
  }
}

function checkInvariants(world: World): void {
  const { event } = world;
  expect(event.seatsTaken).toBeGreaterThanOrEqual(0);
  expect(event.seatsTaken).toBeLessThanOrEqual(event.capacity);
  const expected = expectedSeatCounts({ bookings: world.bookings, waitlist: world.entries });
  expect(event.seatsTaken).toBe(expected.seatsTaken);
  for (const o of event.priceOptions) {
    expect(o.seatsTaken).toBe(expected.byOption[o.id] ?? 0);
    if (o.quantity !== null) expect(o.seatsTaken).toBeLessThanOrEqual(o.quantity);
  }
  expect(world.promo.usesCount).toBe(world.promoHolders.size);
  expect(world.promo.usesCount).toBeLessThanOrEqual(world.promo.maxUses ?? Infinity);
  for (const b of world.bookings) {
    if (b.refund) expect(b.refund.amount).toBeLessThanOrEqual(b.paidAmount);
    const before = world.canceled.get(b.id);
    if (before) expect(b).toEqual(before);
    else if (b.status === 'CANCELED') world.canceled.set(b.id, b);
  }
}

describe('booking lifecycle properties', () => {
  it('(a) keeps every seat counter equal to what it is defined as, within capacity and quotas, through any sequence', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(command, { minLength: 1, maxLength: 80, size: 'max' }),
        (capacity, vipQuota, commands) => {
          const world: World = {
            now: T0,
            event: anEvent({
              capacity,
              priceOptions: [
                anOption({ id: 'std', price: 1000 }),
                anOption({ id: 'vip', price: 2500, quantity: vipQuota }),
                anOption({ id: 'free', price: 0 }),
              ],
            }),
            bookings: [],
            entries: [],
            promo: aPromo({ maxUses: 3 }),
            promoHolders: new Set(),
            canceled: new Map(),
          };
          for (const c of commands) {
            step(world, c);
            checkInvariants(world);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('(b) a canceled booking never changes again, whatever command reaches it', () => {
    const event = anEvent({ seatsTaken: 4, priceOptions: [anOption({ seatsTaken: 2 })] });
    fc.assert(
      fc.property(
        fc.record({ paidAmount: fc.nat(10_000), quantity: fc.integer({ min: 1, max: 2 }), promo: fc.boolean() }),
        fc.integer({ min: -hours(24 * 30), max: hours(24 * 30) }),
        fc.nat(2),
        (shape, offset, by) => {
          const booking = aBooking({
            status: 'CANCELED', quantity: shape.quantity, paidAmount: shape.paidAmount, promoCodeId: shape.promo ? 'promo-1' : null,
            refund: shape.paidAmount > 0 ? { amount: shape.paidAmount, percent: 100, status: 'PENDING' } : null,
          });
          const now = T0 + offset;
          const canceler = CANCELERS[by] ?? 'OWNER';
          const paid = payBooking(booking, { event, paidAmount: 1999, now, graceMinutes: GRACE_MINUTES, ticketCode: 'T' });
          const expired = expireBooking(booking, { event, now, graceMinutes: GRACE_MINUTES });
          const canceled = cancelBooking(booking, { event, by: canceler, actorId: 'x', reason: 'again', now, alreadyRefunded: 0 });
          for (const r of [paid, expired]) {
            expect(r.booking).toBe(booking);
            expect(r.event).toBe(event);
            expect(r.events).toEqual([]);
          }
          expect(canceled).toEqual({ ok: true, value: { booking, event, events: [], promoUseToRelease: null } });
          expect(checkInTicket(booking, { now }).ok).toBe(false);
        },
      ),
    );
  });

  it('(c) a refund never exceeds what was paid, nor what earlier refunds left', () => {
    const tier = fc.record({ minHoursBefore: fc.integer({ min: 0, max: 400 }), percent: fc.integer({ min: 0, max: 100 }) });
    fc.assert(
      fc.property(
        fc.nat(1_000_000).chain((paid) => fc.tuple(fc.constant(paid), fc.nat(paid))),
        fc.array(tier, { maxLength: 5 }),
        fc.integer({ min: 1, max: hours(24 * 30) }),
        fc.nat(2),
        fc.option(fc.double({ min: 0, max: 100, noNaN: true }).map((p) => Math.round(p * 100) / 100)),
        fc.boolean(),
        ([paidAmount, alreadyRefunded], refundPolicy, before, by, override, rescheduled) => {
          const canceler = CANCELERS[by] ?? 'OWNER';
          const event = anEvent({ seatsTaken: 1, priceOptions: [anOption({ seatsTaken: 1 })], rescheduledAt: rescheduled ? T0 + 1 : null });
          const booking = aBooking({ status: 'CONFIRMED', ticketCode: 'T', paidAmount, totalAmount: paidAmount, refundPolicy });
          const r = cancelBooking(booking, {
            event, by: canceler, actorId: 'x', reason: null, now: event.startsAt - before, alreadyRefunded,
            overridePercent: canceler === 'ADMIN' ? override : null,
          });
          if (!r.ok) throw new Error(r.error.type);
          const refund = r.value.booking.refund;
          if (paidAmount === 0) expect(refund).toBeNull();
          else {
            expect(refund).not.toBeNull();
            expect(refund!.amount).toBeGreaterThanOrEqual(0);
            expect(refund!.amount).toBeLessThanOrEqual(paidAmount - alreadyRefunded);
            expect(refund!.status).toBe(refund!.amount === 0 ? 'COMPLETED' : 'PENDING');
          }
        },
      ),
    );
  });
});
