// `aquastream-admin events reschedule`, the real binary against SQLite and (with TEST_DATABASE_URL) PostgreSQL.
import { sqlTestTargets, type OpenedTestDatabase } from '@aquastream/adapters/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { exactState, jsonItems, jsonSummary, openStormDay, runCli, snapshot } from '../testing/cli-world.test-support.js';

const HOUR = 3_600_000;
const opened: OpenedTestDatabase[] = [];
afterAll(async () => {
  for (const o of opened) await o.close();
});


if (process.env['TEST_DATABASE_URL'] === undefined) {
  describe.skip('events reschedule on PostgreSQL (skipped: TEST_DATABASE_URL is not set)', () => {
    it('runs against PostgreSQL', () => undefined);
  });
}

for (const target of sqlTestTargets({ poolMax: 2 })) {
  describe(`aquastream-admin events reschedule on ${target.name}`, { timeout: 120_000 }, () => {
    async function world(count: number) {
      const day = await openStormDay(target, count, opened);
      const starts = async () => {
        const out: number[] = [];
        for (const id of day.eventIds) {
          const e = await day.uc.events.get.execute({ actor: { kind: 'system', id: 'test' }, correlationId: 'read' }, { eventId: id });
          if (!e.ok) throw new Error(e.error.type);
          out.push(e.value.startsAt);
        }
        return out;
      };
      return { ...day, starts };
    }

    it('--shift moves every event once, keeps the bookings and tells attendees; the same command again moves nothing', async () => {
      const w = await world(4);
      const before = await w.starts();
      const dry = await runCli(['events', 'reschedule', ...w.eventIds, '--shift', '+2h', '--reason', 'Tide', '--dry-run'], { databaseUrl: w.url });
      expect(dry.code).toBe(0);
      const plans = dry.lines.filter((l) => l['type'] === 'plan');
      expect(plans.map((p) => [p['outcome'], p['bookings'], p['waitlist'], p['crew']])).toEqual(Array(4).fill(['planned', 2, 1, 're-requested']));
      expect(plans[0]?.['change']).toEqual({ from: '2030-07-01 08:00Z', to: '2030-07-01 10:00Z' });
      expect(await w.starts()).toEqual(before);

      const run = await runCli(['events', 'reschedule', ...w.eventIds, '--shift', 'PT2H', '--reason', 'Tide', '--yes'], { databaseUrl: w.url });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(jsonItems(run.lines).map((l) => l['outcome'])).toEqual(Array(4).fill('done'));
      expect(await w.starts()).toEqual(before.map((t) => t + 2 * HOUR));
      const after = await snapshot(w.db);
      expect(after.bookings).toEqual({ CONFIRMED: 4, PENDING_PAYMENT: 4 });
      expect(after.outbox['event.rescheduled']).toBe(4);

      // `+2h` and `PT2H` are the same shift: the re-run is recognised and skipped, nothing moves twice.
      const again = await runCli(['events', 'reschedule', ...w.eventIds, '--shift', '+2h', '--reason', 'Tide', '--yes'], { databaseUrl: w.url });
      expect(again.code).toBe(0);
      expect(jsonSummary(again.lines)).toMatchObject({ done: 0, skipped: 4 });
      expect(await w.starts()).toEqual(before.map((t) => t + 2 * HOUR));
      expect(await snapshot(w.db)).toEqual(after);

      // A new run key applies the same shift again on purpose.
      const more = await runCli(['events', 'reschedule', w.eventIds[0] ?? '', '--shift', '+2h', '--reason', 'Tide', '--run-key', 'second', '--yes'], { databaseUrl: w.url });
      expect(jsonSummary(more.lines)).toMatchObject({ done: 1 });
      expect((await w.starts())[0]).toBe((before[0] ?? 0) + 4 * HOUR);
    });

    it('--to moves a single event to a given time, keeping its duration; a dry run writes nothing', async () => {
      const w = await world(1);
      const id = w.eventIds[0] ?? '';
      const state = await exactState(w.db);
      const dry = await runCli(['events', 'reschedule', id, '--to', '2030-07-02T10:00:00+03:00', '--reason', 'Next day', '--dry-run'], { databaseUrl: w.url });
      expect(dry.code).toBe(0);
      expect(await exactState(w.db)).toBe(state);
      const run = await runCli(['events', 'reschedule', id, '--to', '2030-07-02T10:00:00+03:00', '--reason', 'Next day', '--yes'], { databaseUrl: w.url });
      expect(run.code).toBe(0);
      const moved = await w.uc.events.get.execute({ actor: { kind: 'system', id: 'test' }, correlationId: 'read' }, { eventId: id });
      expect(moved.ok && [moved.value.startsAt, moved.value.endsAt]).toEqual([Date.UTC(2030, 6, 2, 7), Date.UTC(2030, 6, 2, 9)]);
    });
  });
}
