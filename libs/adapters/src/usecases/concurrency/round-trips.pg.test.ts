// Issue 7, "fewer round trips in the booking transaction": the statements one booking sends to PostgreSQL, counted
// through Sequelize's logging hook (every query, BEGIN and COMMIT included). The bound is what the adapters promise;
// a change that adds a statement to the hot path (or under the event lock) makes this fail and has to say why.
// Before issue 7: 11 statements, 6 of them from the seat update (the lock) to COMMIT; now 7, 2 of them under the lock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedTestDatabase } from '../../testing/sql-test-database.js';
import { openPgWorld, pgSuffix, pgTarget, user, type PgWorld } from './pg-world.test-support.js';

const TIMEOUT = 60_000;

describe.skipIf(pgTarget === null)(`statements per booking on PostgreSQL${pgSuffix}`, () => {
  let opened: OpenedTestDatabase | null = null;
  let w: PgWorld;

  beforeAll(async () => {
    if (pgTarget === null) return;
    opened = await pgTarget.open();
    w = await openPgWorld(opened);
  }, TIMEOUT);
  afterAll(async () => {
    await opened?.close();
  });

  /** The SQL `work` sends, in order. */
  async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
    const options = (w.db.sequelize as unknown as { options: { logging?: unknown } }).options;
    const before = options.logging;
    const seen: string[] = [];
    options.logging = (sql: string) => seen.push(sql.replace(/^Executing \([^)]*\): /, '').slice(0, 2000));
    try {
      await work();
    } finally {
      options.logging = before;
    }
    return seen;
  }

  it('createBooking with a price option: two reads, then BEGIN, outbox, audit, seats with the insert, COMMIT', async () => {
    const event = await w.seedEvent({ capacity: 100 });
    // Warm up (model caches, first-use queries) with another user.
    await w.create.execute(user('warm-up'), { eventId: event.id, quantity: 1, priceOptionId: event.priceOptions[0]!.id });
    let answer: unknown;
    const sql = await statementsOf(async () => {
      answer = await w.create.execute(user('counted'), { eventId: event.id, quantity: 2, priceOptionId: event.priceOptions[0]!.id });
    });
    console.log(`[round-trips] createBooking: ${sql.length} statements\n  ${sql.map((s) => s.slice(0, 160)).join('\n  ')}`);
    expect(answer).toMatchObject({ ok: true });
    // Two reads (the event with its options, the active-booking check), then BEGIN, outbox, audit, seats + insert, COMMIT.
    expect(sql.length).toBeLessThanOrEqual(7);
    // Under the event's row lock (from the seat update on) only COMMIT follows: the insert is in the seats' statement.
    const seatUpdate = sql.findIndex((s) => s.includes('UPDATE events'));
    expect(sql[seatUpdate]).toContain('INSERT INTO bookings');
    expect(sql.slice(seatUpdate + 1).map((s) => s.split(/\s/)[0])).toEqual(['COMMIT;']);
  }, TIMEOUT);
});
