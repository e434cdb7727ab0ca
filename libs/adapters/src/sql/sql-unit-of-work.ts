import type { TxContext, UnitOfWork } from '@aquastream/application';
import { Transaction, type Sequelize } from 'sequelize';
import type { Database } from './database.js';

type SqlTx = { readonly transaction: Transaction };

/** The Sequelize transaction behind a `TxContext` (or none, for a read outside a transaction). */
export function sqlTransaction(tx: TxContext | null): Transaction | undefined {
  return tx === null ? undefined : (tx as unknown as SqlTx).transaction;
}

/** A small FIFO mutex: SQLite has one writer, so its transactions take turns in this process. */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();
  async runExclusive<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((r) => (release = r));
    await previous;
    try {
      return await work();
    } finally {
      release();
    }
  }
}

/**
 * Transactions on PostgreSQL run at READ COMMITTED: seat and promo counters change only through conditional
 * updates (`… WHERE seats_taken + n <= capacity`) and status changes are compare-and-set, so no lost update is
 * possible without SERIALIZABLE's retries. On SQLite they are serialised in-process (IMMEDIATE, one at a time).
 */
export class SqlUnitOfWork implements UnitOfWork {
  private readonly sqlite = new Mutex();
  constructor(private readonly db: Database) {}

  get sequelize(): Sequelize {
    return this.db.sequelize;
  }

  run<T>(work: (tx: TxContext) => Promise<T>): Promise<T> {
    if (this.db.dialect === 'sqlite') {
      return this.sqlite.runExclusive(() =>
        this.db.sequelize.transaction({ type: Transaction.TYPES.IMMEDIATE }, (transaction) =>
          work({ transaction } as unknown as TxContext),
        ),
      );
    }
    return this.db.sequelize.transaction((transaction) => work({ transaction } as unknown as TxContext));
  }
}
