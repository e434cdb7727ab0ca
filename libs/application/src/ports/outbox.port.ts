import type { DomainEventType, Instant } from '@aquastream/domain';
import type { TxContext } from './unit-of-work.port.js';

/** A message as the use case writes it; the outbox assigns its per-subject `sequence` in the same transaction. */
export type NewOutboxMessage = {
  readonly id: string;
  readonly type: DomainEventType;
  readonly source: string;
  readonly subject: string;
  readonly time: Instant;
  readonly correlationId: string;
  readonly actorId: string | null;
  readonly data: Readonly<Record<string, unknown>>;
};

export type OutboxStatus = 'PENDING' | 'SENT' | 'FAILED';

export type OutboxMessage = NewOutboxMessage & {
  /** Grows by one per subject, so a consumer can order messages and spot gaps. */
  readonly sequence: number;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly nextAttemptAt: Instant | null;
  readonly lastError: string | null;
  readonly sentAt: Instant | null;
};

export type OutboxQuery = {
  readonly status?: OutboxStatus;
  readonly type?: DomainEventType;
  readonly subject?: string;
  readonly page: number;
  readonly size: number;
};

export type OutboxStats = Readonly<Record<OutboxStatus, number>> & { readonly oldestPendingAt: Instant | null };

/** The transactional outbox (DESIGN §5): messages commit with the state change that caused them. */
export interface Outbox {
  append(tx: TxContext, messages: readonly NewOutboxMessage[]): Promise<void>;
  list(query: OutboxQuery): Promise<{ readonly items: readonly OutboxMessage[]; readonly total: number }>;
  stats(): Promise<OutboxStats>;
  /** Puts FAILED messages (or the given ones) back to PENDING for the relay; returns how many. */
  retry(tx: TxContext, ids: readonly string[] | 'ALL_FAILED', now: Instant): Promise<number>;
}
