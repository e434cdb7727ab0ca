import type { Instant } from '@aquastream/domain';
import type { Clock } from '../ports/clock.port.js';
import type { MessagePublisher, PublishOutcome } from '../ports/message-publisher.port.js';
import type { OutboxClaims, UnsentMessage } from '../ports/outbox-claims.port.js';
import type { OutboxMessage } from '../ports/outbox.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';

export type RelaySettings = {
  /** Messages claimed and published per confirm wait. */
  readonly batchSize: number;
  /** Failed attempts after which a message is FAILED (an admin's `outbox retry` puts it back). */
  readonly maxAttempts: number;
  /** Delay before the first retry; doubles per failed attempt up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /**
   * How long a claimed batch is left alone by other relays. Longer than the publisher's confirm timeout, so that in
   * the normal case only a relay that died mid-batch has its messages taken over (and published again).
   */
  readonly leaseMs: number;
};

/**
 * 500 per batch; ten attempts (1 s, 2 s, … capped at 5 min: about 13 minutes of retries for a message the broker keeps
 * refusing); a one-minute lease, twice the AMQP publisher's default confirm timeout.
 */
export const DEFAULT_RELAY_SETTINGS: RelaySettings = { batchSize: 500, maxAttempts: 10, baseDelayMs: 1_000, maxDelayMs: 300_000, leaseMs: 60_000 };

export type RelayRunResult = {
  readonly claimed: number;
  /** Confirmed by the broker and marked SENT. */
  readonly published: number;
  /** Not confirmed: scheduled for another attempt, or FAILED after the last one. */
  readonly failed: number;
};

const MAX_ERROR_LENGTH = 1000;

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e)).slice(0, MAX_ERROR_LENGTH) || 'unknown error';

/** Exponential back-off: `base · 2^(attempts − 1)`, capped. */
export function relayRetryDelay(attempts: number, settings: Pick<RelaySettings, 'baseDelayMs' | 'maxDelayMs'>): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  return Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** exponent);
}

/** What a failed attempt does to a message: another try later, or FAILED once it has had its last. */
export function unsentAfter(message: OutboxMessage, reason: string, now: Instant, settings: RelaySettings): UnsentMessage {
  const attempts = message.attempts + 1;
  const error = reason.slice(0, MAX_ERROR_LENGTH) || 'unknown error';
  return attempts >= settings.maxAttempts
    ? { id: message.id, attempts, status: 'FAILED', nextAttemptAt: null, error }
    : { id: message.id, attempts, status: 'PENDING', nextAttemptAt: now + relayRetryDelay(attempts, settings), error };
}

/**
 * Scheduler job `relay-outbox` (DESIGN §5, §6), one batch per run: claims due messages, publishes them with publisher
 * confirms, marks SENT exactly those the broker confirmed, and backs the others off (FAILED after the last attempt).
 * Nothing is claimed while the broker is unreachable, so an outage costs no attempts: the messages simply wait.
 * No transaction is open while the batch is on the wire.
 */
export class RelayOutboxUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly claims: OutboxClaims,
    private readonly publisher: MessagePublisher,
    private readonly clock: Clock,
    private readonly settings: RelaySettings = DEFAULT_RELAY_SETTINGS,
  ) {}

  async execute(): Promise<RelayRunResult> {
    if (!this.publisher.isConnected()) return { claimed: 0, published: 0, failed: 0 };
    const { batchSize, leaseMs } = this.settings;
    const now = this.clock.now();
    const batch = await this.uow.run((tx) => this.claims.claimDue(tx, { now, limit: batchSize, leaseUntil: now + leaseMs }));
    if (batch.length === 0) return { claimed: 0, published: 0, failed: 0 };

    const outcomes = await this.publishBatch(batch);
    const at = this.clock.now();
    const sent: string[] = [];
    const unsent: UnsentMessage[] = [];
    for (const message of batch) {
      const outcome = outcomes.get(message.id);
      if (outcome?.confirmed === true) sent.push(message.id);
      else unsent.push(unsentAfter(message, outcome === undefined ? 'no confirm from the publisher' : outcome.error, at, this.settings));
    }
    await this.uow.run(async (tx) => {
      if (sent.length > 0) await this.claims.markSent(tx, sent, at);
      if (unsent.length > 0) await this.claims.markUnsent(tx, unsent);
    });
    return { claimed: batch.length, published: sent.length, failed: unsent.length };
  }

  /** A publisher that throws has confirmed nothing: the whole batch counts as one failed attempt. */
  private async publishBatch(batch: readonly OutboxMessage[]): Promise<Map<string, PublishOutcome>> {
    let outcomes: readonly PublishOutcome[];
    try {
      outcomes = await this.publisher.publish(batch);
    } catch (e) {
      const error = errorText(e);
      outcomes = batch.map((m) => ({ id: m.id, confirmed: false, error }));
    }
    return new Map(outcomes.map((o) => [o.id, o]));
  }
}
