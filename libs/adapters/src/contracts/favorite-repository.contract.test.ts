import { randomUUID } from 'node:crypto';
import { InMemoryDatabase } from '../memory/in-memory-database.js';
import { InMemoryFavoriteRepository } from '../memory/favorite.memory-repository.js';
import { SqlFavoriteRepository } from '../sql/favorite.sql-repository.js';
import { SqlUnitOfWork } from '../sql/sql-unit-of-work.js';
import { sqlTestTargets } from '../testing/sql-test-database.js';
import { seedSqlEvent } from './engagement-seed.test-support.js';
import { describeFavoriteRepositoryContract } from './favorite-repository.contract.js';

describeFavoriteRepositoryContract('in-memory', () => {
  const db = new InMemoryDatabase();
  return Promise.resolve({
    repo: new InMemoryFavoriteRepository(db),
    uow: db,
    seedEvent: () => Promise.resolve(randomUUID()),
    close: () => Promise.resolve(),
  });
});

for (const target of sqlTestTargets()) {
  describeFavoriteRepositoryContract(target.name, async () => {
    const opened = await target.open();
    return {
      repo: new SqlFavoriteRepository(opened.db),
      uow: new SqlUnitOfWork(opened.db),
      seedEvent: () => seedSqlEvent(opened.db),
      close: () => opened.close(),
    };
  });
}
