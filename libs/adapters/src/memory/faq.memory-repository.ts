import type { FaqEntry, FaqRepository, TxContext } from '@aquastream/application';
import type { InMemoryDatabase } from './in-memory-database.js';

const TABLE = 'event_faqs';
const EVENTS = 'events';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const order = (a: FaqEntry, b: FaqEntry): number => a.position - b.position || a.createdAt - b.createdAt || cmp(a.id, b.id);

/** An event's FAQ on the in-memory database; entries of a deleted event are gone with it, as with the SQL cascade. */
export class InMemoryFaqRepository implements FaqRepository {
  constructor(private readonly db: InMemoryDatabase) {}

  private rows(tx: TxContext | null): Map<string, FaqEntry> {
    return this.db.table<FaqEntry>(TABLE, tx);
  }

  /** The entry, unless its event is gone (the SQL cascade would have deleted it). */
  private live(tx: TxContext | null, id: string): FaqEntry | undefined {
    const e = this.rows(tx).get(id);
    return e && this.db.table<unknown>(EVENTS, tx).has(e.eventId) ? e : undefined;
  }

  listByEvent(tx: TxContext | null, eventId: string): Promise<readonly FaqEntry[]> {
    if (!this.db.table<unknown>(EVENTS, tx).has(eventId)) return Promise.resolve([]);
    return Promise.resolve([...this.rows(tx).values()].filter((e) => e.eventId === eventId).sort(order).map((e) => ({ ...e })));
  }

  findById(tx: TxContext | null, id: string): Promise<FaqEntry | null> {
    const e = this.live(tx, id);
    return Promise.resolve(e ? { ...e } : null);
  }

  insert(tx: TxContext, entry: FaqEntry): Promise<void> {
    return new Promise((resolve) => {
      // The foreign key of the SQL table.
      if (!this.db.table<unknown>(EVENTS, tx).has(entry.eventId)) throw new Error(`event ${entry.eventId} does not exist`);
      this.rows(tx).set(entry.id, { ...entry });
      resolve();
    });
  }

  update(tx: TxContext, entry: FaqEntry): Promise<boolean> {
    const current = this.live(tx, entry.id);
    if (!current) return Promise.resolve(false);
    this.rows(tx).set(entry.id, { ...current, question: entry.question, answer: entry.answer, position: entry.position });
    return Promise.resolve(true);
  }

  delete(tx: TxContext, id: string): Promise<boolean> {
    return Promise.resolve(this.live(tx, id) !== undefined && this.rows(tx).delete(id));
  }
}
