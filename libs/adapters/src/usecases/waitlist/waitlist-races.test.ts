import { randomUUID } from 'node:crypto';
import { compareWaitlistOrder, type EventState } from '@aquastream/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlAuditLog } from '../../sql/audit-log.sql.js';
import { SqlBookingRepository } from '../../sql/booking.sql-repository.js';
import { SqlEventRepository } from '../../sql/event.sql-repository.js';
import { SqlOrganizationRepository } from '../../sql/organization.sql-repository.js';
import { SqlOutbox } from '../../sql/outbox.sql.js';
import { SqlUnitOfWork } from '../../sql/sql-unit-of-work.js';
import { SqlWaitlistRepository } from '../../sql/waitlist.sql-repository.js';
import { UuidV7IdGenerator } from '../../system/uuid-v7-id-generator.js';
import { postgresTestTarget, type OpenedTestDatabase } from '../../testing/sql-test-database.js';
import { value } from './results.test-support.js';
import { buildWorld, MIN, ORG, scheduler, T0, user, type WaitlistWorld } from './waitlist-world.test-support.js';

// Races need transactions that really run side by side: PostgreSQL only (SQLite's are serialised in-process).
const pg = postgresTestTarget({ poolMax: 30 });

describe.skipIf(pg === null)('waitlist use cases racing on PostgreSQL', () => {
  let opened: OpenedTestDatabase | null = null;
  let w: WaitlistWorld;

  beforeAll(async () => {
    opened = pg === null ? null : await pg.open();
    if (opened === null) return;
    const db = opened.db;
    const uow = new SqlUnitOfWork(db);
    await uow.run((tx) =>
      new SqlOrganizationRepository(db).insert(tx, {
        id: ORG, name: 'Race club', slug: 'race-club', reviewRequired: false, moderateReviews: false, createdAt: T0,
      }),
    );
    w = buildWorld({
      uow,
      events: new SqlEventRepository(db),
      bookings: new SqlBookingRepository(db),
      waitlist: new SqlWaitlistRepository(db),
      outbox: new SqlOutbox(db),
      audit: new SqlAuditLog(db),
      ids: new UuidV7IdGenerator(),
      // Option ids are primary keys in SQL: each event gets its own.
      prepareEvent: (state: EventState) =>
        Promise.resolve({ ...state, priceOptions: state.priceOptions.map((o) => ({ ...o, id: randomUUID() })) }),
    });
  });
  afterAll(async () => {
    await opened?.close();
  });

  /** The counter equals its definition and stays within capacity. */
  async function expectCounterRight(eventId: string): Promise<EventState> {
    const event = await w.event(eventId);
    const booked = (await w.bookings.listByEvent(null, eventId, ['PENDING_PAYMENT', 'CONFIRMED'])).reduce((n, b) => n + b.quantity, 0);
    const held = (await w.waitlist.listByEvent(null, eventId, ['OFFERED'])).reduce((n, e) => n + e.quantity, 0);
    expect(event.seatsTaken).toBe(booked + held);
    expect(event.seatsTaken).toBeLessThanOrEqual(event.capacity);
    return event;
  }

  it('20 concurrent joins by one user leave one entry; the others answer ALREADY_WAITLISTED', async () => {
    const event = await w.seedEvent({ capacity: 1 });
    await w.book(event.id, 'buyer', 1);
    const results = await Promise.all(Array.from({ length: 20 }, () => w.join.execute(user('eager'), { eventId: event.id, quantity: 1 })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(new Set(results.flatMap((r) => (r.ok ? [] : [r.error.type])))).toEqual(new Set(['ALREADY_WAITLISTED']));
    expect(await w.waitlist.countActive(null, event.id)).toBe(1);
  });

  it('an offer and public bookings racing for freed seats: each seat goes to one of them, the counter stays right', async () => {
    for (let round = 0; round < 3; round += 1) {
      const event = await w.seedEvent({ capacity: 4 });
      const buyers = [];
      for (let i = 0; i < 4; i += 1) buyers.push((await w.book(event.id, `buyer-${round}-${i}`, 1))!);
      for (let i = 0; i < 3; i += 1) value(await w.join.execute(user(`waiter-${round}-${i}`), { eventId: event.id, quantity: 1 }));
      await Promise.all([
        w.cancel(buyers[0]!.id),
        w.cancel(buyers[1]!.id),
        ...Array.from({ length: 12 }, (_, i) => w.book(event.id, `walk-in-${round}-${i}`, 1)),
      ]);
      const after = await expectCounterRight(event.id);
      expect(after.seatsTaken).toBe(4);
      // Strict FIFO: whoever was offered, nobody ahead of them is still waiting.
      const entries = await w.waitlist.listByEvent(null, event.id);
      for (const o of entries.filter((e) => e.status === 'OFFERED')) {
        for (const q of entries.filter((e) => e.status === 'WAITING')) expect(compareWaitlistOrder(q, o)).toBeGreaterThan(0);
      }
    }
  });

  it('10 concurrent cancels offer exactly the first 10 of a line of 15, in order', async () => {
    const event = await w.seedEvent({ capacity: 10 });
    const buyers = [];
    for (let i = 0; i < 10; i += 1) buyers.push((await w.book(event.id, `seat-${i}`, 1))!);
    const line = [];
    for (let i = 0; i < 15; i += 1) {
      line.push(value(await w.join.execute(user(`line-${i}`), { eventId: event.id, quantity: 1 })));
      w.clock.advance(1);
    }
    await Promise.all(buyers.map((b) => w.cancel(b.id)));
    const statuses = await Promise.all(line.map(async (e) => (await w.entry(e.id)).status));
    expect(statuses).toEqual([...Array<string>(10).fill('OFFERED'), ...Array<string>(5).fill('WAITING')]);
    expect((await expectCounterRight(event.id)).seatsTaken).toBe(10);
    expect((await w.messages('waitlist.offered')).filter((m) => m.data['eventId'] === event.id)).toHaveLength(10);
  });

  it('a join racing a cancel never leaves the joiner waiting beside a seat that fits them', async () => {
    for (let round = 0; round < 10; round += 1) {
      const event = await w.seedEvent({ capacity: 1 });
      const buyer = (await w.book(event.id, `only-${round}`, 1))!;
      const [joined] = await Promise.all([
        w.join.execute(user(`joiner-${round}`), { eventId: event.id, quantity: 1 }),
        w.cancel(buyer.id),
      ]);
      // Either the join saw the free seat (SEATS_AVAILABLE: book it), or it was in line in time to be offered it.
      if (joined.ok) expect((await w.entry(joined.value.id)).status).toBe('OFFERED');
      else expect(joined.error.type).toBe('SEATS_AVAILABLE');
      await expectCounterRight(event.id);
    }
  });

  it('a leave and the expiry job racing for one lapsed offer release its seats once', async () => {
    const event = await w.seedEvent({ capacity: 2 });
    const leaving = (await w.book(event.id, 'gone', 2))!;
    const holder = value(await w.join.execute(user('holder'), { eventId: event.id, quantity: 2 }));
    w.clock.advance(1);
    const next = value(await w.join.execute(user('next'), { eventId: event.id, quantity: 2 }));
    await w.cancel(leaving.id);
    w.clock.advance(31 * MIN);
    const [left, expired] = await Promise.all([
      w.leave.execute(user('holder'), { entryId: holder.id }),
      w.expire.execute(scheduler),
    ]);
    // Whichever came second found the entry gone: leaving an expired offer is refused, the job finds nothing to do.
    expect(left.ok || left.error.type === 'WAITLIST_ENTRY_NOT_ACTIVE').toBe(true);
    expect(expired.ok).toBe(true);
    expect(['LEFT', 'EXPIRED']).toContain((await w.entry(holder.id)).status);
    expect((await w.entry(next.id)).status).toBe('OFFERED');
    expect((await expectCounterRight(event.id)).seatsTaken).toBe(2);
  });
});
