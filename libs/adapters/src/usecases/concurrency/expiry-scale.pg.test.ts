// Issue 7, "expiry of 100 000 due bookings (job run, all side effects) ≤ 5× one raw CTE doing only the status and seat
// update": the expire-pending-bookings job on N due bookings seeded with raw SQL over 100 events — every side effect:
// status, seats back to event and option, promo uses released (every tenth booking has a code), one outbox message and
// one audit row each, offers to the waiting line of ten events — and then, on an identical seed, one raw CTE statement
// that only expires the bookings and gives their seats back. It prints both times and asserts only the outcome (speed
// is measured, never asserted). N is 2 000 in the suite; EXPIRY_SCALE=10000,100000 for the figures.
import { randomUUID } from 'node:crypto';
import type { EventState } from '@aquastream/domain';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlStorage } from '../../composition/storage.js';
import { DAY, GRACE_MINUTES, jobsWorld, MIN, scheduler, T0, user, type JobsWorld } from '../../jobs/jobs-world.test-support.js';
import { FixedClock } from '../../testing/fixed-clock.js';
import type { OpenedTestDatabase } from '../../testing/sql-test-database.js';
import { pgSuffix, pgTarget } from './pg-world.test-support.js';

const SIZES = (process.env['EXPIRY_SCALE'] ?? '2000').split(',').map((s) => Number(s.trim()));
const EVENTS = 100;
const WAITING_EVENTS = 10;
const TIMEOUT = 1_800_000;

describe.skipIf(pgTarget === null)(`expiry at scale on PostgreSQL: the job against one raw CTE${pgSuffix}`, () => {
  let opened: OpenedTestDatabase | null = null;
  let w: JobsWorld;

  beforeAll(async () => {
    if (pgTarget === null) return;
    opened = await pgTarget.open();
    w = jobsWorld(createSqlStorage(opened.db), { databaseUrl: opened.url, clock: new FixedClock(T0) });
  }, 60_000);
  afterAll(async () => {
    await opened?.close();
  });

  const query = <R extends object>(sql: string, replacements: Record<string, unknown> = {}) =>
    (opened as OpenedTestDatabase).db.sequelize.query<R>(sql, { type: QueryTypes.SELECT, replacements });
  const count = async (sql: string, replacements: Record<string, unknown> = {}) => Number((await query<{ n: string }>(sql, replacements))[0]?.n ?? 0);

  /** `n` PENDING_PAYMENT bookings due at `deadline`, spread over fresh full events; a line waits at some of them. */
  async function seed(n: number, deadline: number): Promise<{ events: EventState[]; promoId: string }> {
    const perEvent = Math.ceil(n / EVENTS);
    const events: EventState[] = [];
    for (let i = 0; i < EVENTS; i += 1) {
      const option = { id: randomUUID(), name: 'Seat', price: 5_000, quantity: null, seatsTaken: perEvent, active: true };
      events.push(await w.event({ capacity: perEvent, seatsTaken: perEvent, priceOptions: [option], startsAt: T0 + 30 * DAY }));
    }
    const promoId = randomUUID();
    const promoUses = Math.ceil(perEvent / 10) * EVENTS;
    await query(
      `INSERT INTO promo_codes (id, organization_id, event_id, code, code_normalized, discount_percent, discount_amount, currency,
          starts_at, ends_at, max_uses, uses_count, is_active, created_at, updated_at)
        VALUES (:id, :org, NULL, :code, :norm, 10, NULL, NULL, :t0, NULL, NULL, :uses, true, :t0, :t0)`,
      { id: promoId, org: await w.organization(), code: `SCALE${promoId.slice(0, 6)}`, norm: `scale${promoId.slice(0, 6)}`, t0: new Date(T0), uses: promoUses },
    );
    const pricing = { currency: 'EUR', unitPrice: 5_000, quantity: 1, subtotal: 5_000, dynamicMultiplier: 1, groupDiscount: 0, promoDiscount: 0, total: 5_000 };
    await query(
      `INSERT INTO bookings (id, event_id, user_id, price_option_id, quantity, status, pricing, total_amount, currency, payment_deadline,
          refund_policy, paid_amount, promo_code_id, created_at, updated_at)
        SELECT gen_random_uuid(), e.id, 'scale-' || e.id || '-' || g, po.id, 1, 'PENDING_PAYMENT', CAST(:pricing AS json), 5000, 'EUR',
          :deadline, CAST(:policy AS json), 0, CASE WHEN g % 10 = 1 THEN CAST(:promoId AS uuid) END, :created, :created
        FROM events e JOIN price_options po ON po.event_id = e.id CROSS JOIN generate_series(1, :perEvent) g
        WHERE e.id IN (:eventIds)`,
      {
        pricing: JSON.stringify(pricing),
        policy: JSON.stringify(events[0]!.refundPolicy),
        deadline: new Date(deadline),
        created: new Date(T0),
        perEvent,
        promoId,
        eventIds: events.map((e) => e.id),
      },
    );
    for (const e of events.slice(0, WAITING_EVENTS)) {
      const joined = await w.uc.waitlist.join.execute(user(`line-${randomUUID()}`), { eventId: e.id, quantity: 1 });
      if (!joined.ok) throw new Error(`join: ${JSON.stringify(joined.error)}`);
    }
    return { events, promoId };
  }

  for (const n of SIZES) {
    it(`${n} due bookings: the job with every side effect, then one raw CTE on an identical seed`, async () => {
      const due = w.clock.now() - (GRACE_MINUTES + 1) * MIN;
      const job = await seed(n, due);
      const seeded = EVENTS * Math.ceil(n / EVENTS);
      const jobIds = job.events.map((e) => e.id);

      const started = performance.now();
      let runs = 0;
      for (let more = true; more; runs += 1) {
        const r = await w.uc.jobs['expire-pending-bookings'](scheduler, { batchSize: 100 });
        if (!r.ok) throw new Error(JSON.stringify(r.error));
        expect(r.value.failed).toEqual([]);
        more = r.value.more;
      }
      const jobMs = performance.now() - started;

      expect(await count(`SELECT COUNT(*) AS n FROM bookings WHERE event_id IN (:ids) AND status = 'EXPIRED'`, { ids: jobIds })).toBe(seeded);
      expect(await count(`SELECT COALESCE(SUM(seats_taken), 0) AS n FROM events WHERE id IN (:ids)`, { ids: jobIds })).toBe(WAITING_EVENTS);
      expect(await count(`SELECT COALESCE(SUM(seats_taken), 0) AS n FROM price_options WHERE event_id IN (:ids)`, { ids: jobIds })).toBe(0);
      expect(await count(`SELECT uses_count AS n FROM promo_codes WHERE id = :id`, { id: job.promoId })).toBe(0);
      expect(await count(`SELECT COUNT(*) AS n FROM waitlist_entries WHERE event_id IN (:ids) AND status = 'OFFERED'`, { ids: jobIds })).toBe(WAITING_EVENTS);
      const expiredIds = `SELECT id::text FROM bookings WHERE event_id IN (:ids)`;
      expect(await count(`SELECT COUNT(*) AS n FROM outbox_messages WHERE type = 'booking.expired' AND subject IN (${expiredIds})`, { ids: jobIds })).toBe(seeded);
      expect(await count(`SELECT COUNT(*) AS n FROM audit_log WHERE to_status = 'EXPIRED' AND entity_id IN (${expiredIds})`, { ids: jobIds })).toBe(seeded);

      // The baseline: the same seed again, and one statement that only sets the status and gives the seats back.
      const raw = await seed(n, due);
      const rawIds = raw.events.map((e) => e.id);
      const cteStarted = performance.now();
      await query(
        `WITH due AS (
           UPDATE bookings SET status = 'EXPIRED', updated_at = now()
            WHERE status = 'PENDING_PAYMENT' AND payment_deadline < :cutoff AND event_id IN (:ids)
            RETURNING event_id, price_option_id, quantity),
         ev AS (
           UPDATE events e SET seats_taken = e.seats_taken - d.n
             FROM (SELECT event_id, SUM(quantity) AS n FROM due GROUP BY event_id) d WHERE e.id = d.event_id RETURNING 1),
         op AS (
           UPDATE price_options o SET seats_taken = o.seats_taken - d.n
             FROM (SELECT price_option_id, SUM(quantity) AS n FROM due GROUP BY price_option_id) d WHERE o.id = d.price_option_id RETURNING 1)
         SELECT (SELECT COUNT(*) FROM ev) AS events, (SELECT COUNT(*) FROM op) AS options`,
        { cutoff: new Date(w.clock.now() - GRACE_MINUTES * MIN), ids: rawIds },
      );
      const cteMs = performance.now() - cteStarted;
      expect(await count(`SELECT COUNT(*) AS n FROM bookings WHERE event_id IN (:ids) AND status = 'EXPIRED'`, { ids: rawIds })).toBe(seeded);

      console.log(
        `[expiry-scale] ${seeded} due bookings on ${EVENTS} events: job ${(jobMs / 1000).toFixed(2)} s in ${runs} call(s) ` +
          `(${((seeded * 1000) / jobMs).toFixed(0)}/s, every side effect); raw CTE (status + seats only) ${(cteMs / 1000).toFixed(2)} s; ` +
          `ratio ${(jobMs / cteMs).toFixed(1)}×`,
      );
    }, TIMEOUT);
  }
});
