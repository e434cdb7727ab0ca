import { randomUUID } from 'node:crypto';
import { InMemoryDatabase } from '../memory/in-memory-database.js';
import { InMemoryReviewRepository } from '../memory/review.memory-repository.js';
import { SqlReviewRepository } from '../sql/review.sql-repository.js';
import { SqlUnitOfWork } from '../sql/sql-unit-of-work.js';
import { sqlTestTargets } from '../testing/sql-test-database.js';
import { seedSqlEvent } from './engagement-seed.test-support.js';
import { describeReviewRepositoryContract } from './review-repository.contract.js';

describeReviewRepositoryContract('in-memory', () => {
  const db = new InMemoryDatabase();
  return Promise.resolve({
    repo: new InMemoryReviewRepository(db),
    uow: db,
    seedEvent: () => Promise.resolve(randomUUID()),
    close: () => Promise.resolve(),
  });
});

for (const target of sqlTestTargets()) {
  describeReviewRepositoryContract(target.name, async () => {
    const opened = await target.open();
    return {
      repo: new SqlReviewRepository(opened.db),
      uow: new SqlUnitOfWork(opened.db),
      seedEvent: () => seedSqlEvent(opened.db),
      close: () => opened.close(),
    };
  });
}
