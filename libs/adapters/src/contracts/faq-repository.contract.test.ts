import type { EventRepository, OrganizationRepository, UnitOfWork } from '@aquastream/application';
import { InMemoryDatabase } from '../memory/in-memory-database.js';
import { InMemoryEventRepository } from '../memory/event.memory-repository.js';
import { InMemoryFaqRepository } from '../memory/faq.memory-repository.js';
import { InMemoryOrganizationRepository } from '../memory/organization.memory-repository.js';
import { SqlEventRepository } from '../sql/event.sql-repository.js';
import { SqlFaqRepository } from '../sql/faq.sql-repository.js';
import { SqlOrganizationRepository } from '../sql/organization.sql-repository.js';
import { SqlUnitOfWork } from '../sql/sql-unit-of-work.js';
import { sqlTestTargets } from '../testing/sql-test-database.js';
import { aRecord, NOW, uuid } from './event-record.fixture.js';
import { describeFaqRepositoryContract, type FaqStore } from './faq-repository.contract.js';

function events(uow: UnitOfWork, orgs: OrganizationRepository, repo: EventRepository): Pick<FaqStore, 'seedEvent' | 'deleteEvent'> {
  return {
    async seedEvent() {
      const org = uuid();
      const record = aRecord(org);
      await uow.run(async (tx) => {
        await orgs.insert(tx, { id: org, name: `Org ${org}`, slug: `org-${org}`, reviewRequired: false, moderateReviews: false, createdAt: NOW });
        await repo.insert(tx, record);
      });
      return record.state.id;
    },
    deleteEvent: (id) => uow.run((tx) => repo.delete(tx, id)),
  };
}

describeFaqRepositoryContract('in-memory', () => {
  const db = new InMemoryDatabase();
  return Promise.resolve({
    repo: new InMemoryFaqRepository(db),
    uow: db,
    ...events(db, new InMemoryOrganizationRepository(db), new InMemoryEventRepository(db)),
    close: () => Promise.resolve(),
  });
});

for (const target of sqlTestTargets()) {
  describeFaqRepositoryContract(target.name, async () => {
    const opened = await target.open();
    const uow = new SqlUnitOfWork(opened.db);
    return {
      repo: new SqlFaqRepository(opened.db),
      uow,
      ...events(uow, new SqlOrganizationRepository(opened.db), new SqlEventRepository(opened.db)),
      close: () => opened.close(),
    };
  });
}
