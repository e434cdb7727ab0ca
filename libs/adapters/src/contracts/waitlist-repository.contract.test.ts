import { randomUUID } from 'node:crypto';
import { ConflictError, WAITLIST_ACTIVE_PER_USER, type EventRecord, type WaitlistRepository } from '@aquastream/application';
import type { WaitlistEntry } from '@aquastream/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryDatabase } from '../memory/in-memory-database.js';
import { InMemoryWaitlistRepository } from '../memory/waitlist.memory-repository.js';
import type { Database } from '../sql/database.js';
import { SqlEventRepository } from '../sql/event.sql-repository.js';
import { SqlOrganizationRepository } from '../sql/organization.sql-repository.js';
import { SqlUnitOfWork } from '../sql/sql-unit-of-work.js';
import { SqlWaitlistRepository } from '../sql/waitlist.sql-repository.js';
import { postgresTestTarget, sqlTestTargets, type OpenedTestDatabase } from '../testing/sql-test-database.js';
import { describeWaitlistRepositoryContract } from './waitlist-repository.contract.js';

/** An organisation and a published event, through their own repositories: the waitlist only needs the event's id. */
async function seedSqlEvent(db: Database): Promise<string> {
  const uow = new SqlUnitOfWork(db);
  const organizationId = randomUUID();
  const eventId = randomUUID();
  const at = Date.UTC(2026, 0, 1);
  const record: EventRecord = {
    state: {
      id: eventId, organizationId, creatorId: 'organiser', title: 'Regatta', status: 'PUBLISHED',
      startsAt: Date.UTC(2030, 0, 1), endsAt: null, timeZone: 'UTC', publishAt: null, publishedAt: at, capacity: 10,
      seatsTaken: 0, currency: 'EUR',
      priceOptions: [{ id: randomUUID(), name: 'Seat', price: 1_000, quantity: null, seatsTaken: 0, active: true }],
      bookingDeadlineHours: 24, maxTicketsPerBooking: 10, refundPolicy: [], dynamicPricing: [], groupDiscounts: [],
      rescheduledAt: null, rejectionReason: null, cancelReason: null, canceledAt: null, completedAt: null,
      crew: { status: 'NONE', request: null, crewId: null, attempts: 0, nextAttemptAt: null, lastError: null },
    },
    details: {
      description: null, shortDescription: null, categoryId: null, location: null, imageUrl: null, featured: false,
      priceOptionDescriptions: {},
    },
    avgRating: null, reviewCount: 0, createdAt: at, updatedAt: at, version: 1,
  };
  await uow.run(async (tx) => {
    await new SqlOrganizationRepository(db).insert(tx, {
      id: organizationId, name: 'Waitlist org', slug: `wl-${organizationId}`, reviewRequired: false, moderateReviews: false, createdAt: at,
    });
    await new SqlEventRepository(db).insert(tx, record);
  });
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
