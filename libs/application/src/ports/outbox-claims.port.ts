import type { Instant } from '@aquastream/domain';
import type { OutboxMessage } from './outbox.port.js';
import type { TxContext } from './unit-of-work.port.js';

export type OutboxClaimRequest = {
  /** Messages whose next attempt is unset or at or before this instant are due. */
  readonly now: Instant;
  readonly limit: number;
  /** The claimed messages' next attempt moves here: no relay takes them again before, unless this one gives them back. */
  readonly leaseUntil: Instant;
};

/** A claimed message the broker did not confirm: back to the queue later, or given up (FAILED) after its last attempt. */
export type UnsentMessage = {
  readonly id: string;
  /** Failed publish attempts so far, this one included. */
  readonly attempts: number;
  readonly status: 'PENDING' | 'FAILED';
  /** When to try again (PENDING); null once FAILED. */
  readonly nextAttemptAt: Instant | null;
  readonly error: string;
};

/**
 * The relay's side of the outbox (DESIGN §5): it claims due messages in batches, publishes them, and records the
 * outcome. A claim is a lease (the next attempt pushed out) taken in a short transaction — with `FOR UPDATE SKIP LOCKED`
 * on PostgreSQL — so relays running at once take disjoint batches and none holds a transaction open while it publishes.
 * A relay that dies mid-batch leaves its lease to run out, and the messages are published again (at-least-once).
 */
export interface OutboxClaims {
  /** PENDING messages due at `now`, oldest first (then by id), at most `limit`, leased until `leaseUntil`. */
  claimDue(tx: TxContext, request: OutboxClaimRequest): Promise<readonly OutboxMessage[]>;
  /** SENT at `sentAt`; only messages still PENDING change (a SENT or FAILED one is left alone). Returns how many. */
  markSent(tx: TxContext, ids: readonly string[], sentAt: Instant): Promise<number>;
  /** Records failed attempts; only messages still PENDING change, so a message another relay sent stays SENT. */
  markUnsent(tx: TxContext, messages: readonly UnsentMessage[]): Promise<number>;
}
