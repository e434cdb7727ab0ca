import { SqlUnitOfWork } from '../sql/sql-unit-of-work.js';
import { InMemoryDatabase } from '../memory/in-memory-database.js';
import { InMemoryOrganizationRepository } from '../memory/organization.memory-repository.js';
import { SqlOrganizationRepository } from '../sql/organization.sql-repository.js';
import { sqlTestTargets } from '../testing/sql-test-database.js';
import { describeOrganizationRepositoryContract } from './organization-repository.contract.js';

describeOrganizationRepositoryContract('in-memory', () => {
  const db = new InMemoryDatabase();
  return Promise.resolve({ repo: new InMemoryOrganizationRepository(db), uow: db, close: () => Promise.resolve() });
});

for (const target of sqlTestTargets()) {
  describeOrganizationRepositoryContract(target.name, async () => {
    const opened = await target.open();
    return { repo: new SqlOrganizationRepository(opened.db), uow: new SqlUnitOfWork(opened.db), close: () => opened.close() };
  });
}
