// Issue 3, "Proof": a model-based test of the seat counters under real concurrency. fast-check draws batches of
// operations — book, pay through the sandbox webhook (sometimes delivered twice), cancel by the owner, the expiry job
// after the clock moved, join / claim / leave the waitlist, the offer-expiry job — and each batch runs at once
// (Promise.all) through the real use cases on PostgreSQL. After every batch the tables, read with raw SQL, must say
// that each event's counter is the sum it is defined as (DESIGN §3.2), within capacity, per option too, never negative.
import type { EventState, Result } from '@aquastream/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedTestDatabase } from '../../testing/sql-test-database.js';
import { MIN } from '../bookings/booking-world.test-support.js';
import { openPgWorld, pgSuffix, pgTarget, scheduler, user, type PgWorld } from './pg-world.test-support.js';

const USERS = Array.from({ length: 6 }, (_, i) => `model-${i}`);
const NUM_RUNS = 25;

type Op =
  | { readonly kind: 'book'; readonly event: number; readonly user: number; readonly quantity: number; readonly vip: boolean }
  | { readonly kind: 'pay'; readonly event: number; readonly pick: number; readonly fail: boolean; readonly deliveries: number }
  | { readonly kind: 'cancel'; readonly event: number; readonly pick: number }
  | { readonly kind: 'expire' }
  | { readonly kind: 'join'; readonly event: number; readonly user: number; readonly quantity: number }
  | { readonly kind: 'claim'; readonly pick: number }
  | { readonly kind: 'leave'; readonly event: number; readonly pick: number }
  | { readonly kind: 'expireOffers' };
/** Ops run together after the clock moved by `advance` minutes (so a batch's expiry jobs all see the same now). */
type Batch = { readonly advance: number; readonly ops: readonly Op[] };

const eventIx = fc.nat({ max: 2 });
// Small picks, so that ops of one batch often aim at the same booking or entry: those are the races that matter.
const pickIx = fc.nat({ max: 3 });
const userIx = fc.nat({ max: USERS.length - 1 });
const qty = fc.integer({ min: 1, max: 3 });
// Small requests in line, so that freed seats often fit the head and offers (then claims) really happen.
const lineQty = fc.integer({ min: 1, max: 2 });
// Weighted so that events fill up, lines form, and seats are freed often enough for offers and claims to happen.
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('book' as const), event: eventIx, user: userIx, quantity: qty, vip: fc.boolean() }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('pay' as const), event: eventIx, pick: pickIx, fail: fc.nat({ max: 4 }).map((n) => n === 0), deliveries: fc.integer({ min: 1, max: 2 }) }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('cancel' as const), event: eventIx, pick: pickIx }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'expire' as const }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('join' as const), event: eventIx, user: userIx, quantity: lineQty }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('claim' as const), pick: pickIx }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('leave' as const), event: eventIx, pick: pickIx }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'expireOffers' as const }) },
);
const batch: fc.Arbitrary<Batch> = fc.record({ advance: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 })), ops: fc.array(op, { minLength: 4, maxLength: 14, size: 'max' }) });
const eventShape = fc.record({ capacity: fc.integer({ min: 2, max: 6 }), vipQuota: fc.integer({ min: 1, max: 3 }) });

// An answer that can only mean broken wiring or a bug (the op picked something that exists and acts as its owner).
const IMPOSSIBLE = /NOT_FOUND$|^FORBIDDEN$|^NOT_AUTHENTICATED$|^INVALID_REQUEST$|^INVALID_PRICE_OPTION$|^PAYMENT_MISMATCH$/;

const outcomes = new Map<string, number>();
function tallied(kind: string, r: Result<unknown, { readonly type: string }>, what?: string): void {
  const key = `${kind}:${r.ok ? (what ?? 'ok') : r.error.type}`;
  outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  if (!r.ok && IMPOSSIBLE.test(r.error.type)) throw new Error(`${kind} answered ${JSON.stringify(r.error)}`);
}

const byId = <T extends { readonly id: string }>(items: readonly T[]): T[] => [...items].sort((a, b) => (a.id < b.id ? -1 : 1));
const pickOf = <T extends { readonly id: string }>(items: readonly T[], pick: number): T | undefined => byId(items)[pick % Math.max(1, items.length)];

async function apply(w: PgWorld, events: readonly EventState[], o: Op): Promise<void> {
  const event = 'event' in o ? events[o.event % events.length]! : null;
  switch (o.kind) {
    case 'book': {
      const option = event!.priceOptions[o.vip ? 1 : 0]!.id;
      tallied(o.kind, await w.create.execute(user(USERS[o.user]!), { eventId: event!.id, quantity: o.quantity, priceOptionId: option }));
      return;
    }
    case 'pay': {
      const booking = pickOf(await w.bookings.listByEvent(null, event!.id, ['PENDING_PAYMENT']), o.pick);
      if (booking === undefined) return;
      // Concurrent initiations of one booking must each answer (never throw), even when another was settled meanwhile.
      const hook = await w.checkout(user(booking.userId), booking.id, o.fail ? 'failed' : 'succeeded');
      tallied('checkout', hook);
      if (!hook.ok) return;
      const handled = await Promise.all(Array.from({ length: o.deliveries }, () => w.deliver(hook.value)));
      for (const h of handled) tallied('webhook', h, h.ok ? h.value.outcome : undefined);
      return;
    }
    case 'cancel': {
      const booking = pickOf(await w.bookings.listByEvent(null, event!.id, ['PENDING_PAYMENT', 'CONFIRMED']), o.pick);
      if (booking !== undefined) tallied(o.kind, await w.cancel.execute(user(booking.userId), { bookingId: booking.id }), booking.status);
      return;
    }
    case 'expire': {
      const run = await w.expire.execute(scheduler);
      tallied(o.kind, run, run.ok ? `expired ${run.value.expired > 0 ? 'some' : 'none'}` : undefined);
      if (run.ok) expect(run.value.failed, 'the expiry job failed on some bookings').toEqual([]);
      return;
    }
    case 'join':
      tallied(o.kind, await w.join.execute(user(USERS[o.user]!), { eventId: event!.id, quantity: o.quantity }));
      return;
    case 'claim': {
      // Offers are rarer than bookings: any event's open offer will do, so that claims happen often enough to matter.
      const offered = await Promise.all(events.map((e) => w.waitlist.listByEvent(null, e.id, ['OFFERED'])));
      const entry = pickOf(offered.flat(), o.pick);
      if (entry !== undefined) tallied(o.kind, await w.claim.execute(user(entry.userId), { entryId: entry.id }));
      return;
    }
    case 'leave': {
      const entry = pickOf(await w.waitlist.listByEvent(null, event!.id, ['WAITING', 'OFFERED']), o.pick);
      if (entry !== undefined) tallied(o.kind, await w.leave.execute(user(entry.userId), { entryId: entry.id }), entry.status);
      return;
    }
    case 'expireOffers': {
      const run = await w.expireOffers.execute(scheduler);
      tallied(o.kind, run, run.ok ? `expired ${run.value.expired > 0 ? 'some' : 'none'}` : undefined);
      return;
    }
  }
}

/** DESIGN §3.2 read from the tables: the counters are their sums, within capacity and quotas, never negative. */
async function checkCounters(w: PgWorld, eventId: string, where: string): Promise<void> {
  const counters = await w.counters(eventId);
  const sums = await w.sums(eventId);
  expect(counters.seatsTaken, `seatsTaken of ${eventId} ${where}`).toBe(sums.booked + sums.held);
  expect(counters.seatsTaken, `seatsTaken of ${eventId} ${where}`).toBeGreaterThanOrEqual(0);
  expect(counters.seatsTaken, `seatsTaken of ${eventId} ${where}`).toBeLessThanOrEqual(counters.capacity);
  for (const option of counters.options) {
    expect(option.seatsTaken, `option ${option.id} ${where}`).toBe(sums.byOption[option.id] ?? 0);
    expect(option.seatsTaken, `option ${option.id} ${where}`).toBeGreaterThanOrEqual(0);
    if (option.quantity !== null) expect(option.seatsTaken, `option ${option.id} ${where}`).toBeLessThanOrEqual(option.quantity);
  }
}

describe.skipIf(pgTarget === null)(`seat counters under random concurrent batches on PostgreSQL (model-based)${pgSuffix}`, () => {
  let opened: OpenedTestDatabase | null = null;
  let w: PgWorld;

  // One database for the file; each run seeds its own events. The clock only moves forward across runs, so the jobs
  // a run triggers may also settle earlier runs' bookings — which the final check over every event covers too.
  beforeAll(async () => {
    if (pgTarget === null) return;
    opened = await pgTarget.open();
    w = await openPgWorld(opened);
  }, 60_000);
  afterAll(async () => {
    await opened?.close();
  });

  it('after every concurrent batch, every counter equals its active bookings and holds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(eventShape, { minLength: 2, maxLength: 3 }), fc.array(batch, { minLength: 4, maxLength: 8, size: 'max' }), async (shapes, batches) => {
        const events: EventState[] = [];
        for (const shape of shapes) {
          events.push(
            await w.seedEvent({
              capacity: shape.capacity,
              maxTicketsPerBooking: 3,
              options: [{ quantity: null }, { name: 'VIP', price: 9_000, quantity: shape.vipQuota }],
            }),
          );
        }
        for (const [i, b] of batches.entries()) {
          w.clock.advance(b.advance * MIN);
          await Promise.all(b.ops.map((o) => apply(w, events, o)));
          for (const e of events) await checkCounters(w, e.id, `after batch ${i}: ${JSON.stringify(batches.slice(0, i + 1))}`);
        }
      }),
      // Races are not replayable, so shrinking would chase a different interleaving each time: report the first failure.
      { numRuns: NUM_RUNS, endOnFailure: true },
    );
    for (const id of await w.allEventIds()) await checkCounters(w, id, 'at the end, over every event of the file');
    const offers = await w.offersMade();
    console.log(`[model] ${offers} waitlist offers made; outcomes over ${NUM_RUNS} runs: ${JSON.stringify(Object.fromEntries([...outcomes].sort()))}`);
  }, 180_000);
});
