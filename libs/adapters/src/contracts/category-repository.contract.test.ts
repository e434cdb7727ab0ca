import { InMemoryCategoryRepository } from '../memory/category.memory-repository.js';
import { InMemoryDatabase } from '../memory/in-memory-database.js';
import { SqlCategoryRepository } from '../sql/category.sql-repository.js';
import { SqlUnitOfWork } from '../sql/sql-unit-of-work.js';
import { sqlTestTargets } from '../testing/sql-test-database.js';
import { describeCategoryRepositoryContract } from './category-repository.contract.js';

describeCategoryRepositoryContract('in-memory', () => {
  const db = new InMemoryDatabase();
  return Promise.resolve({ repo: new InMemoryCategoryRepository(db), uow: db, close: () => Promise.resolve() });
});

for (const target of sqlTestTargets()) {
  describeCategoryRepositoryContract(target.name, async () => {
    const opened = await target.open();
    return { repo: new SqlCategoryRepository(opened.db), uow: new SqlUnitOfWork(opened.db), close: () => opened.close() };
  });
}
