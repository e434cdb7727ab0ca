import { randomUUID } from 'node:crypto';
import { ConflictError, WAITLIST_ACTIVE_PER_USER, type WaitlistRepository } from '@aquastream/application';
import type { WaitlistEntry } from '@aquastream/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryDatabase } from '../memory/in-memory-database.js';
import { InMemoryWaitlistRepository } from '../memory/waitlist.memory-repository.js';
import type { Database } from '../sql/database.js';
import { SqlUnitOfWork } from '../sql/sql-unit-of-work.js';
import { SqlWaitlistRepository } from '../sql/waitlist.sql-repository.js';
import { postgresTestTarget, sqlTestTargets, type OpenedTestDatabase } from '../testing/sql-test-database.js';
import { describeWaitlistRepositoryContract } from './waitlist-repository.contract.js';

/** An organisation and a published event as bare rows: the waitlist needs only the event's id to point at. */
async function seedSqlEvent(db: Database): Promise<string> {
  const qi = db.sequelize.getQueryInterface();
  const organizationId = randomUUID();
  const eventId = randomUUID();
  const now = new Date();
  await qi.bulkInsert('organizations', [
    { id: organizationId, name: 'Waitlist org', slug: `wl-${organizationId}`, review_required: false, moderate_reviews: false, created_at: now },
  ]);
  await qi.bulkInsert('events', [
    {
      id: eventId, organization_id: organizationId, creator_id: 'organiser', title: 'Regatta', status: 'PUBLISHED',
      starts_at: new Date(Date.UTC(2030, 0, 1)), time_zone: 'UTC', capacity: 10, seats_taken: 0, currency: 'EUR',
      booking_deadline_hours: 24, max_tickets_per_booking: 10, refund_policy: '[]', dynamic_pricing: '[]',
      group_discounts: '[]', created_at: now, updated_at: now,
    },
  ]);
  return eventId;
}

describeWaitlistRepositoryContract('in-memory', () => {
  const db = new InMemoryDatabase();
  return Promise.resolve({
    repo: new InMemoryWaitlistRepository(db),
    uow: db,
    seedEvent: () => Promise.resolve(randomUUID()),
    close: () => Promise.resolve(),
  });
});

for (const target of sqlTestTargets()) {
  describeWaitlistRepositoryContract(target.name, async () => {
    const opened = await target.open();
    return {
      repo: new SqlWaitlistRepository(opened.db),
      uow: new SqlUnitOfWork(opened.db),
      seedEvent: () => seedSqlEvent(opened.db),
      close: () => opened.close(),
    };
  });
}

// Only PostgreSQL runs transactions truly in parallel; SQLite's are serialised in-process, so there is no race to lose.
const pg = postgresTestTarget({ poolMax: 20 });
describe.skipIf(pg === null)('WaitlistRepository on PostgreSQL under concurrency', () => {
  let opened: OpenedTestDatabase | null = null;
  let repo: WaitlistRepository;
  let uow: SqlUnitOfWork;
  beforeAll(async () => {
    opened = pg === null ? null : await pg.open();
    if (opened === null) return;
    repo = new SqlWaitlistRepository(opened.db);
    uow = new SqlUnitOfWork(opened.db);
  });
  afterAll(async () => {
    await opened?.close();
  });

  const entry = (eventId: string, userId: string, joinedAt: number): WaitlistEntry => ({
    id: randomUUID(), eventId, userId, quantity: 1, priority: 0, status: 'WAITING', joinedAt, priceOptionId: null,
    offeredAt: null, offerExpiresAt: null, bookingId: null, updatedAt: joinedAt,
  });

  it('20 parallel joins of one user for one event: the partial unique index lets exactly one in', async () => {
    if (opened === null) throw new Error('no database');
    const eventId = await seedSqlEvent(opened.db);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => uow.run((tx) => repo.insert(tx, entry(eventId, 'eager-user', 1_000 + i)))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') {
        expect(r.reason).toBeInstanceOf(ConflictError);
        expect((r.reason as ConflictError).constraint).toBe(WAITLIST_ACTIVE_PER_USER);
      }
    }
    expect(await repo.countActive(null, eventId)).toBe(1);
  });

  it('lockLine makes a second transaction on the same event wait until the first ends', async () => {
    if (opened === null) throw new Error('no database');
    const eventId = await seedSqlEvent(opened.db);
    const order: string[] = [];
    let locked!: () => void;
    const firstHasLock = new Promise<void>((r) => (locked = r));
    const first = uow.run(async (tx) => {
      await repo.lockLine(tx, eventId);
      locked();
      await new Promise((r) => setTimeout(r, 150));
      order.push('first done');
    });
    await firstHasLock;
    const second = uow.run(async (tx) => {
      await repo.lockLine(tx, eventId);
      order.push('second locked');
    });
    await Promise.all([first, second]);
    expect(order).toEqual(['first done', 'second locked']);
  });
});
