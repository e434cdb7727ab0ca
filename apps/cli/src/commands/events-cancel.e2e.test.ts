// `aquastream-admin events cancel`, the real binary as a child process (no terminal: JSON out, --yes needed) against a
// fresh SQLite database and, with TEST_DATABASE_URL, a fresh PostgreSQL one; data seeded through the use cases.
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { sqlTestTargets, type OpenedTestDatabase } from '@aquastream/adapters/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { PRICE, exactState, jsonItems, jsonSummary, openStormDay, runCli, seedStormDay, snapshot } from '../testing/cli-world.test-support.js';

const ACTOR = `cli:${userInfo().username}`;
const opened: OpenedTestDatabase[] = [];
afterAll(async () => {
  for (const o of opened) await o.close();
});


if (process.env['TEST_DATABASE_URL'] === undefined) {
  describe.skip('events cancel on PostgreSQL (skipped: TEST_DATABASE_URL is not set)', () => {
    it('runs against PostgreSQL', () => undefined);
  });
}

for (const target of sqlTestTargets({ poolMax: 2 })) {
  describe(`aquastream-admin events cancel on ${target.name}`, { timeout: 180_000 }, () => {
    async function world(count: number) {
      return openStormDay(target, count, opened);
    }

    it('--dry-run prints per event the bookings, money, waitlist entries and crews, and changes nothing', async () => {
      const w = await world(5);
      const before = await exactState(w.db);
      const run = await runCli(['events', 'cancel', ...w.eventIds, '--reason', 'Storm warning', '--dry-run'], { databaseUrl: w.url });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const plans = run.lines.filter((l) => l['type'] === 'plan');
      expect(plans).toHaveLength(5);
      for (const [i, plan] of plans.entries()) {
        expect(plan).toMatchObject({
          eventId: w.eventIds[i],
          title: `Storm day trip ${String(i + 1).padStart(2, '0')}`,
          statusBefore: 'PUBLISHED',
          outcome: 'planned',
          bookings: 2,
          refund: { amount: PRICE, currency: 'RUB' },
          waitlist: 1,
          crew: 'released',
        });
      }
      expect(jsonSummary(run.lines)).toMatchObject({ dryRun: true, events: 5, toChange: 5, bookings: 10, refunds: [{ amount: 5 * PRICE, currency: 'RUB' }], waitlist: 5, crews: 5 });
      expect(await exactState(w.db)).toBe(before);
    });

    it('cancels 30 events with their bookings, refunds and waitlists once; a second run skips all 30', async () => {
      const w = await world(30);
      const run = await runCli(['events', 'cancel', ...w.eventIds, '--reason', 'Harbour closed', '--yes'], { databaseUrl: w.url });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(jsonItems(run.lines).map((l) => l['outcome'])).toEqual(Array(30).fill('done'));
      expect(jsonItems(run.lines).map((l) => l['eventId'])).toEqual(w.eventIds);
      expect(jsonSummary(run.lines)).toMatchObject({ total: 30, done: 30, skipped: 0, failed: 0, notRun: 0, interrupted: false, failures: [] });

      const after = await snapshot(w.db);
      expect(after.events).toEqual({ CANCELED: 30 });
      expect(after.bookings).toEqual({ CANCELED: 60 });
      expect(after.waitlist).toEqual({ CANCELED: 30 });
      expect(after.seatsTaken).toEqual({ '0': 30 });
      // One refund of the whole price per paid booking, sent to the gateway and completed.
      expect(after.refunds).toEqual({ [`COMPLETED:${PRICE}`]: 30 });
      expect(after.payments).toEqual({ REFUNDED: 30 });
      expect(after.refundsPerBooking).toEqual({ '1': 30 });
      expect(after.outbox).toMatchObject({ 'event.canceled': 30, 'booking.canceled': 60, 'crew.released': 30 });
      expect(after.auditActors[ACTOR]).toBeGreaterThanOrEqual(30 + 60 + 30);
      expect(after.idempotencyKeys).toEqual({ 'admin:bulk-cancel-events:done': 30 });

      const again = await runCli(['events', 'cancel', ...w.eventIds, '--reason', 'Harbour closed', '--yes'], { databaseUrl: w.url });
      expect(again.code).toBe(0);
      expect(jsonItems(again.lines).map((l) => [l['outcome'], l['code']])).toEqual(Array(30).fill(['skipped', 'ALREADY_DONE']));
      expect(jsonSummary(again.lines)).toMatchObject({ done: 0, skipped: 30, failed: 0 });
      expect(await snapshot(w.db)).toEqual(after);
    });

    it('a run interrupted half-way (SIGINT) and run again ends in the same state as one clean run', async () => {
      const clean = await world(30);
      const broken = await world(30);
      const args = (ids: readonly string[]) => ['events', 'cancel', ...ids, '--reason', 'Storm', '--refund-percent', '80', '--yes'];

      const one = await runCli(args(clean.eventIds), { databaseUrl: clean.url });
      expect(one.code).toBe(0);

      const first = await runCli(args(broken.eventIds), {
        databaseUrl: broken.url,
        env: { AQUASTREAM_CLI_ITEM_DELAY_MS: '200' },
        interruptAfterItems: 10,
      });
      expect(first.code).toBe(130);
      expect(first.stderr).toContain('Interrupted');
      const stopped = jsonSummary(first.lines);
      expect(stopped).toMatchObject({ interrupted: true, failed: 0 });
      const doneFirst = Number(stopped?.['done']);
      expect(doneFirst).toBeGreaterThanOrEqual(10);
      expect(doneFirst).toBeLessThan(30);
      expect((await snapshot(broken.db)).events).toEqual({ CANCELED: doneFirst, PUBLISHED: 30 - doneFirst });

      const second = await runCli(args(broken.eventIds), { databaseUrl: broken.url });
      expect(second.code).toBe(0);
      expect(jsonSummary(second.lines)).toMatchObject({ done: 30 - doneFirst, skipped: doneFirst, failed: 0, interrupted: false });

      const expected = await snapshot(clean.db);
      expect(expected.refunds).toEqual({ [`COMPLETED:${0.8 * PRICE}`]: 30 });
      expect(expected.payments).toEqual({ PARTIALLY_REFUNDED: 30 });
      expect(await snapshot(broken.db)).toEqual(expected);
    });

    it('--filter selects by organisation and date; an unknown id fails alone and the exit code is 1', async () => {
      const w = await world(3);
      const other = await seedStormDay(w.uc, 2, { startsInDays: 1, title: 'Next day trip' });
      const run = await runCli(['events', 'cancel', '--filter', '--org', w.organizationId, '--from', '2030-07-01', '--to', '2030-07-01', '--reason', 'Storm', '--yes'], {
        databaseUrl: w.url,
      });
      expect(run.code).toBe(0);
      expect(jsonItems(run.lines).map((l) => l['eventId'])).toEqual(w.eventIds);
      const missing = randomUUID();
      const mixed = await runCli(['events', 'cancel', missing, ...other.eventIds, '--reason', 'Storm', '--json', '--yes'], { databaseUrl: w.url });
      expect(mixed.code).toBe(1);
      expect(jsonSummary(mixed.lines)).toMatchObject({ done: 2, failed: 1, failures: [{ eventId: missing, code: 'EVENT_NOT_FOUND' }] });
      expect((await snapshot(w.db)).events).toEqual({ CANCELED: 5 });
    });
  });
}
