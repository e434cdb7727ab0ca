import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedSeatCounts, releaseSeats, reserveSeats } from '../capacity/capacity.js';
import type { EventState } from '../event/event.types.js';
import { anEvent, hours, T0 } from '../shared/fixtures.test-support.js';
import type { Instant } from '../shared/time.js';
import { cancelWaitlistForEvent } from './cancel-waitlist.js';
import { claimOffer } from './claim-offer.js';
import { expireOffers } from './expire-offers.js';
import { joinWaitlist } from './join-waitlist.js';
import { leaveWaitlist } from './leave-waitlist.js';
import { offerFreedSeats } from './offer-seats.js';
import { waitingLine } from './waitlist-order.js';
import { isOpenForOffers } from './waitlist-rules.js';
import type { WaitlistEntry, WaitlistStatus } from './waitlist.types.js';

/**
 * Random sequences of everything that moves seats or entries, run against a model of the bookings.
 * Claimed entries become PENDING_PAYMENT bookings, as the application does when it makes a booking from the hold.
 */
type ModelBooking = { id: string; userId: string; quantity: number; status: 'PENDING_PAYMENT' | 'CONFIRMED' | 'CANCELED' };
type World = { event: EventState; entries: WaitlistEntry[]; bookings: ModelBooking[]; now: Instant; seq: number };

const OFFER_MINUTES = 30;
const user = fc.integer({ min: 0, max: 5 }).map((n) => `user-${n}`);
const op = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('book' as const), user, qty: fc.integer({ min: 1, max: 4 }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }), weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constant('join' as const),
      user,
      qty: fc.integer({ min: 0, max: 5 }),
      priority: fc.integer({ min: -1, max: 1 }),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('offer' as const) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('claim' as const), pick: fc.nat() }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('leave' as const), pick: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('expire' as const) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('raiseCapacity' as const), by: fc.integer({ min: 1, max: 3 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('tick' as const), minutes: fc.integer({ min: 0, max: 45 }) }), weight: 4 },
);
type Op = (typeof op extends fc.Arbitrary<infer O> ? O : never) | { kind: 'cancelEvent' };
// Canceling the event ends everything else, so it only ever comes last (in about half of the runs).
const ops = fc
  .tuple(fc.array(op, { minLength: 10, maxLength: 80, size: 'max' }), fc.boolean())
  .map(([steps, cancel]): Op[] => (cancel ? [...steps, { kind: 'cancelEvent' }] : steps));

const activeBooking = (b: ModelBooking) => b.status !== 'CANCELED';
const pick = <T>(xs: readonly T[], n: number): T | undefined => (xs.length === 0 ? undefined : xs[n % xs.length]);

function merge(w: World, changed: readonly WaitlistEntry[]): void {
  const byId = new Map(changed.map((e) => [e.id, e]));
  w.entries = w.entries.map((e) => byId.get(e.id) ?? e);
}

function passSeats(w: World): void {
  const out = offerFreedSeats({ event: w.event, entries: w.entries, now: w.now, offerMinutes: OFFER_MINUTES });
  w.event = out.event;
  merge(w, out.offered);
}

function apply(w: World, o: Op): void {
  switch (o.kind) {
    case 'book': {
      // The public books directly; it can only take seats nobody holds.
      if (!isOpenForOffers(w.event, w.now) || w.bookings.some((b) => b.userId === o.user && activeBooking(b))) return;
      const r = reserveSeats(w.event, o.qty, null);
      if (!r.ok) return;
      w.event = r.value;
      w.bookings.push({ id: `bkg-${w.seq++}`, userId: o.user, quantity: o.qty, status: 'CONFIRMED' });
      return;
    }
    case 'release': {
      const b = pick(w.bookings.filter(activeBooking), o.pick);
      if (!b) return;
      b.status = 'CANCELED';
      w.event = releaseSeats(w.event, b.quantity, null);
      passSeats(w);
      return;
    }
    case 'join': {
      const r = joinWaitlist({
        event: w.event,
        userId: o.user,
        quantity: o.qty,
        priceOptionId: null,
        isMemberOfOrganization: false,
        hasActiveBooking: w.bookings.some((b) => b.userId === o.user && activeBooking(b)),
        hasActiveEntry: w.entries.some((e) => e.userId === o.user && (e.status === 'WAITING' || e.status === 'OFFERED')),
        now: w.now,
        entryId: `wl-${w.seq++}`,
        priority: o.priority,
      });
      if (r.ok) w.entries.push(r.value.state);
      return;
    }
    case 'offer': {
      const before = w.event;
      passSeats(w);
      // Every seat-freeing step already passed the seats on: a separate run finds nothing to do.
      expect(w.event).toBe(before);
      return;
    }
    case 'claim': {
      const entry = pick(w.entries, o.pick);
      if (!entry) return;
      const bookingId = `bkg-${w.seq++}`;
      const r = claimOffer(entry, { now: w.now, bookingId });
      if (!r.ok) return;
      merge(w, [r.value.state]);
      w.bookings.push({ id: bookingId, userId: entry.userId, quantity: entry.quantity, status: 'PENDING_PAYMENT' });
      return;
    }
    case 'leave': {
      const entry = pick(w.entries, o.pick);
      if (!entry) return;
      const r = leaveWaitlist(entry, { event: w.event, now: w.now });
      if (!r.ok) return;
      w.event = r.value.event;
      merge(w, [r.value.state]);
      if (r.value.offerNext) passSeats(w);
      return;
    }
    case 'expire': {
      const out = expireOffers({ event: w.event, entries: w.entries, now: w.now, offerMinutes: OFFER_MINUTES });
      w.event = out.event;
      merge(w, [...out.expired, ...out.offered]);
      return;
    }
    case 'raiseCapacity':
      w.event = { ...w.event, capacity: w.event.capacity + o.by };
      passSeats(w);
      return;
    case 'tick':
      w.now += o.minutes * 60_000;
      return;
    case 'cancelEvent': {
      if (w.event.status !== 'PUBLISHED') return;
      w.event = { ...w.event, status: 'CANCELED' };
      for (const b of w.bookings.filter(activeBooking)) {
        b.status = 'CANCELED';
        w.event = releaseSeats(w.event, b.quantity, null);
      }
      const out = cancelWaitlistForEvent({ event: w.event, entries: w.entries, now: w.now });
      w.event = out.event;
      merge(w, out.canceled);
      return;
    }
  }
}

const FINAL: readonly WaitlistStatus[] = ['CLAIMED', 'EXPIRED', 'LEFT', 'CANCELED'];

describe('waitlist lifecycle properties', () => {
  it('keeps the seat counter within capacity and equal to its definition; final entries never move', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 8 * 60 }),
        ops,
        (capacity, minutesUntilDeadline, steps) => {
          const w: World = {
            // Some runs cross the booking deadline, after which nothing more is offered.
            event: anEvent({ capacity, seatsTaken: 0, startsAt: T0 + hours(24) + minutesUntilDeadline * 60_000, bookingDeadlineHours: 24 }),
            entries: [],
            bookings: [],
            now: T0,
            seq: 0,
          };
          const finalSeen = new Map<string, WaitlistEntry>();
          for (const o of steps) {
            apply(w, o);

            // (b) the counter stays in bounds and equals what it counts.
            expect(w.event.seatsTaken).toBeGreaterThanOrEqual(0);
            expect(w.event.seatsTaken).toBeLessThanOrEqual(w.event.capacity);
            const expected = expectedSeatCounts({
              bookings: w.bookings.map((b) => ({ status: b.status, quantity: b.quantity, priceOptionId: null })),
              waitlist: w.entries,
            });
            expect(w.event.seatsTaken).toBe(expected.seatsTaken);

            // (c) an entry in a final status is never changed again.
            for (const e of w.entries) {
              const seen = finalSeen.get(e.id);
              if (seen) expect(e).toBe(seen);
              else if (FINAL.includes(e.status)) finalSeen.set(e.id, e);
            }

            // One active entry per user and event; the waiting head never fits in idle seats while offers are made.
            const active = w.entries.filter((e) => e.status === 'WAITING' || e.status === 'OFFERED').map((e) => e.userId);
            expect(new Set(active).size).toBe(active.length);
            const head = waitingLine(w.entries, w.event.id)[0];
            if (head && isOpenForOffers(w.event, w.now)) {
              expect(head.quantity).toBeGreaterThan(w.event.capacity - w.event.seatsTaken);
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('exercises every transition (guards against a generator that never reaches one)', () => {
    const reached = new Set<WaitlistStatus>();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), ops, (capacity, steps) => {
        const w: World = { event: anEvent({ capacity }), entries: [], bookings: [], now: T0, seq: 0 };
        for (const o of steps) apply(w, o);
        for (const e of w.entries) reached.add(e.status);
      }),
      { numRuns: 300 },
    );
    expect([...reached].sort()).toEqual(['CANCELED', 'CLAIMED', 'EXPIRED', 'LEFT', 'OFFERED', 'WAITING']);
  });
});
