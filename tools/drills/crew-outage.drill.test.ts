// Drill: the crew service down, slow and flapping (issue 7, "Fault drills"), end to end on the real processes: the
// built API (inline scheduler, so its crew retry job shares the API's circuit breaker) on PostgreSQL, and
// tools/crew-stub/crew-stub.mjs as the crew service. libs/adapters/src/crew/crew-retry.e2e.test.ts already covers the
// use cases against the stub in memory (PENDING then ASSIGNED by the job; FAILED after the last attempt; release on
// cancel); this drill adds what only the deployed process shows: events keep saving through every kind of outage, the
// breaker opens, half-opens and closes (seen in the API's log), and the retry job assigns every crew once the service
// is back — exactly one crew.assigned message per event, none given up.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, CREW_STUB, freePort, freshDatabase, knob, must, organiser, pgUrl, pool, report, startApi, tally, waitUntil, type Api, type DrillDatabase, type Organiser } from './support/drill.test-support.js';
import { count, messagesPerSubject } from './support/invariants.test-support.js';

const PER_PHASE = knob('DRILL_CREW_EVENTS_PER_PHASE', 6, 30);

describe.skipIf(pgUrl === null)(`drill: crew service down, slow and flapping${pgUrl === null ? ' (skipped: TEST_DATABASE_URL not set)' : ''}`, () => {
  let db: DrillDatabase;
  let stub: ChildProcess;
  let stubBase: string;
  let api: Api;
  let org: Organiser;

  beforeAll(async () => {
    db = await freshDatabase();
    const port = await freePort();
    stub = spawn(process.execPath, [CREW_STUB, '--port', String(port), '--mode', 'fail', '--status', '503'], { stdio: 'ignore' });
    stubBase = `http://127.0.0.1:${port}`;
    await waitUntil('the crew stub', async () => (await fetch(`${stubBase}/_stub/calls`).catch(() => null))?.status === 200, 30_000);
    api = await startApi({
      DATABASE_URL: db.url,
      SCHEDULER_MODE: 'inline',
      CREW_SERVICE_URL: stubBase,
      CREW_TIMEOUT_MS: '300',
      CREW_RETRY_ATTEMPTS: '0',
      CREW_BREAKER_THRESHOLD: '3',
      CREW_HALF_OPEN_AFTER_MS: '1000',
      // Five attempts over 1 + 2 + 4 + 8 s: the outages below are shorter, so nothing is given up.
      CREW_RETRY_BASE_DELAY_MS: '1000',
      JOB_RETRY_CREW_REQUESTS_INTERVAL: '250ms',
      LOG_LEVEL: 'info',
    });
    org = await organiser(api.base);
  }, 120_000);

  afterAll(async () => {
    if (process.env['DRILLS_VERBOSE'] === '1') console.log(api?.output().slice(-20_000));
    await api?.stop();
    stub?.kill();
    await db?.drop();
  });

  const behave = (b: Record<string, unknown>) => must(stubBase, 'POST', '/_stub/behaviour', { body: b });
  const circuitLog = (): string[] => [...api.output().matchAll(/crew service circuit (open|half-open|closed)/g)].map((m) => m[1] as string);

  async function createEvents(n: number, phase: string): Promise<{ status: number; crew: string; id: string }[]> {
    const day = 86_400_000;
    return pool(3, Array.from({ length: n }, (_, i) => async () => {
      const startsAt = Date.now() + (20 + i) * day;
      const a = await call(api.base, 'POST', '/api/v1/events', {
        token: org.token,
        signal: AbortSignal.timeout(30_000),
        body: {
          organizationId: org.orgId,
          title: `Crewed regatta ${phase} ${i}`,
          startsAt: new Date(startsAt).toISOString(),
          endsAt: new Date(startsAt + 3_600_000).toISOString(),
          timeZone: 'Europe/Moscow',
          capacity: 20,
          currency: 'RUB',
          priceOptions: [{ name: 'Standard', price: 1000 }],
          bookingDeadlineHours: 0,
          crew: { size: 2, skills: ['skipper'] },
        },
      });
      return { status: a.status, crew: a.json?.crew?.status ?? a.json?.code ?? 'none', id: a.json?.id ?? '' };
    }));
  }

  it('saves every event through down, slow and flapping phases; the circuit opens and half-opens; the retry job assigns every crew', async () => {
    // Down: 503 from the service. The first calls fail, then the breaker opens and spares the service.
    const down = await createEvents(PER_PHASE, 'down');
    const openedAfterDown = circuitLog().includes('open');
    // Slow: answers take 3 s, the client gives up after 300 ms (a timeout is a transient failure too).
    await behave({ mode: 'slow', delayMs: 3_000 });
    const slow = await createEvents(PER_PHASE, 'slow');
    // Flapping: the service is back long enough for a half-open trial to close the circuit, then every other call
    // fails (the retry job's calls take their share of the failures too).
    await behave({ mode: 'ok' });
    await waitUntil('the circuit closed again', () => circuitLog().at(-1) === 'closed', 60_000);
    const flapping: { status: number; crew: string; id: string }[] = [];
    for (let i = 0; i < PER_PHASE; i += 1) {
      await behave(i % 2 === 0 ? { mode: 'fail', status: 502, times: 1 } : { mode: 'ok' });
      flapping.push(...(await createEvents(1, `flapping-${i}`)));
    }
    const pendingBeforeRecovery = await count(db, `SELECT COUNT(*)::int AS n FROM events WHERE crew_status = 'PENDING'`);
    // Back for good: the retry job finishes every request.
    await behave({ mode: 'ok' });
    const all = [...down, ...slow, ...flapping];
    await waitUntil('every crew ASSIGNED', async () => (await count(db, `SELECT COUNT(*)::int AS n FROM events WHERE crew_status = 'ASSIGNED'`)) === all.length, 90_000, 250);

    expect(all.every((e) => e.status === 201)).toBe(true);
    // While the service was down or slow, the events were saved with the request pending.
    expect(tally(down.map((e) => e.crew))).toEqual({ PENDING: PER_PHASE });
    expect(tally(slow.map((e) => e.crew))).toEqual({ PENDING: PER_PHASE });
    expect(openedAfterDown).toBe(true);
    const transitions = circuitLog();
    expect(transitions).toContain('half-open');
    expect(transitions.at(-1)).toBe('closed');
    const assigned = await messagesPerSubject(db, 'crew.assigned');
    expect(all.filter((e) => assigned.get(e.id) !== 1)).toEqual([]);
    expect(await count(db, `SELECT COUNT(*)::int AS n FROM outbox_messages WHERE type = 'crew.assignment_failed'`)).toBe(0);
    const calls = (await must(stubBase, 'GET', '/_stub/calls')) as { method: string }[];
    report(
      'crew-outage',
      `${all.length} events saved (down ${JSON.stringify(tally(down.map((e) => e.crew)))}, slow ${JSON.stringify(tally(slow.map((e) => e.crew)))}, ` +
        `flapping ${JSON.stringify(tally(flapping.map((e) => e.crew)))}); ${pendingBeforeRecovery} pending when the service came back, all ${all.length} ASSIGNED by the retry job ` +
        `with one crew.assigned each, 0 given up; circuit transitions ${JSON.stringify(tally(transitions))}, last ${transitions.at(-1)}; ` +
        `${calls.length} calls reached the service`,
    );
  }, 300_000);
});
