import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBookingFromOffer } from '../booking/booking-from-offer.js';
import type { Booking } from '../booking/booking.types.js';
import { cancelBooking } from '../booking/cancel-booking.js';
import { createBooking } from '../booking/create-booking.js';
import { expireBooking } from '../booking/expire-booking.js';
import { payBooking } from '../booking/pay-booking.js';
import type { EventState } from '../event/event.types.js';
import { updateEvent } from '../event/update-event.js';
import { anEvent, anOption, hours, T0 } from '../shared/fixtures.test-support.js';
import { MS_PER_MINUTE } from '../shared/time.js';
import { claimOffer } from '../waitlist/claim-offer.js';
import { expireOffers } from '../waitlist/expire-offers.js';
import { joinWaitlist } from '../waitlist/join-waitlist.js';
import { leaveWaitlist } from '../waitlist/leave-waitlist.js';
import { offerFreedSeats } from '../waitlist/offer-seats.js';
import { compareWaitlistOrder, waitingLine } from '../waitlist/waitlist-order.js';
import { isOpenForOffers } from '../waitlist/waitlist-rules.js';
import type { WaitlistEntry } from '../waitlist/waitlist.types.js';
import { expectedSeatCounts, seatsAvailable } from './capacity.js';

/**
 * The end-to-end seat property: one event, many users, random sequences of every command that moves seats,
 * run through the real functions the way the application chains them (a seat release is always followed by
 * `offerFreedSeats`; a claim and its booking commit together or not at all).
 */
const TTL_MINUTES = 20;
const GRACE_MINUTES = 10;
const OFFER_MINUTES = 30;
const OPTIONS = [null, 'std', 'vip', 'free'] as const;

const user = fc.nat(9);
const quantity = fc.integer({ min: 1, max: 3 });
const pick = fc.nat(99);
const command = fc.oneof(
  // `orJoin`: a user who finds the event full joins its waitlist, as the EVENT_FULL answer invites.
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('book' as const), user, quantity, option: fc.nat(3), orJoin: fc.boolean() }),
  },
  // `anyBooking`: now and then aimed at any booking (a repeated webhook, one for a canceled booking), mostly at open ones.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('pay' as const), pick, anyBooking: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick, anyBooking: fc.boolean(), byOrganiser: fc.boolean() }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('expireBookings' as const) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('join' as const), user, quantity, option: fc.nat(2),
      priority: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -1, max: 1 }) }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('claim' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('leave' as const), pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('expireOffers' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resize' as const), delta: fc.integer({ min: -3, max: 4 }) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('tick' as const),
      // Mostly minutes (deadlines, grace, offer windows); now and then a day, across the booking deadline or the start.
      minutes: fc.oneof(
        { weight: 12, arbitrary: fc.integer({ min: 0, max: 20 }) },
        { weight: 3, arbitrary: fc.integer({ min: 20, max: 90 }) },
        { weight: 1, arbitrary: fc.constant(24 * 60) },
      ),
    }),
  },
);
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

/** How often the interesting paths were taken, summed over all runs: a property that never reaches them proves nothing. */
const tally = {
  offered: 0, claimed: 0, paidLate: 0, paymentRefunded: 0, expired: 0, canceled: 0, offersExpired: 0, leftWithHold: 0,
  capacityRaisedAndOffered: 0, capacityRefused: 0,
};

type World = { now: number; event: EventState; bookings: Booking[]; entries: WaitlistEntry[]; seq: number };

const at = <T>(items: readonly T[], n: number): T | undefined => (items.length === 0 ? undefined : items[n % items.length]);
const isActive = (b: Booking): boolean => b.status === 'PENDING_PAYMENT' || b.status === 'CONFIRMED';
const inLine = (e: WaitlistEntry): boolean => e.status === 'WAITING' || e.status === 'OFFERED';

function putBooking(w: World, booking: Booking): void {
  const i = w.bookings.findIndex((b) => b.id === booking.id);
  if (i < 0) w.bookings.push(booking);
  else w.bookings[i] = booking;
}

function putEntries(w: World, changed: readonly WaitlistEntry[]): void {
  const byId = new Map(changed.map((e) => [e.id, e]));
  w.entries = w.entries.map((e) => byId.get(e.id) ?? e);
}

/** What the application runs after every seat release. */
function offerSeats(w: World): void {
  const out = offerFreedSeats({ event: w.event, entries: w.entries, now: w.now, offerMinutes: OFFER_MINUTES });
  w.event = out.event;
  putEntries(w, out.offered);
  tally.offered += out.offered.length;
}

function step(w: World, c: Command): void {
  const { now } = w;
  const id = `${w.seq++}`;
  switch (c.kind) {
    case 'tick':
      w.now += c.minutes * MS_PER_MINUTE;
      return;
    case 'book': {
      const userId = `user-${c.user}`;
      const r = createBooking({
        event: w.event, userId, isMemberOfOrganization: false, quantity: c.quantity, priceOptionId: OPTIONS[c.option] ?? null,
        promoCode: null, promo: null, hasActiveBooking: w.bookings.some((b) => b.userId === userId && isActive(b)),
        now, bookingId: `bkg-${id}`, ticketCode: `TCK-${id}`, ttlMinutes: TTL_MINUTES,
      });
      if (r.ok) {
        w.event = r.value.event;
        putBooking(w, r.value.booking);
      } else if (r.error.type === 'EVENT_FULL' && c.orJoin) {
        step(w, { kind: 'join', user: c.user, quantity: c.quantity, option: c.option, priority: 0 });
      }
      return;
    }
    case 'pay': {
      const b = at(c.anyBooking ? w.bookings : w.bookings.filter((x) => x.status === 'PENDING_PAYMENT' || x.status === 'EXPIRED'), c.pick);
      if (!b) return;
      const r = payBooking(b, { event: w.event, paidAmount: b.totalAmount, now, graceMinutes: GRACE_MINUTES, ticketCode: `TCK-${id}` });
      // Late: in the grace period, or after the deadline + grace (the booking is reinstated if seats allow).
      if ((r.outcome === 'confirmed' && now > b.paymentDeadline) || r.outcome === 'reinstated') tally.paidLate++;
      if (r.outcome === 'refund_required') tally.paymentRefunded++;
      w.event = r.event;
      putBooking(w, r.booking);
      return;
    }
    case 'cancel': {
      const b = at(c.anyBooking ? w.bookings : w.bookings.filter(isActive), c.pick);
      if (!b) return;
      const r = cancelBooking(b, {
        event: w.event, by: c.byOrganiser ? 'ORGANIZER' : 'OWNER', actorId: c.byOrganiser ? 'organiser-1' : b.userId,
        reason: null, now, alreadyRefunded: 0,
      });
      if (!r.ok || r.value.booking === b) return;
      tally.canceled++;
      w.event = r.value.event;
      putBooking(w, r.value.booking);
      offerSeats(w);
      return;
    }
    case 'expireBookings':
      // The scheduler's job: every booking past deadline + grace, each release passed on to the line.
      for (const b of [...w.bookings]) {
        const r = expireBooking(b, { event: w.event, now, graceMinutes: GRACE_MINUTES });
        if (r.outcome !== 'expired') continue;
        tally.expired++;
        w.event = r.event;
        putBooking(w, r.booking);
        offerSeats(w);
      }
      return;
    case 'join': {
      const userId = `user-${c.user}`;
      const r = joinWaitlist({
        event: w.event, userId, quantity: c.quantity, priceOptionId: OPTIONS[c.option] ?? null, isMemberOfOrganization: false,
        hasActiveBooking: w.bookings.some((b) => b.userId === userId && isActive(b)),
        hasActiveEntry: w.entries.some((e) => e.userId === userId && inLine(e)),
        now, entryId: `wl-${id}`, priority: c.priority,
      });
      if (r.ok) w.entries.push(r.value.state);
      return;
    }
    case 'claim': {
      const offers = w.entries.filter((e) => e.status === 'OFFERED');
      const entry = at(offers.length > 0 ? offers : w.entries, c.pick);
      if (!entry) return;
      const claimed = claimOffer(entry, { now, bookingId: `bkg-${id}` });
      if (!claimed.ok) return;
      const made = createBookingFromOffer({
        event: w.event, entry: claimed.value.state, now, bookingId: `bkg-${id}`, ticketCode: `TCK-${id}`, ttlMinutes: TTL_MINUTES,
      });
      if (!made.ok) return; // one transaction: the entry stays OFFERED
      tally.claimed++;
      w.event = made.value.event;
      putEntries(w, [claimed.value.state]);
      putBooking(w, made.value.booking);
      return;
    }
    case 'leave': {
      const entry = at(w.entries, c.pick);
      if (!entry) return;
      const r = leaveWaitlist(entry, { event: w.event, now });
      if (!r.ok) return;
      if (entry.status === 'OFFERED') tally.leftWithHold++;
      w.event = r.value.event;
      putEntries(w, [r.value.state]);
      if (r.value.offerNext) offerSeats(w);
      return;
    }
    case 'expireOffers': {
      const r = expireOffers({ event: w.event, entries: w.entries, now, offerMinutes: OFFER_MINUTES });
      tally.offersExpired += r.expired.length;
      tally.offered += r.offered.length;
      w.event = r.event;
      putEntries(w, [...r.expired, ...r.offered]);
      return;
    }
    case 'resize': {
      const r = updateEvent(w.event, { capacity: w.event.capacity + c.delta }, { now });
      if (!r.ok) {
        if (r.error.type === 'CAPACITY_BELOW_SEATS_TAKEN') tally.capacityRefused++;
        return;
      }
      w.event = r.value.state;
      if (r.value.seatsFreed === 0) return;
      const before = w.event;
      offerSeats(w);
      if (w.event !== before) tally.capacityRaisedAndOffered++;
      return;
    }
  }
}

const FINAL_ENTRY = ['CLAIMED', 'EXPIRED', 'LEFT', 'CANCELED'];

function checkInvariants(w: World, before: Pick<World, 'bookings' | 'entries'>): void {
  const { event } = w;
  expect(event.seatsTaken).toBeGreaterThanOrEqual(0);
  expect(event.seatsTaken).toBeLessThanOrEqual(event.capacity);
  const expected = expectedSeatCounts({ bookings: w.bookings, waitlist: w.entries });
  expect(event.seatsTaken).toBe(expected.seatsTaken);
  for (const o of event.priceOptions) {
    expect(o.seatsTaken).toBe(expected.byOption[o.id] ?? 0);
    if (o.quantity !== null) expect(o.seatsTaken).toBeLessThanOrEqual(o.quantity);
  }

  // Final states are final: whatever reached them, they read the same afterwards.
  const bookingNow = new Map(w.bookings.map((b) => [b.id, b]));
  for (const b of before.bookings) if (b.status === 'CANCELED') expect(bookingNow.get(b.id)).toEqual(b);
  const entryNow = new Map(w.entries.map((e) => [e.id, e]));
  for (const e of before.entries) if (FINAL_ENTRY.includes(e.status)) expect(entryNow.get(e.id)).toEqual(e);

  // Strict FIFO: nobody still waiting stands ahead of an entry offered in this step.
  const waiting = w.entries.filter((e) => e.status === 'WAITING');
  for (const e of before.entries) {
    if (e.status !== 'WAITING' || entryNow.get(e.id)?.status !== 'OFFERED') continue;
    const skipped = waiting.filter((x) => compareWaitlistOrder(x, e) < 0);
    expect(skipped, `offered ${e.id} ahead of ${skipped.map((x) => x.id).join(', ')}`).toEqual([]);
  }
  // And no seat lies idle that the head of an open line could take.
  const head = waitingLine(w.entries, event.id)[0];
  if (head && isOpenForOffers(event, w.now)) expect(head.quantity).toBeGreaterThan(seatsAvailable(event));
}

describe('seat invariants through any sequence of book/pay/cancel/expire/offer/claim/leave/resize', () => {
  it('seats never go negative nor above capacity, and always equal the sum they are defined as', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }),
        fc.option(fc.integer({ min: 1, max: 6 })),
        fc.integer({ min: 30, max: 96 }),
        fc.array(command, { minLength: 40, maxLength: 80, size: 'max' }),
        (capacity, vipQuota, hoursToStart, commands) => {
          const w: World = {
            now: T0,
            event: anEvent({
              capacity,
              maxTicketsPerBooking: Math.min(10, capacity),
              startsAt: T0 + hours(hoursToStart),
              endsAt: T0 + hours(hoursToStart + 3),
              priceOptions: [
                anOption({ id: 'std', name: 'Standard', price: 1000 }),
                anOption({ id: 'vip', name: 'VIP', price: 2500, quantity: vipQuota === null ? null : Math.min(vipQuota, capacity) }),
                anOption({ id: 'free', name: 'Free', price: 0 }),
              ],
            }),
            bookings: [],
            entries: [],
            seq: 0,
          };
          for (const c of commands) {
            const before = { bookings: [...w.bookings], entries: [...w.entries] };
            step(w, c);
            checkInvariants(w, before);
          }
        },
      ),
    );
    // Every path the property is about was actually walked.
    for (const [path, count] of Object.entries(tally)) expect(count, path).toBeGreaterThan(0);
  });
});
