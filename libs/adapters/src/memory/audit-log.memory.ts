import type { AuditEntry, AuditLog, AuditQuery, TxContext } from '@aquastream/application';
import type { Instant } from '@aquastream/domain';
import type { InMemoryDatabase } from './in-memory-database.js';

const AUDIT = 'audit_log';

type Row = AuditEntry;

/** The audit log over InMemoryDatabase: same filters, order (newest first) and purge rule as the SQL adapter. */
export class InMemoryAuditLog implements AuditLog {
  constructor(private readonly db: InMemoryDatabase) {}

  append(tx: TxContext, entries: readonly AuditEntry[]): Promise<void> {
    const rows = this.db.table<Row>(AUDIT, tx);
    for (const e of entries) {
      if (rows.has(e.id)) throw new Error(`audit entry ${e.id} already exists`);
      rows.set(e.id, structuredClone(e));
    }
    return Promise.resolve();
  }

  query(query: AuditQuery): Promise<{ readonly items: readonly AuditEntry[]; readonly total: number }> {
    const matching = [...this.db.table<Row>(AUDIT, null).values()]
      .filter(
        (r) =>
          (query.entity === undefined || r.entity === query.entity) &&
          (query.entityId === undefined || r.entityId === query.entityId) &&
          (query.actorId === undefined || r.actorId === query.actorId) &&
          // `from` inclusive, `to` exclusive: consecutive windows neither overlap nor leave gaps.
          (query.from === undefined || r.at >= query.from) &&
          (query.to === undefined || r.at < query.to),
      )
      .sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    const start = (query.page - 1) * query.size;
    const items = matching.slice(start, start + query.size).map((e) => structuredClone(e));
    return Promise.resolve({ items, total: matching.length });
  }

  purge(tx: TxContext, before: Instant): Promise<number> {
    const rows = this.db.table<Row>(AUDIT, tx);
    let count = 0;
    for (const [id, r] of rows) {
      // Booking and waitlist logs age out (DESIGN §6); admin actions on events and payments are kept.
      if ((r.entity === 'BOOKING' || r.entity === 'WAITLIST') && r.at < before) {
        rows.delete(id);
        count += 1;
      }
    }
    return Promise.resolve(count);
  }
}
