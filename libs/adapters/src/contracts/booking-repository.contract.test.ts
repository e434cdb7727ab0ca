import { randomUUID } from 'node:crypto';
import { ConflictError } from '@aquastream/application';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryBookingRepository } from '../memory/booking.memory-repository.js';
import { InMemoryEventRepository } from '../memory/event.memory-repository.js';
import { InMemoryDatabase } from '../memory/in-memory-database.js';
import { InMemoryOrganizationRepository } from '../memory/organization.memory-repository.js';
import { InMemoryPaymentRepository } from '../memory/payment.memory-repository.js';
import { SqlBookingRepository } from '../sql/booking.sql-repository.js';
import { SqlEventRepository } from '../sql/event.sql-repository.js';
import { SqlOrganizationRepository } from '../sql/organization.sql-repository.js';
import { SqlPaymentRepository } from '../sql/payment.sql-repository.js';
import { SqlUnitOfWork } from '../sql/sql-unit-of-work.js';
import { postgresTestTarget, sqlTestTargets, type OpenedTestDatabase } from '../testing/sql-test-database.js';
import { aBooking, seedEvent } from './booking-fixtures.test-support.js';
import { describeBookingRepositoryContract } from './booking-repository.contract.js';

describeBookingRepositoryContract('in-memory', () => {
  const db = new InMemoryDatabase();
  const events = new InMemoryEventRepository(db);
  return Promise.resolve({
    repo: new InMemoryBookingRepository(db, events),
    payments: new InMemoryPaymentRepository(db),
    events,
    organizations: new InMemoryOrganizationRepository(db),
    uow: db,
    close: () => Promise.resolve(),
  });
});

for (const target of sqlTestTargets()) {
  describeBookingRepositoryContract(target.name, async () => {
    const opened = await target.open();
    return {
      repo: new SqlBookingRepository(opened.db),
      payments: new SqlPaymentRepository(opened.db),
      events: new SqlEventRepository(opened.db),
      organizations: new SqlOrganizationRepository(opened.db),
      uow: new SqlUnitOfWork(opened.db),
      close: () => opened.close(),
    };
  });
}

// Only PostgreSQL runs transactions truly in parallel; SQLite's are serialised in-process, so there is no race to lose.
const pg = postgresTestTarget({ poolMax: 20 });
describe.skipIf(pg === null)('BookingRepository on PostgreSQL under concurrency', () => {
  let opened: OpenedTestDatabase | null = null;
  beforeAll(async () => {
    opened = pg === null ? null : await pg.open();
  });
  afterAll(async () => {
    await opened?.close();
  });

  it('30 parallel inserts of one user’s booking for one event: the partial unique index lets exactly one in', async () => {
    if (opened === null) throw new Error('no database');
    const uow = new SqlUnitOfWork(opened.db);
    const repo = new SqlBookingRepository(opened.db);
    const event = await seedEvent({ uow, events: new SqlEventRepository(opened.db), organizations: new SqlOrganizationRepository(opened.db) });
    const userId = `user-${randomUUID()}`;
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => uow.run((tx) => repo.insert(tx, aBooking(event, { userId })))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toEqual(new ConflictError('booking_active_per_user'));
    expect(await repo.listByEvent(null, event.id)).toHaveLength(1);
  });

  it('20 parallel cancels of one booking (compare-and-set): exactly one applies', async () => {
    if (opened === null) throw new Error('no database');
    const uow = new SqlUnitOfWork(opened.db);
    const repo = new SqlBookingRepository(opened.db);
    const event = await seedEvent({ uow, events: new SqlEventRepository(opened.db), organizations: new SqlOrganizationRepository(opened.db) });
    const booking = aBooking(event);
    await uow.run((tx) => repo.insert(tx, booking));
    const results = await Promise.all(
      Array.from({ length: 20 }, () => uow.run((tx) => repo.transition(tx, { ...booking, status: 'CANCELED' }, 'PENDING_PAYMENT'))),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
