import { bookingClosesAt, compareWaitlistOrder, type EventState, type WaitlistEntry, type WaitlistStatus } from '@aquastream/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN, scheduler, T0, user, waitlistWorld, type WaitlistWorld } from './waitlist-world.test-support.js';

const USERS = Array.from({ length: 10 }, (_, i) => `u${i}`);

type Op =
  | { readonly kind: 'book'; readonly user: number; readonly quantity: number }
  | { readonly kind: 'join'; readonly user: number; readonly quantity: number }
  | { readonly kind: 'leave'; readonly pick: number }
  | { readonly kind: 'claim'; readonly pick: number }
  | { readonly kind: 'free'; readonly pick: number }
  | { readonly kind: 'expire'; readonly minutes: number };

const userIx = fc.integer({ min: 0, max: USERS.length - 1 });
const qty = fc.integer({ min: 1, max: 3 });
// Weighted so that a run fills the event, builds a line and frees seats often enough to exercise the offers.
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('book' as const), user: userIx, quantity: qty }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('join' as const), user: userIx, quantity: qty }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('leave' as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('claim' as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('free' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('expire' as const), minutes: fc.integer({ min: 0, max: 40 }) }) },
);

/** One of the event's entries in these statuses, chosen by `pick`, or undefined when there is none. */
async function pickEntry(w: WaitlistWorld, eventId: string, statuses: WaitlistStatus[], pick: number): Promise<WaitlistEntry | undefined> {
  const entries = await w.waitlist.listByEvent(null, eventId, statuses);
  return entries[pick % Math.max(1, entries.length)];
}

async function apply(w: WaitlistWorld, eventId: string, o: Op): Promise<void> {
  switch (o.kind) {
    case 'book':
      await w.book(eventId, USERS[o.user]!, o.quantity);
      return;
    case 'join':
      await w.join.execute(user(USERS[o.user]!), { eventId, quantity: o.quantity });
      return;
    case 'leave': {
      const entry = await pickEntry(w, eventId, ['WAITING', 'OFFERED'], o.pick);
      if (entry) expect((await w.leave.execute(user(entry.userId), { entryId: entry.id })).ok).toBe(true);
      return;
    }
    case 'claim': {
      // Mostly open offers; now and then a waiting entry, which must be refused without effect.
      const entry = await pickEntry(w, eventId, o.pick % 5 === 0 ? ['WAITING'] : ['OFFERED'], o.pick);
      if (entry) await w.claim.execute(user(entry.userId), { entryId: entry.id });
      return;
    }
    case 'free': {
      const active = (await w.bookings.listByEvent(null, eventId, ['PENDING_PAYMENT', 'CONFIRMED'])).slice().sort((a, b) => (a.id < b.id ? -1 : 1));
      const booking = active[o.pick % Math.max(1, active.length)];
      if (booking) await w.cancel(booking.id);
      return;
    }
    case 'expire':
      w.clock.advance(o.minutes * MIN);
      expect((await w.expire.execute(scheduler)).ok).toBe(true);
      return;
  }
}

/** What must hold after every step: the counters equal their definition, and the line was served strictly in order. */
async function checkInvariants(w: WaitlistWorld, eventId: string, history: readonly Op[]): Promise<void> {
  const event: EventState = await w.event(eventId);
  const bookings = await w.bookings.listByEvent(null, eventId, ['PENDING_PAYMENT', 'CONFIRMED']);
  const entries = await w.waitlist.listByEvent(null, eventId);
  const booked = bookings.reduce((n, b) => n + b.quantity, 0);
  const held = entries.filter((e) => e.status === 'OFFERED').reduce((n, e) => n + e.quantity, 0);
  const where = `after ${JSON.stringify(history)}`;

  expect(event.seatsTaken, where).toBe(booked + held);
  expect(event.seatsTaken, where).toBeLessThanOrEqual(event.capacity);
  expect(event.priceOptions[0]!.seatsTaken, where).toBe(booked);

  // Strict FIFO: an entry still WAITING was in line whenever a later-joined or lower-placed entry got an offer, so
  // nobody who is behind it may ever have been offered while it waited.
  const waiting = entries.filter((e) => e.status === 'WAITING');
  for (const o of entries) {
    if (o.offeredAt === null) continue;
    for (const wEntry of waiting) {
      if (wEntry.joinedAt < o.offeredAt) expect(compareWaitlistOrder(wEntry, o), `${wEntry.id} skipped by ${o.id} ${where}`).toBeGreaterThan(0);
    }
  }
  // No seat sits idle that the head of the line fits into while offers can be made.
  const head = [...waiting].sort(compareWaitlistOrder)[0];
  if (head && w.clock.now() < bookingClosesAt(event)) {
    expect(head.quantity, `head ${head.id} fits in idle seats ${where}`).toBeGreaterThan(event.capacity - event.seatsTaken);
  }
}

describe('waitlist use cases keep the seat counter right and the line in order (in-memory adapters)', () => {
  it('random join / leave / claim / expire / free-seat / book sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.array(op, { minLength: 1, maxLength: 40, size: 'max' }), async (capacity, ops) => {
        const w = waitlistWorld({ offerMinutes: 30 });
        // Bookings close six hours in: long runs of expiries cross the deadline, short ones stay before it.
        const event = await w.seedEvent({ capacity, maxTicketsPerBooking: 3, startsAt: T0 + 30 * 60 * MIN, bookingDeadlineHours: 24 });
        const history: Op[] = [];
        for (const o of ops) {
          w.clock.advance(1_000);
          await apply(w, event.id, o);
          history.push(o);
          await checkInvariants(w, event.id, history);
        }
      }),
      { numRuns: 300 },
    );
  });
});
