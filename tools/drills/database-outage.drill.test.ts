// Drill: the database goes away under load and comes back (issue 7, "Fault drills"). The built API runs as a child
// process whose DATABASE_URL points at a TCP proxy in front of PostgreSQL. The proxy is cut twice while bookings are
// being made — once refusing connections (a server down), once blackholing them (a partition: connects accepted and
// never answered) — and restored. While cut: every API request that needs the database answers 503 DATABASE_UNAVAILABLE
// as problem+json (never a 500, never a hang: each request has a generous abort deadline), /health/ready answers 503
// with the database DOWN, and guests get the cached catalogue marked X-Cache: STALE. After restoring, the API recovers
// by itself, and raw SQL shows nothing half-written: every acknowledged booking exists, seats equal the active holds,
// no booking lacks its booking.created outbox row.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, freshDatabase, type Answer, type Organiser, knob, organiser, pgUrl, publishedEvent, report, startApi, tally, token, waitUntil, type Api, type DrillDatabase } from './support/drill.test-support.js';
import { bookingsWithoutCreatedMessage, count, seatDrift } from './support/invariants.test-support.js';
import { startTcpProxy, viaProxy, type TcpProxy } from './support/tcp-proxy.test-support.js';

const WORKERS = knob('DRILL_DB_WORKERS', 8, 32);
const ANSWERS_WHILE_CUT = knob('DRILL_DB_ANSWERS_WHILE_CUT', 40, 400);
/** A request that takes longer than this is a hang, not "within the pool timeout" (2 s acquire, 1 s connect below). */
const HANG_MS = 20_000;

describe.skipIf(pgUrl === null)(`drill: database down and back${pgUrl === null ? ' (skipped: TEST_DATABASE_URL not set)' : ''}`, () => {
  let db: DrillDatabase;
  let proxy: TcpProxy;
  let api: Api;
  let org: Organiser;

  beforeAll(async () => {
    db = await freshDatabase();
    const target = new URL(pgUrl ?? '');
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    api = await startApi({
      DATABASE_URL: viaProxy(db.url, proxy),
      DB_POOL_MAX: '5',
      DB_ACQUIRE_TIMEOUT_MS: '2000',
      DB_CONNECT_TIMEOUT_MS: '1000',
      LOG_LEVEL: 'warn',
    });
    org = await organiser(api.base);
  }, 120_000);

  afterAll(async () => {
    if (process.env['DRILLS_VERBOSE'] === '1') console.log(api?.output().slice(-20_000));
    await api?.stop();
    await proxy?.close();
    await db?.drop();
  });

  /** One request with an abort deadline: a hang fails the drill instead of stalling it. */
  const probe = (method: string, path: string, init: Parameters<typeof call>[3] = {}) => call(api.base, method, path, { ...init, signal: AbortSignal.timeout(HANG_MS) });

  for (const mode of ['refuse', 'blackhole'] as const) {
    it(`${mode}: 503 problems while cut, STALE catalogue, readiness DOWN, recovery by itself, nothing half-written`, async () => {
      const eventId = (await publishedEvent(api.base, org, { capacity: 100_000, title: `Drill regatta (${mode})` })).id;
      // Warm the guest cache (a page stored before the cut is what STALE serves).
      const listPath = '/api/v1/events?size=20';
      const detailPath = `/api/v1/events/${eventId}`;
      for (const p of [listPath, detailPath]) expect((await probe('GET', p)).status).toBe(200);

      // A booking burst that runs through the cut and the recovery: fresh users, one booking each.
      const answers: { status: number; code: string | null; id: string | null; phase: string; ms: number }[] = [];
      let phase = 'before';
      let running = true;
      const burst = Promise.all(
        Array.from({ length: WORKERS }, async () => {
          while (running) {
            const t = await token(randomUUID());
            const sent = Date.now();
            // A request that hangs past the deadline or finds no API is counted as such (status 0): the drill then fails.
            const a = await probe('POST', '/api/v1/bookings', { token: t, body: { eventId, quantity: 1 } }).catch((error: unknown) => ({
              status: 0,
              json: { code: error instanceof Error ? error.name : 'ERROR' },
            }));
            answers.push({ status: a.status, code: a.json?.code ?? null, id: a.status === 201 ? a.json.id : null, phase, ms: Date.now() - sent });
          }
        }),
      );
      let cutAt = 0;
      let restoredAt = 0;
      let mine!: Answer;
      let ready!: Answer;
      const catalogue: string[] = [];
      try {
        await waitUntil('some bookings before the cut', () => answers.filter((a) => a.status === 201).length >= 20);
        phase = 'cut';
        await proxy.cut(mode);
        cutAt = answers.length;
        // Requests that need the database: a problem document with 503 and the code, never a 500.
        mine = await probe('GET', '/api/v1/bookings', { token: await token(randomUUID()) });
        ready = await probe('GET', '/health/ready');
        // The cache may still be fresh for a few seconds (HIT); it turns STALE once its TTL runs out, never an error.
        await waitUntil(
          'the catalogue served STALE',
          async () => {
            const list = await probe('GET', listPath);
            const detail = await probe('GET', detailPath);
            catalogue.push(`${list.status}/${list.headers.get('x-cache')}`, `${detail.status}/${detail.headers.get('x-cache')}`);
            return list.headers.get('x-cache') === 'STALE' && detail.headers.get('x-cache') === 'STALE';
          },
          60_000,
          250,
        );
        await waitUntil(`${ANSWERS_WHILE_CUT} booking answers while cut`, () => answers.length - cutAt >= ANSWERS_WHILE_CUT, 120_000);

        phase = 'restored';
        await proxy.restore();
        restoredAt = answers.length;
        await waitUntil('/health/ready back to 200', async () => (await probe('GET', '/health/ready')).status === 200, 60_000, 250);
        await waitUntil('bookings succeeding again', () => answers.slice(restoredAt).filter((a) => a.status === 201).length >= 10, 60_000);
      } finally {
        running = false;
        await proxy.restore();
        await burst;
      }
      const whileCut = answers.slice(cutAt, restoredAt);

      expect(mine.status).toBe(503);
      expect(mine.headers.get('content-type')).toContain('application/problem+json');
      expect(mine.json).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
      expect(mine.headers.get('retry-after')).not.toBeNull();
      expect(ready.status).toBe(503);
      expect(ready.json).toMatchObject({ status: 'DOWN', checks: { database: { status: 'DOWN' } } });
      expect(catalogue.every((c) => c.startsWith('200/'))).toBe(true);
      // While cut, a booking is either refused with the 503 problem or (in flight at the cut) made; nothing else.
      const outcomes = tally(whileCut.map((a) => `${a.status} ${a.code ?? ''}`.trim()));
      expect(Object.keys(outcomes).filter((k) => k !== '201' && k !== '503 DATABASE_UNAVAILABLE')).toEqual([]);
      expect(outcomes['503 DATABASE_UNAVAILABLE']).toBeGreaterThan(0);
      expect(answers.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([]);

      // Nothing half-written: every acknowledged booking is there, whole.
      const acknowledged = answers.filter((a) => a.id !== null).map((a) => a.id as string);
      const stored = new Set((await db.query<{ id: string }>(`SELECT id FROM bookings WHERE event_id = $1`, [eventId])).map((r) => r.id));
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
      // The only bookings not acknowledged are those whose answer was the 503 (committed just as the connection went).
      const unacknowledged = stored.size - acknowledged.length;
      expect(unacknowledged).toBeGreaterThanOrEqual(0);
      expect(unacknowledged).toBeLessThanOrEqual(whileCut.filter((a) => a.status === 503).length);
      expect(await seatDrift(db)).toEqual([]);
      expect(await bookingsWithoutCreatedMessage(db)).toEqual([]);
      const held = await count(db, `SELECT seats_taken AS n FROM events WHERE id = $1`, [eventId]);
      expect(held).toBe(stored.size);
      report(
        'database-outage',
        `${mode}: ${answers.length} booking attempts (${cutAt} before the cut, ${whileCut.length} while cut: ${JSON.stringify(outcomes)}, ` +
          `${answers.length - restoredAt} after restoring; slowest answer while cut ${Math.max(0, ...whileCut.map((a) => a.ms))} ms — reported, not asserted); catalogue while cut ${JSON.stringify(tally(catalogue))}; readiness 503 DOWN; ` +
          `${stored.size} bookings stored = ${acknowledged.length} acknowledged + ${unacknowledged} committed as the link dropped; seats = holds; ` +
          `proxy accepted ${proxy.accepted} connections, swallowed ${proxy.swallowed}`,
      );
    }, 300_000);
  }
});
