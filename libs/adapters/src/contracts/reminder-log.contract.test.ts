import { createMemoryStorage, createSqlStorage } from '../composition/storage.js';
import { sqlTestTargets } from '../testing/sql-test-database.js';
import { describeReminderLogContract } from './reminder-log.contract.js';

describeReminderLogContract('in-memory', () => Promise.resolve({ storage: createMemoryStorage(), close: () => Promise.resolve() }));

for (const target of sqlTestTargets()) {
  describeReminderLogContract(target.name, async () => {
    const opened = await target.open();
    return { storage: createSqlStorage(opened.db), close: () => opened.close() };
  });
}
