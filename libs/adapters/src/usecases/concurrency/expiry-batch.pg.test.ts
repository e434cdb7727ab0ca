// Issue 7, set-based expiry: due bookings without an open payment expire in bulk transactions (events locked in id
// order, then one compare-and-set UPDATE for the batch). fast-check draws the bookings (options, promo uses, payments
// started, a waitlist), then two replicas — each its own pool and use cases — run the expiry job with small batches
// while owners cancel and the gateway delivers payments, all at once. Read with raw SQL afterwards: every counter is its
// sum, each promo use is given back once, every booking expired at most once (one message, one audit row), none is due.
import type { Booking, EventState, PromoCode } from '@aquastream/domain';
import fc from 'fast-check';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../sql/database.js';
import type { OpenedTestDatabase } from '../../testing/sql-test-database.js';
import { MIN } from '../bookings/booking-world.test-support.js';
import { GRACE_MINUTES, openPgWorld, pgSuffix, pgTarget, scheduler, TTL_MINUTES, user, type PgWorld } from './pg-world.test-support.js';

const NUM_RUNS = 8;
const TIMEOUT = 300_000;

const scenario = fc.record({
  bookings: fc.integer({ min: 8, max: 40 }),
  promoEvery: fc.integer({ min: 2, max: 5 }),
  payers: fc.nat({ max: 6 }),
  paid: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
  cancels: fc.array(fc.nat({ max: 39 }), { maxLength: 6 }),
  waiting: fc.nat({ max: 4 }),
  batchA: fc.integer({ min: 1, max: 9 }),
  batchB: fc.integer({ min: 1, max: 9 }),
});

describe.skipIf(pgTarget === null)(`set-based expiry on PostgreSQL: two replicas, cancels and webhooks at once${pgSuffix}`, () => {
  let opened: OpenedTestDatabase | null = null;
  let second: Database | null = null;
  let a: PgWorld;
  let b: PgWorld;
  let run = 0;

  beforeAll(async () => {
    if (pgTarget === null) return;
    opened = await pgTarget.open();
    a = await openPgWorld(opened);
    second = openDatabase(opened.url, { poolMax: 10 });
    b = await openPgWorld({ ...opened, db: second });
  }, 60_000);
  afterAll(async () => {
    await second?.sequelize.close();
    await opened?.close();
  });

  const rows = <R extends object>(sql: string, replacements: Record<string, unknown>) =>
    a.db.sequelize.query<R>(sql, { type: QueryTypes.SELECT, replacements });

  it('every counter is its sum, each promo use is given back once, each booking expires once, none stays due', async () => {
    let expiredTotal = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async (p) => {
        run += 1;
        const quantity = (i: number) => (i % 3 === 0 ? 2 : 1);
        // Event 0 is sold out exactly by its bookings, so the line waits and expiries hand its seats to the head.
        const fullSeats = Array.from({ length: p.bookings }, (_, i) => i).filter((i) => i % 2 === 0).reduce((n, i) => n + quantity(i), 0);
        const options = [{ quantity: null }, { name: 'VIP', price: 9_000, quantity: 40 }];
        const events: EventState[] = [
          await a.seedEvent({ capacity: fullSeats, maxTicketsPerBooking: 3, options }),
          await a.seedEvent({ capacity: 80, maxTicketsPerBooking: 3, options }),
        ];
        const promo: PromoCode = await a.seedPromo();
        const booked: Booking[] = [];
        for (let i = 0; i < p.bookings; i += 1) {
          const event = events[i % 2]!;
          const r = await a.create.execute(user(`xb-${run}-${i}`), {
            eventId: event.id,
            quantity: quantity(i),
            priceOptionId: event.priceOptions[(i >> 1) % 2]!.id,
            promoCode: i % p.promoEvery === 0 ? promo.code : null,
          });
          if (!r.ok) throw new Error(`booking ${i}: ${JSON.stringify(r.error)}`);
          booked.push(r.value);
        }
        for (let k = 0; k < p.waiting; k += 1) {
          const joined = await a.join.execute(user(`xw-${run}-${k}`), { eventId: events[0]!.id, quantity: 1 });
          if (!joined.ok) throw new Error(`join ${k}: ${JSON.stringify(joined.error)}`);
        }
        // Payments started (an open payment: the per-booking path asks the gateway first); some are then paid.
        const hooks = [];
        for (const [k, booking] of booked.slice(0, p.payers).entries()) {
          const hook = await a.checkout(user(booking.userId), booking.id, p.paid[k] === true ? 'succeeded' : 'failed');
          if (hook.ok && p.paid[k] === true) hooks.push(hook.value);
        }

        for (const w of [a, b]) w.clock.advance((TTL_MINUTES + GRACE_MINUTES + 1) * MIN);
        const runs = await Promise.all([
          a.expire.execute(scheduler, { batchSize: 2, setBatchSize: p.batchA }),
          b.expire.execute(scheduler, { batchSize: 3, setBatchSize: p.batchB }),
          ...p.cancels.map((ix) => {
            const booking = booked[ix % booked.length]!;
            return a.cancel.execute(user(booking.userId), { bookingId: booking.id });
          }),
          ...hooks.map((h) => b.deliver(h)),
        ]);
        for (const r of runs) if (!r.ok) expect(['BOOKING_NOT_CANCELABLE']).toContain(r.error.type);
        // Whatever the replicas left (batches they stopped, payments they saw open) the next runs finish.
        for (let more = true, guard = 0; more; guard += 1) {
          if (guard > 50) throw new Error('the expiry job never finished');
          const r = await a.expire.execute(scheduler, { batchSize: 5, setBatchSize: 4 });
          if (!r.ok) throw new Error(JSON.stringify(r.error));
          expect(r.value.failed).toEqual([]);
          more = r.value.more;
        }
        for (const r of runs.slice(0, 2)) if (r.ok && 'failed' in r.value) expect(r.value.failed).toEqual([]);

        for (const e of events) {
          const counters = await a.counters(e.id);
          const sums = await a.sums(e.id);
          expect(counters.seatsTaken, `seats of ${e.id}`).toBe(sums.booked + sums.held);
          for (const o of counters.options) expect(o.seatsTaken, `option ${o.id}`).toBe(sums.byOption[o.id] ?? 0);
        }
        // A use is given back exactly when a booking with the code ends unpaid (expired or canceled while pending); a
        // confirmed one keeps it, whatever happens to it later.
        const withPromo = booked.filter((x) => x.promoCodeId === promo.id).map((x) => x.id);
        const released = withPromo.length === 0 ? 0 : Number(
          (
            await rows<{ n: string }>(
              `SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'BOOKING' AND from_status = 'PENDING_PAYMENT'
                 AND to_status IN ('EXPIRED', 'CANCELED') AND entity_id IN (:ids)`,
              { ids: withPromo },
            )
          )[0]?.n,
        );
        expect(await a.promoUses(promo.id)).toBe(withPromo.length - released);

        const ids = booked.map((x) => x.id);
        const stillDue = await rows<{ id: string; payments: string | null }>(
          `SELECT b.id, (SELECT string_agg(p.status, ',' ORDER BY p.created_at) FROM payments p WHERE p.booking_id = b.id) AS payments
             FROM bookings b WHERE b.id IN (:ids) AND b.status = 'PENDING_PAYMENT'`,
          { ids },
        );
        expect(stillDue, `still due, with their payments, after ${JSON.stringify(runs)}`).toEqual([]);
        const statuses = new Map((await rows<{ id: string; status: string }>('SELECT id, status FROM bookings WHERE id IN (:ids)', { ids })).map((r) => [r.id, r.status]));
        const messages = new Map(
          (
            await rows<{ subject: string; n: string }>(
              `SELECT subject, COUNT(*) AS n FROM outbox_messages WHERE type = 'booking.expired' AND subject IN (:ids) GROUP BY subject`,
              { ids },
            )
          ).map((r) => [r.subject, Number(r.n)]),
        );
        const audits = new Map(
          (
            await rows<{ entity_id: string; n: string }>(
              `SELECT entity_id, COUNT(*) AS n FROM audit_log WHERE entity = 'BOOKING' AND to_status = 'EXPIRED' AND entity_id IN (:ids) GROUP BY entity_id`,
              { ids },
            )
          ).map((r) => [r.entity_id, Number(r.n)]),
        );
        for (const id of ids) {
          const n = messages.get(id) ?? 0;
          expect(n, `booking.expired messages of ${id}`).toBeLessThanOrEqual(1);
          expect(audits.get(id) ?? 0, `EXPIRED audit rows of ${id}`).toBe(n);
          if (statuses.get(id) === 'EXPIRED') expect(n, `expired booking ${id}`).toBe(1);
        }
        expiredTotal += [...statuses.values()].filter((s) => s === 'EXPIRED').length;
      }),
      // Races are not replayable, so shrinking would chase a different interleaving each time: report the first failure.
      { numRuns: NUM_RUNS, endOnFailure: true },
    );
    expect(expiredTotal).toBeGreaterThan(0);
    console.log(`[expiry-batch] ${expiredTotal} bookings expired over ${NUM_RUNS} runs; ${await a.offersMade()} waitlist offers made`);
  }, TIMEOUT);
});
