import { InMemoryDatabase } from '../memory/in-memory-database.js';
import { sqlTestTargets } from '../testing/sql-test-database.js';
import { describeJobRunRepositoryContract } from './job-run-repository.contract.js';
import { InMemoryJobRunRepository } from '../jobs/job-run.memory-repository.js';
import { SqlJobRunRepository } from '../jobs/job-run.sql-repository.js';

describeJobRunRepositoryContract('in-memory', () => Promise.resolve({ runs: new InMemoryJobRunRepository(new InMemoryDatabase()), close: () => Promise.resolve() }));

for (const target of sqlTestTargets()) {
  describeJobRunRepositoryContract(target.name, async () => {
    const opened = await target.open();
    return { runs: new SqlJobRunRepository(opened.db), close: () => opened.close() };
  });
}
