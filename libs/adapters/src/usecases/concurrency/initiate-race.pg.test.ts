// A payment race found by the model test: two initiations of one booking, one of them settled by its webhook while the
// other is still inserting. The loser must answer from the new state (NOTHING_TO_PAY, or the open payment), never throw.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedTestDatabase } from '../../testing/sql-test-database.js';
import { openPgWorld, pgSuffix, pgTarget, user, type PgWorld } from './pg-world.test-support.js';

describe.skipIf(pgTarget === null)(`concurrent payment initiations on PostgreSQL${pgSuffix}`, () => {
  let opened: OpenedTestDatabase | null = null;
  let w: PgWorld;

  beforeAll(async () => {
    if (pgTarget === null) return;
    opened = await pgTarget.open();
    w = await openPgWorld(opened);
  }, 120_000);
  afterAll(async () => {
    await opened?.close();
  });

  it('three racing checkouts per booking, each paid at once, all answer and confirm the booking once', async () => {
    const event = await w.seedEvent({ capacity: 120 });
    const bookings = [];
    for (let i = 0; i < 100; i += 1) {
      const b = await w.create.execute(user(`payer-${i}`), { eventId: event.id, quantity: 1 });
      if (!b.ok) expect.fail(JSON.stringify(b.error));
      bookings.push(b.value);
    }
    const settled = await Promise.allSettled(
      bookings.flatMap((b) =>
        Array.from({ length: 3 }, async () => {
          const hook = await w.checkout(user(b.userId), b.id, 'succeeded');
          return hook.ok ? w.deliver(hook.value) : hook;
        }),
      ),
    );
    const thrown = settled.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
    expect(thrown).toEqual([]);
    const answers = settled.flatMap((s) => (s.status === 'fulfilled' && !s.value.ok ? [s.value.error.type] : []));
    // A checkout that comes after the booking was paid is told there is nothing left to pay; nothing else is refused.
    expect(new Set(answers)).toEqual(answers.length === 0 ? new Set() : new Set(['NOTHING_TO_PAY']));
    const confirmed = await w.bookings.listByEvent(null, event.id, ['CONFIRMED']);
    expect(confirmed).toHaveLength(100);
    const counters = await w.counters(event.id);
    expect(counters.seatsTaken).toBe(100);
  }, 120_000);
});
