import type { TxContext, UnitOfWork } from '@aquastream/application';
import { Mutex } from '../sql/sql-unit-of-work.js';

type Tables = Map<string, Map<string, unknown>>;
type MemoryTx = { readonly tables: Tables };

function cloneTables(tables: Tables): Tables {
  return new Map([...tables].map(([name, rows]) => [name, new Map([...rows].map(([k, v]) => [k, structuredClone(v)]))]));
}

/**
 * Tables of plain rows for the in-memory adapters. A transaction works on a private copy that replaces the committed
 * tables when it succeeds and is dropped when it throws, so readers outside it never see its writes and a failure
 * leaves nothing behind — the same guarantees the SQL adapters give. Transactions run one at a time.
 */
export class InMemoryDatabase implements UnitOfWork {
  private committed: Tables = new Map();
  private readonly mutex = new Mutex();

  run<T>(work: (tx: TxContext) => Promise<T>): Promise<T> {
    return this.mutex.runExclusive(async () => {
      const working = cloneTables(this.committed);
      const result = await work({ tables: working } as unknown as TxContext);
      this.committed = working;
      return result;
    });
  }

  /**
   * The rows of `name` as seen by `tx` (its working copy), or the committed rows for `null`. Repositories write only
   * through a transaction and hand out copies (`structuredClone`) of what they read, as a database would.
   * Transactions do not nest: calling `run` inside `run` would wait for itself.
   */
  table<Row>(name: string, tx: TxContext | null): Map<string, Row> {
    const tables = tx === null ? this.committed : (tx as unknown as MemoryTx).tables;
    let rows = tables.get(name);
    if (!rows) {
      rows = new Map();
      tables.set(name, rows);
    }
    return rows as Map<string, Row>;
  }
}
