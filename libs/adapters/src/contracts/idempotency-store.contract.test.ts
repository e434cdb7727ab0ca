import { InMemoryDatabase } from '../memory/in-memory-database.js';
import { InMemoryIdempotencyStore } from '../memory/idempotency-store.memory.js';
import { SqlIdempotencyStore } from '../sql/idempotency-store.sql.js';
import { SqlUnitOfWork } from '../sql/sql-unit-of-work.js';
import { sqlTestTargets } from '../testing/sql-test-database.js';
import { describeIdempotencyStoreContract } from './idempotency-store.contract.js';

describeIdempotencyStoreContract('in-memory', () => {
  const db = new InMemoryDatabase();
  return Promise.resolve({ store: new InMemoryIdempotencyStore(db), uow: db, close: () => Promise.resolve() });
});

// A pool wide enough for the 20 concurrent claims to reach PostgreSQL at once.
for (const target of sqlTestTargets({ poolMax: 25 })) {
  describeIdempotencyStoreContract(target.name, async () => {
    const opened = await target.open();
    return { store: new SqlIdempotencyStore(opened.db), uow: new SqlUnitOfWork(opened.db), close: () => opened.close() };
  });
}
