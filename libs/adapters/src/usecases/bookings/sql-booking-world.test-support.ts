// The booking world on SQL stores, for the tests that must see real concurrency (PostgreSQL) and real constraints.
import { randomBytes } from 'node:crypto';
import type { Database } from '../../sql/database.js';
import { SqlAuditLog } from '../../sql/audit-log.sql.js';
import { SqlBookingRepository } from '../../sql/booking.sql-repository.js';
import { SqlEventRepository } from '../../sql/event.sql-repository.js';
import { SqlOrganizationRepository } from '../../sql/organization.sql-repository.js';
import { SqlOutbox } from '../../sql/outbox.sql.js';
import { SqlPaymentRepository } from '../../sql/payment.sql-repository.js';
import { SqlPromoCodeRepository } from '../../sql/promo-code.sql-repository.js';
import { SqlUnitOfWork } from '../../sql/sql-unit-of-work.js';
import { SqlWaitlistRepository } from '../../sql/waitlist.sql-repository.js';
import { UuidV7IdGenerator } from '../../system/uuid-v7-id-generator.js';
import { bookingWorld, ORG, OTHER_ORG, T0, type BookingStores } from './booking-world.test-support.js';

export async function sqlBookingWorld(db: Database) {
  const stores: BookingStores = {
    uow: new SqlUnitOfWork(db),
    events: new SqlEventRepository(db),
    bookings: new SqlBookingRepository(db),
    payments: new SqlPaymentRepository(db),
    promoCodes: new SqlPromoCodeRepository(db),
    waitlist: new SqlWaitlistRepository(db),
    outbox: new SqlOutbox(db),
    audit: new SqlAuditLog(db),
    ids: new UuidV7IdGenerator(),
    ticketPrefix: `${randomBytes(3).toString('hex').toUpperCase()}-`,
    freshOptionIds: true,
  };
  const organizations = new SqlOrganizationRepository(db);
  // Worlds of one test file share the database: the organisations may already be there.
  for (const id of [ORG, OTHER_ORG]) {
    if ((await organizations.findById(null, id)) !== null) continue;
    await stores.uow.run((tx) =>
      organizations.insert(tx, { id, name: `org ${id}`, slug: `org-${id}`, reviewRequired: false, moderateReviews: false, createdAt: T0 }),
    );
  }
  return bookingWorld({ stores });
}
