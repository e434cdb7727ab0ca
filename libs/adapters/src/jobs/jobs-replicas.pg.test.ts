// DESIGN §6 "safe to run in several replicas at once": two scheduler instances — each its own use cases over its own
// SQL storage and connection pool, its own advisory lock, its own runner looping in real time — on ONE PostgreSQL
// database. They expire 5 000 due bookings exactly once between them, and send each reminder once.
import { randomUUID } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlStorage } from '../composition/storage.js';
import { openDatabase, type Database } from '../sql/database.js';
import { SystemClock } from '../system/system-clock.js';
import { FixedClock } from '../testing/fixed-clock.js';
import { postgresTestTarget, type OpenedTestDatabase } from '../testing/sql-test-database.js';
import { SCHEDULED_JOB_NAMES, type ScheduledJobName } from './job-schedule.js';
import { DAY, GRACE_MINUTES, HOUR, jobsWorld, MIN, scheduler, T0, TTL_MINUTES, type JobsWorld } from './jobs-world.test-support.js';
import { until } from './recording-job-listener.test-support.js';

const pg = postgresTestTarget({ poolMax: 10 });
const pgSuffix = pg === null ? ' (skipped: TEST_DATABASE_URL not set)' : '';
const TIMEOUT = 600_000;
const EVENTS = 50;
const PER_EVENT = 100;
const DUE = EVENTS * PER_EVENT;

/** Every job off but the one under test, which ticks every 20 ms. */
const only = (name: ScheduledJobName) =>
  Object.fromEntries(SCHEDULED_JOB_NAMES.map((n) => [n, n === name ? 20 : ('off' as const)])) as Partial<Record<ScheduledJobName, number | 'off'>>;

describe.skipIf(pg === null)(`two scheduler instances on one PostgreSQL database${pgSuffix}`, () => {
  let opened: OpenedTestDatabase;
  let secondDb: Database;
  const worlds: JobsWorld[] = [];

  beforeAll(async () => {
    if (pg === null) return;
    opened = await pg.open();
    secondDb = openDatabase(opened.url, { poolMax: 10 });
  }, TIMEOUT);
  afterAll(async () => {
    for (const w of worlds) await w.close();
    await secondDb?.sequelize.close();
    await opened?.close();
  });

  const count = async (sql: string, replacements: Record<string, unknown> = {}): Promise<number> => {
    const [row] = await opened.db.sequelize.query<{ n: string }>(sql, { type: QueryTypes.SELECT, replacements });
    return Number(row?.n ?? 0);
  };

  /** Two instances: the same time on their use-case clocks, real time on their runners' loops. */
  function twoInstances(job: ScheduledJobName, now: number): [JobsWorld, JobsWorld] {
    const pair = [opened.db, secondDb].map((db) =>
      jobsWorld(createSqlStorage(db), { databaseUrl: opened.url, clock: new FixedClock(now), runnerClock: new SystemClock(), intervals: only(job) }),
    ) as [JobsWorld, JobsWorld];
    worlds.push(...pair);
    return pair;
  }

  it(`expire ${DUE} due bookings exactly once between them`, async () => {
    const seeder = jobsWorld(createSqlStorage(opened.db), { databaseUrl: opened.url });
    worlds.push(seeder);
    const events = [];
    for (let i = 0; i < EVENTS; i += 1) {
      const option = { id: randomUUID(), name: 'Seat', price: 5_000, quantity: null, seatsTaken: PER_EVENT, active: true };
      events.push(await seeder.event({ capacity: PER_EVENT, seatsTaken: PER_EVENT, priceOptions: [option] }));
    }
    const seeded = performance.now();
    // One statement: PER_EVENT pending bookings per event, every deadline already past its grace.
    const pricing = { currency: 'EUR', unitPrice: 5_000, quantity: 1, subtotal: 5_000, dynamicMultiplier: 1, groupDiscount: 0, promoDiscount: 0, total: 5_000 };
    await opened.db.sequelize.query(
      `INSERT INTO bookings (id, event_id, user_id, price_option_id, quantity, status, pricing, total_amount, currency, payment_deadline,
          refund_policy, paid_amount, created_at, updated_at)
        SELECT gen_random_uuid(), e.id, 'user-' || g, po.id, 1, 'PENDING_PAYMENT', CAST(:pricing AS json), 5000, 'EUR', :deadline,
          CAST(:policy AS json), 0, :created, :created
        FROM events e JOIN price_options po ON po.event_id = e.id CROSS JOIN generate_series(1, :perEvent) g
        WHERE e.id IN (:eventIds)`,
      {
        replacements: {
          pricing: JSON.stringify(pricing),
          policy: JSON.stringify(events[0]!.refundPolicy),
          deadline: new Date(T0 + TTL_MINUTES * MIN),
          created: new Date(T0),
          perEvent: PER_EVENT,
          eventIds: events.map((e) => e.id),
        },
      },
    );
    console.log(`[replicas] seeded ${DUE} pending bookings on ${EVENTS} events in ${(performance.now() - seeded).toFixed(0)} ms`);
    expect(await count("SELECT COUNT(*) AS n FROM bookings WHERE status = 'PENDING_PAYMENT'")).toBe(DUE);

    const [a, b] = twoInstances('expire-pending-bookings', T0 + (TTL_MINUTES + GRACE_MINUTES) * MIN + 1);
    const started = performance.now();
    a.runner.start();
    b.runner.start();
    await until(async () => (await count("SELECT COUNT(*) AS n FROM bookings WHERE status = 'PENDING_PAYMENT'")) === 0);
    await Promise.all([a.runner.stop(), b.runner.stop()]);
    const ms = performance.now() - started;

    const expiredBy = (w: JobsWorld) => w.listener.runsOf('expire-pending-bookings').reduce((sum, r) => sum + Number(r.detail['expired'] ?? 0), 0);
    console.log(
      `[replicas] ${DUE} expiries by two runners in ${(ms / 1000).toFixed(1)} s (${((DUE * 1000) / ms).toFixed(0)}/s): ` +
        `A expired ${expiredBy(a)} in ${a.listener.runsOf('expire-pending-bookings').length} runs, ` +
        `B ${expiredBy(b)} in ${b.listener.runsOf('expire-pending-bookings').length} runs; lock refusals A ${a.listener.skipped.length}, B ${b.listener.skipped.length}`,
    );
    expect(await count("SELECT COUNT(*) AS n FROM bookings WHERE status = 'EXPIRED'")).toBe(DUE);
    expect(await count("SELECT COUNT(*) AS n FROM outbox_messages WHERE type = 'booking.expired'")).toBe(DUE);
    expect(await count("SELECT COUNT(DISTINCT subject) AS n FROM outbox_messages WHERE type = 'booking.expired'")).toBe(DUE);
    expect(await count("SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'BOOKING' AND to_status = 'EXPIRED'")).toBe(DUE);
    expect(await count('SELECT COALESCE(SUM(seats_taken), 0) AS n FROM events WHERE id IN (:ids)', { ids: events.map((e) => e.id) })).toBe(0);
    expect(await count('SELECT COALESCE(SUM(seats_taken), 0) AS n FROM price_options WHERE event_id IN (:ids)', { ids: events.map((e) => e.id) })).toBe(0);
    // Between them the runners' own accounts add up to the work done, and no run failed.
    expect(expiredBy(a) + expiredBy(b)).toBe(DUE);
    for (const w of [a, b]) expect(w.listener.finished.filter((r) => r.result !== 'SUCCEEDED')).toEqual([]);
    // More than 100 at once is worth a warning in the log (DESIGN §6); a run expires in bulk until none is due.
    const lines = [...a.logger.matching(/^Expiring pending bookings/), ...b.logger.matching(/^Expiring pending bookings/)];
    expect(lines.filter((l) => /^warn: Expiring pending bookings: \d+$/.test(l) && Number(l.split(': ').at(-1)) > 100)).not.toEqual([]);
  }, TIMEOUT);

  it('send each reminder once: the job run twice, two runners looping at once, and two use cases racing without any lock', async () => {
    const seeder = jobsWorld(createSqlStorage(opened.db), { databaseUrl: opened.url });
    worlds.push(seeder);
    const free = () => ({ priceOptions: [{ id: randomUUID(), name: 'Free', price: 0, quantity: null, seatsTaken: 0, active: true }] });
    const soon = await seeder.event({ ...free(), startsAt: T0 + 3 * DAY, capacity: 200 });
    const later = await seeder.event({ ...free(), startsAt: T0 + 4 * DAY, capacity: 200 });
    const bookings = [];
    for (let i = 0; i < 150; i += 1) bookings.push(await seeder.book(i % 2 === 0 ? soon.id : later.id));
    const reminders = (window: string) =>
      count("SELECT COUNT(*) AS n FROM outbox_messages WHERE type = 'event.reminder' AND data->>'window' = :window", { window });
    const marks = (window: string) => count('SELECT COUNT(*) AS n FROM reminders_sent WHERE "window" = :window', { window });

    // The 24 h window of `soon` (75 bookings): two runners loop side by side until it is done, then a bit longer.
    const [a, b] = twoInstances('send-reminders', soon.startsAt - 20 * HOUR);
    a.runner.start();
    b.runner.start();
    await until(async () => (await marks('24h')) === 75);
    await until(() => a.listener.runsOf('send-reminders').length + b.listener.runsOf('send-reminders').length >= 6);
    await Promise.all([a.runner.stop(), b.runner.stop()]);
    expect(await reminders('24h')).toBe(75);

    // Running the job again at the same time changes nothing.
    expect(await a.runner.runNow('send-reminders')).toMatchObject({ status: 'STOPPING' });
    const [c, d] = twoInstances('send-reminders', soon.startsAt - 20 * HOUR);
    expect(await c.runner.runNow('send-reminders')).toMatchObject({ status: 'RAN', run: { items: 0 } });
    expect(await reminders('24h')).toBe(75);

    // No lock at all (as if it had failed): both use cases race on the same page of `later`'s bookings and the key decides.
    c.clock.set(later.startsAt - 30 * MIN);
    d.clock.set(later.startsAt - 30 * MIN);
    const results = await Promise.all([c.uc.jobs['send-reminders'](scheduler, {}), d.uc.jobs['send-reminders'](scheduler, {})]);
    const sent = results.map((r) => (r.ok ? r.value.sent1h : Number.NaN));
    console.log(`[replicas] two unlocked send-reminders at once: ${sent.join(' + ')} of 75 one-hour reminders`);
    expect(sent[0]! + sent[1]!).toBe(75);
    expect(await reminders('1h')).toBe(75);
    expect(await marks('1h')).toBe(75);
    expect(await count("SELECT COUNT(DISTINCT subject) AS n FROM outbox_messages WHERE type = 'event.reminder'")).toBe(150);
  }, TIMEOUT);
});
