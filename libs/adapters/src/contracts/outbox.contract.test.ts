import { InMemoryDatabase } from '../memory/in-memory-database.js';
import { InMemoryOutbox } from '../memory/outbox.memory.js';
import { InMemoryOutboxClaims } from '../memory/outbox-claims.memory.js';
import { SqlOutbox } from '../sql/outbox.sql.js';
import { SqlOutboxClaims } from '../sql/outbox-claims.sql.js';
import { SqlUnitOfWork } from '../sql/sql-unit-of-work.js';
import { sqlTestTargets } from '../testing/sql-test-database.js';
import { describeOutboxContract } from './outbox.contract.js';

type Row = { status: string; lastError: string | null; attempts: number };

describeOutboxContract('in-memory', () => {
  const db = new InMemoryDatabase();
  return Promise.resolve({
    outbox: new InMemoryOutbox(db),
    claims: new InMemoryOutboxClaims(db),
    uow: db,
    markFailed: (id, error) =>
      db.run((tx) => {
        const rows = db.table<Row>('outbox_messages', tx);
        const row = rows.get(id);
        if (row) rows.set(id, { ...row, status: 'FAILED', lastError: error, attempts: 5 });
        return Promise.resolve();
      }),
    close: () => Promise.resolve(),
  });
});

for (const target of sqlTestTargets()) {
  describeOutboxContract(target.name, async () => {
    const opened = await target.open();
    return {
      outbox: new SqlOutbox(opened.db),
      claims: new SqlOutboxClaims(opened.db),
      uow: new SqlUnitOfWork(opened.db),
      markFailed: async (id, error) => {
        await opened.db.sequelize.query("UPDATE outbox_messages SET status = 'FAILED', last_error = :error, attempts = 5 WHERE id = :id", {
          replacements: { id, error },
        });
      },
      close: () => opened.close(),
    };
  });
}
