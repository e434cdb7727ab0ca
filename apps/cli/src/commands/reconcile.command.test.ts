import type { UseCases } from '@aquastream/adapters';
import { sqlTestTargets, type OpenedTestDatabase } from '@aquastream/adapters/testing';
import type { EventView } from '@aquastream/application';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReconcileAnswer } from './reconcile.command.js';
import { json, runCommand } from './command-harness.test-support.js';
import { aUser, book, publishedEvent, query, value, worldUseCases } from './small-world.test-support.js';

const [sqlite] = sqlTestTargets();

describe('reconcile and waitlist process', () => {
  let opened: OpenedTestDatabase;
  let env: NodeJS.ProcessEnv;
  let uc: UseCases;
  let full: EventView;
  let other: EventView;
  let bookingId: string;

  beforeAll(async () => {
    if (sqlite === undefined) throw new Error('no SQLite target');
    opened = await sqlite.open();
    env = { DATABASE_URL: opened.url };
    uc = worldUseCases(opened.db);
    // A sold-out trip with one person waiting, and a second trip with a booking: the counters add up.
    full = await publishedEvent(uc, Date.now(), { capacity: 2 });
    bookingId = (await book(uc, full.id, 2)).id;
    value(await uc.waitlist.join.execute(aUser(), { eventId: full.id, quantity: 1 }));
    other = await publishedEvent(uc, Date.now(), { capacity: 5 });
    await book(uc, other.id, 3);
  });
  afterAll(() => opened.close());

  it('finds nothing on consistent counters (exit 0, clean)', async () => {
    const run = await runCommand(['reconcile'], { env });
    expect(run.exitCode).toBe(0);
    expect(json<ReconcileAnswer>(run)).toEqual({ checked: 2, drifted: [], repaired: 0, fixed: false, clean: true });
    expect((await runCommand(['reconcile'], { env, tty: true })).out).toBe('Checked 2 event(s): every seat counter matches its bookings and offers.\n');
  });

  it('reports drift without changing anything, and exits 1 for monitoring', async () => {
    // A booking canceled behind the use cases' back: its two seats are still counted as taken.
    await query(opened.db, "UPDATE bookings SET status = 'CANCELED' WHERE id = :id", { id: bookingId });
    const run = await runCommand(['reconcile'], { env });
    expect(run.exitCode).toBe(1);
    const answer = json<ReconcileAnswer>(run);
    expect(answer).toMatchObject({ checked: 2, repaired: 0, fixed: false, clean: false });
    expect(answer.drifted).toEqual([
      {
        eventId: full.id,
        repaired: false,
        drift: [
          { field: 'seatsTaken', stored: 2, expected: 0 },
          { field: `priceOptions.${full.priceOptions[0]?.id}.seatsTaken`, stored: 2, expected: 0 },
        ],
      },
    ]);
    expect((await query(opened.db, 'SELECT seats_taken FROM events WHERE id = :id', { id: full.id }))[0]?.['seats_taken']).toBe(2);

    const human = await runCommand(['reconcile'], { env, tty: true });
    expect(human.exitCode).toBe(1);
    expect(human.out).toMatch(/EVENT +COUNTER +STORED +EXPECTED +REPAIRED/);
    expect(human.out).toMatch(new RegExp(`${full.id} +seatsTaken +2 +0 +no`));
    expect(human.out).toMatch(/1 event\(s\) drifted; run again with --fix to repair them\./);
  });

  it('--event checks only the events named', async () => {
    const run = await runCommand(['reconcile', '--event', other.id], { env });
    expect(run.exitCode).toBe(0);
    expect(json(run)).toMatchObject({ checked: 1, drifted: [], clean: true });
  });

  it('a stuck line: waitlist process offers nothing while the counter says the trip is full', async () => {
    const run = await runCommand(['waitlist', 'process', full.id], { env });
    expect(run.exitCode).toBe(0);
    expect(json(run)).toEqual({ eventId: full.id, offered: 0 });
  });

  it('--fix repairs the drift under the event lock, audits it as the CLI, and exits 0', async () => {
    const run = await runCommand(['reconcile', '--fix'], { env });
    expect(run.exitCode).toBe(0);
    expect(json<ReconcileAnswer>(run)).toMatchObject({ checked: 2, repaired: 1, fixed: true, clean: true, drifted: [{ eventId: full.id, repaired: true }] });
    expect((await query(opened.db, 'SELECT seats_taken FROM events WHERE id = :id', { id: full.id }))[0]?.['seats_taken']).toBe(0);
    const audit = await query(opened.db, "SELECT actor_id, reason FROM audit_log WHERE entity_id = :id AND reason LIKE 'reconcile:%'", { id: full.id });
    expect(audit).toEqual([{ actor_id: 'cli:tester', reason: expect.stringMatching(/^reconcile: seatsTaken 2 → 0; priceOptions\..+\.seatsTaken 2 → 0$/) }]);
    expect(json(await runCommand(['reconcile'], { env }))).toMatchObject({ drifted: [], clean: true });
  });

  it('then waitlist process offers the freed seat to the head of the line, once', async () => {
    const run = await runCommand(['waitlist', 'process', full.id], { env, tty: true });
    expect(run).toMatchObject({ exitCode: 0, out: 'Offered seats to 1 waitlist entry.\n' });
    expect(await query(opened.db, 'SELECT status FROM waitlist_entries WHERE event_id = :id', { id: full.id })).toEqual([{ status: 'OFFERED' }]);
    expect(json(await runCommand(['waitlist', 'process', full.id], { env }))).toEqual({ eventId: full.id, offered: 0 });
    expect(json(await runCommand(['reconcile'], { env }))).toMatchObject({ clean: true });
  });

  it('waitlist process: a malformed id is bad usage (2), an unknown event a failure (1)', async () => {
    const bad = await runCommand(['waitlist', 'process', 'harbour-trip'], { env });
    expect(bad).toMatchObject({ exitCode: 2, out: '' });
    expect(bad.err).toMatch(/not an event id: harbour-trip/);
    const unknown = await runCommand(['waitlist', 'process', '0190a1b2-0000-7000-8000-000000000001'], { env });
    expect(unknown.exitCode).toBe(1);
    expect(unknown.err).toMatch(/EVENT_NOT_FOUND/);
    expect((await runCommand(['waitlist', 'process'], { env })).err).toMatch(/missing required argument 'eventId'/);
  });

  it('reconcile: bad arguments exit 2', async () => {
    const run = await runCommand(['reconcile', '--event', 'nope'], { env });
    expect(run.exitCode).toBe(2);
    expect(run.err).toMatch(/not an id: nope/);
    expect((await runCommand(['reconcile', 'everything'], { env })).exitCode).toBe(2);
  });
});
