import { InMemoryDatabase } from '../memory/in-memory-database.js';
import { InMemoryAuditLog } from '../memory/audit-log.memory.js';
import { SqlAuditLog } from '../sql/audit-log.sql.js';
import { SqlUnitOfWork } from '../sql/sql-unit-of-work.js';
import { sqlTestTargets } from '../testing/sql-test-database.js';
import { describeAuditLogContract } from './audit-log.contract.js';

describeAuditLogContract('in-memory', () => {
  const db = new InMemoryDatabase();
  return Promise.resolve({ audit: new InMemoryAuditLog(db), uow: db, close: () => Promise.resolve() });
});

for (const target of sqlTestTargets()) {
  describeAuditLogContract(target.name, async () => {
    const opened = await target.open();
    return { audit: new SqlAuditLog(opened.db), uow: new SqlUnitOfWork(opened.db), close: () => opened.close() };
  });
}
