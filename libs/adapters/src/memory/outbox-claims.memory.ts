import type { OutboxClaimRequest, OutboxClaims, OutboxMessage, TxContext, UnsentMessage } from '@aquastream/application';
import type { Instant } from '@aquastream/domain';
import type { InMemoryDatabase } from './in-memory-database.js';

const MESSAGES = 'outbox_messages';

/** The relay's claims over InMemoryDatabase: the same order, lease and "only PENDING changes" rules as the SQL adapter. */
export class InMemoryOutboxClaims implements OutboxClaims {
  constructor(private readonly db: InMemoryDatabase) {}

  claimDue(tx: TxContext, request: OutboxClaimRequest): Promise<readonly OutboxMessage[]> {
    const rows = this.db.table<OutboxMessage>(MESSAGES, tx);
    const due = [...rows.values()]
      .filter((r) => r.status === 'PENDING' && (r.nextAttemptAt === null || r.nextAttemptAt <= request.now))
      .sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, Math.max(request.limit, 0));
    return Promise.resolve(
      due.map((r) => {
        const leased = { ...r, nextAttemptAt: request.leaseUntil };
        rows.set(r.id, leased);
        return structuredClone(leased);
      }),
    );
  }

  markSent(tx: TxContext, ids: readonly string[], sentAt: Instant): Promise<number> {
    const rows = this.db.table<OutboxMessage>(MESSAGES, tx);
    let count = 0;
    for (const id of new Set(ids)) {
      const r = rows.get(id);
      if (r?.status !== 'PENDING') continue;
      rows.set(id, { ...r, status: 'SENT', sentAt, nextAttemptAt: null, lastError: null });
      count += 1;
    }
    return Promise.resolve(count);
  }

  markUnsent(tx: TxContext, messages: readonly UnsentMessage[]): Promise<number> {
    const rows = this.db.table<OutboxMessage>(MESSAGES, tx);
    let count = 0;
    for (const m of messages) {
      const r = rows.get(m.id);
      if (r?.status !== 'PENDING') continue;
      rows.set(m.id, { ...r, status: m.status, attempts: m.attempts, nextAttemptAt: m.nextAttemptAt, lastError: m.error });
      count += 1;
    }
    return Promise.resolve(count);
  }
}
