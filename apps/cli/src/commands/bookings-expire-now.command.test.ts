import { FixedClock, sqlTestTargets, type OpenedTestDatabase } from '@aquastream/adapters/testing';
import type { EventView } from '@aquastream/application';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExpireNowSummary } from './bookings-expire-now.command.js';
import { json, runCommand } from './command-harness.test-support.js';
import { book, HOUR, publishedEvent, query, worldUseCases } from './small-world.test-support.js';

const [sqlite] = sqlTestTargets();

describe('bookings expire-now', () => {
  let opened: OpenedTestDatabase;
  let env: NodeJS.ProcessEnv;
  let event: EventView;
  const stale: string[] = [];
  let fresh: string;

  beforeAll(async () => {
    if (sqlite === undefined) throw new Error('no SQLite target');
    opened = await sqlite.open();
    env = { DATABASE_URL: opened.url };
    // Five bookings made two hours ago (30 min to pay, long past) and one made now, still within its deadline.
    const past = new FixedClock(Date.now() - 2 * HOUR);
    const then = worldUseCases(opened.db, past);
    event = await publishedEvent(then, past.now(), { capacity: 10 });
    for (let i = 0; i < 5; i += 1) stale.push((await book(then, event.id, 1)).id);
    fresh = (await book(worldUseCases(opened.db), event.id, 2)).id;
  });
  afterAll(() => opened.close());

  it('expires every due booking (unpaid ones set-based, whatever the batch size), gives the seats back and leaves the rest alone', async () => {
    const run = await runCommand(['bookings', 'expire-now', '--batch-size', '2'], { env });
    expect(run).toMatchObject({ exitCode: 0, err: '' });
    expect(json<ExpireNowSummary>(run)).toEqual({ batches: 1, examined: 5, expired: 5, paid: 0, skipped: 0, failed: [], interrupted: false });
    const rows = await query(opened.db, 'SELECT id, status FROM bookings');
    expect(Object.fromEntries(rows.map((r) => [r['id'], r['status']]))).toEqual({
      ...Object.fromEntries(stale.map((id) => [id, 'EXPIRED'])),
      [fresh]: 'PENDING_PAYMENT',
    });
    expect((await query(opened.db, 'SELECT seats_taken FROM events WHERE id = :id', { id: event.id }))[0]?.['seats_taken']).toBe(2);
    const audit = await query(opened.db, "SELECT DISTINCT actor_id FROM audit_log WHERE to_status = 'EXPIRED'");
    expect(audit).toEqual([{ actor_id: 'cli:tester' }]);
  });

  it('a second run finds nothing to do, and says so on a terminal', async () => {
    const run = await runCommand(['bookings', 'expire-now'], { env, tty: true });
    expect(run).toMatchObject({
      exitCode: 0,
      out: 'Expired 0 booking(s); 0 found paid and confirmed instead; 0 skipped (already handled); 0 failed.\n',
    });
  });

  it('bad arguments exit 2', async () => {
    const run = await runCommand(['bookings', 'expire-now', '--batch-size', '-1'], { env });
    expect(run.exitCode).toBe(2);
    expect(run.err).toMatch(/--batch-size/);
    expect((await runCommand(['bookings', 'expire-now', 'now'], { env })).exitCode).toBe(2);
  });
});
