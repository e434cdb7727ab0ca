import type { NewOutboxMessage, Outbox, OutboxQuery, TxContext } from '@aquastream/application';
import type { HttpMetrics } from './metrics.js';

/**
 * Counts business events as their messages are written. Every state change passes through the outbox, so this one
 * decorator feeds all counters. A transaction that rolls back after appending is still counted: rollbacks are rare
 * (lost races), and the counters are rates for dashboards, not ledgers.
 */
export class CountingOutbox implements Outbox {
  constructor(
    private readonly inner: Outbox,
    private readonly metrics: HttpMetrics,
  ) {}

  async append(tx: TxContext, messages: readonly NewOutboxMessage[]): Promise<void> {
    await this.inner.append(tx, messages);
    this.metrics.countMessages(messages.map((m) => m.type));
  }
  list(query: OutboxQuery) {
    return this.inner.list(query);
  }
  stats() {
    return this.inner.stats();
  }
  retry(tx: TxContext, ids: readonly string[] | 'ALL_FAILED', now: number) {
    return this.inner.retry(tx, ids, now);
  }
}
