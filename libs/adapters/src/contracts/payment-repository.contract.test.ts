import { randomUUID } from 'node:crypto';
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
import { aBooking, seedEvent, T0 } from './booking-fixtures.test-support.js';
import { describePaymentRepositoryContract } from './payment-repository.contract.js';

describePaymentRepositoryContract('in-memory', () => {
  const db = new InMemoryDatabase();
  const events = new InMemoryEventRepository(db);
  return Promise.resolve({
    repo: new InMemoryPaymentRepository(db),
    bookings: new InMemoryBookingRepository(db, events),
    events,
    organizations: new InMemoryOrganizationRepository(db),
    uow: db,
    close: () => Promise.resolve(),
  });
});

for (const target of sqlTestTargets()) {
  describePaymentRepositoryContract(target.name, async () => {
    const opened = await target.open();
    return {
      repo: new SqlPaymentRepository(opened.db),
      bookings: new SqlBookingRepository(opened.db),
      events: new SqlEventRepository(opened.db),
      organizations: new SqlOrganizationRepository(opened.db),
      uow: new SqlUnitOfWork(opened.db),
      close: () => opened.close(),
    };
  });
}

const pg = postgresTestTarget({ poolMax: 20 });
describe.skipIf(pg === null)('PaymentRepository on PostgreSQL under concurrency', () => {
  let opened: OpenedTestDatabase | null = null;
  beforeAll(async () => {
    opened = pg === null ? null : await pg.open();
  });
  afterAll(async () => {
    await opened?.close();
  });

  it('40 parallel refunds of 10 on a payment of 100: exactly 10 apply, and the payment ends REFUNDED', async () => {
    if (opened === null) throw new Error('no database');
    const uow = new SqlUnitOfWork(opened.db);
    const repo = new SqlPaymentRepository(opened.db);
    const bookings = new SqlBookingRepository(opened.db);
    const event = await seedEvent({ uow, events: new SqlEventRepository(opened.db), organizations: new SqlOrganizationRepository(opened.db) });
    const booking = aBooking(event);
    await uow.run((tx) => bookings.insert(tx, booking));
    const id = randomUUID();
    await uow.run((tx) =>
      repo.insert(tx, {
        id, bookingId: booking.id, amount: 100, currency: 'EUR', status: 'COMPLETED', gateway: 'sandbox', gatewayReference: `sbx_${id}`,
        paymentUrl: null, refundedAmount: 0, createdAt: T0, updatedAt: T0,
      }),
    );
    const results = await Promise.all(
      Array.from({ length: 40 }, () =>
        uow.run(async (tx) => {
          const written = await repo.addRefundedAmount(tx, id, 10, T0);
          await new Promise((r) => setTimeout(r, 2));
          return written;
        }),
      ),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(10);
    expect(await repo.findById(null, id)).toMatchObject({ refundedAmount: 100, status: 'REFUNDED' });
  });

  it('20 parallel deliveries of one webhook id: exactly one is recorded as new', async () => {
    if (opened === null) throw new Error('no database');
    const uow = new SqlUnitOfWork(opened.db);
    const repo = new SqlPaymentRepository(opened.db);
    const eventId = `evt_${randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 20 }, () => uow.run((tx) => repo.recordGatewayEvent(tx, 'sandbox', eventId, T0))));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
