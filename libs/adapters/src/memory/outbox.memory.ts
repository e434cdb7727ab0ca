import type {
  NewOutboxMessage,
  Outbox,
  OutboxMessage,
  OutboxQuery,
  OutboxStats,
  TxContext,
} from '@aquastream/application';
import type { Instant } from '@aquastream/domain';
import type { InMemoryDatabase } from './in-memory-database.js';

const MESSAGES = 'outbox_messages';
const SEQUENCES = 'outbox_sequences';

type Row = OutboxMessage;

/** The outbox over InMemoryDatabase: same sequencing, listing order and retry rules as the SQL adapter. */
export class InMemoryOutbox implements Outbox {
  constructor(private readonly db: InMemoryDatabase) {}

  append(tx: TxContext, messages: readonly NewOutboxMessage[]): Promise<void> {
    const rows = this.db.table<Row>(MESSAGES, tx);
    const sequences = this.db.table<number>(SEQUENCES, tx);
    for (const m of messages) {
      if (rows.has(m.id)) throw new Error(`outbox message ${m.id} already exists`);
      const sequence = (sequences.get(m.subject) ?? 0) + 1;
      sequences.set(m.subject, sequence);
      rows.set(m.id, {
        ...structuredClone(m),
        sequence,
        status: 'PENDING',
        attempts: 0,
        nextAttemptAt: null,
        lastError: null,
        sentAt: null,
      });
    }
    return Promise.resolve();
  }

  list(query: OutboxQuery): Promise<{ readonly items: readonly OutboxMessage[]; readonly total: number }> {
    const matching = [...this.db.table<Row>(MESSAGES, null).values()]
      .filter(
        (r) =>
          (query.status === undefined || r.status === query.status) &&
          (query.type === undefined || r.type === query.type) &&
          (query.subject === undefined || r.subject === query.subject),
      )
      // Newest first, as an operator looks at it; the id breaks ties the same way in every store.
      .sort((a, b) => b.time - a.time || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    const start = (query.page - 1) * query.size;
    return Promise.resolve({ items: matching.slice(start, start + query.size).map((r) => structuredClone(r)), total: matching.length });
  }

  stats(): Promise<OutboxStats> {
    const counts = { PENDING: 0, SENT: 0, FAILED: 0 };
    let oldestPendingAt: Instant | null = null;
    for (const r of this.db.table<Row>(MESSAGES, null).values()) {
      counts[r.status] += 1;
      if (r.status === 'PENDING' && (oldestPendingAt === null || r.time < oldestPendingAt)) oldestPendingAt = r.time;
    }
    return Promise.resolve({ ...counts, oldestPendingAt });
  }

  retry(tx: TxContext, ids: readonly string[] | 'ALL_FAILED', now: Instant): Promise<number> {
    const rows = this.db.table<Row>(MESSAGES, tx);
    const wanted = ids === 'ALL_FAILED' ? null : new Set(ids);
    let count = 0;
    for (const [id, r] of rows) {
      // Only FAILED messages go back: a PENDING one is already queued and a SENT one must not be published twice.
      if (r.status !== 'FAILED' || (wanted !== null && !wanted.has(id))) continue;
      rows.set(id, { ...r, status: 'PENDING', attempts: 0, nextAttemptAt: now, lastError: null });
      count += 1;
    }
    return Promise.resolve(count);
  }
}
