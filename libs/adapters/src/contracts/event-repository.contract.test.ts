import { InMemoryCategoryRepository } from '../memory/category.memory-repository.js';
import { InMemoryDatabase } from '../memory/in-memory-database.js';
import { InMemoryEventRepository } from '../memory/event.memory-repository.js';
import { InMemoryOrganizationRepository } from '../memory/organization.memory-repository.js';
import { SqlCategoryRepository } from '../sql/category.sql-repository.js';
import { SqlEventRepository } from '../sql/event.sql-repository.js';
import { SqlOrganizationRepository } from '../sql/organization.sql-repository.js';
import { SqlUnitOfWork } from '../sql/sql-unit-of-work.js';
import { sqlTestTargets } from '../testing/sql-test-database.js';
import type { CategoryRepository, OrganizationRepository, UnitOfWork } from '@aquastream/application';
import { NOW } from './event-record.fixture.js';
import { describeEventRepositoryContract, type EventStore } from './event-repository.contract.js';

function seeding(uow: UnitOfWork, orgs: OrganizationRepository, categories: CategoryRepository): Pick<EventStore, 'seedOrganization' | 'seedCategory'> {
  return {
    seedOrganization: (id) =>
      uow.run((tx) => orgs.insert(tx, { id, name: `Org ${id}`, slug: `org-${id}`, reviewRequired: false, moderateReviews: false, createdAt: NOW })),
    seedCategory: (id, parentId) =>
      uow.run((tx) => categories.insert(tx, { id, name: `Category ${id}`, slug: `category-${id}`, parentId, position: 0, createdAt: NOW, updatedAt: NOW })),
  };
}

describeEventRepositoryContract('in-memory', () => {
  const db = new InMemoryDatabase();
  return Promise.resolve({
    repo: new InMemoryEventRepository(db),
    uow: db,
    ...seeding(db, new InMemoryOrganizationRepository(db), new InMemoryCategoryRepository(db)),
    close: () => Promise.resolve(),
  });
});

for (const target of sqlTestTargets()) {
  describeEventRepositoryContract(target.name, async () => {
    const opened = await target.open();
    const uow = new SqlUnitOfWork(opened.db);
    return {
      repo: new SqlEventRepository(opened.db),
      uow,
      ...seeding(uow, new SqlOrganizationRepository(opened.db), new SqlCategoryRepository(opened.db)),
      close: () => opened.close(),
    };
  });
}
