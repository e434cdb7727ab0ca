// The booking world on SQL stores, for the tests that must see real concurrency (PostgreSQL) and real constraints.
import { randomBytes } from 'node:crypto';
import { createSqlStorage } from '../../composition/storage.js';
import type { Database } from '../../sql/database.js';
import { UuidV7IdGenerator } from '../../system/uuid-v7-id-generator.js';
import { bookingWorld, ORG, OTHER_ORG, T0, type BookingStores } from './booking-world.test-support.js';

export async function sqlBookingWorld(db: Database) {
  const stores: BookingStores = {
    ...createSqlStorage(db),
    ids: new UuidV7IdGenerator(),
    ticketPrefix: `${randomBytes(3).toString('hex').toUpperCase()}-`,
    freshOptionIds: true,
  };
  const { organizations } = stores;
  // Worlds of one test file share the database: the organisations may already be there.
  for (const id of [ORG, OTHER_ORG]) {
    if ((await organizations.findById(null, id)) !== null) continue;
    await stores.uow.run((tx) =>
      organizations.insert(tx, { id, name: `org ${id}`, slug: `org-${id}`, reviewRequired: false, moderateReviews: false, createdAt: T0 }),
    );
  }
  return bookingWorld({ stores });
}
