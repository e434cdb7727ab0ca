import { DEFAULT_RELAY_SETTINGS, RelayOutboxUseCase, type Clock, type MessagePublisher, type RelayRunResult, type RelaySettings } from '@aquastream/application';
import { AmqpMessagePublisher, type AmqpPublisherOptions } from '../messaging/amqp-message-publisher.js';
import { LogMessagePublisher, type MessageSink } from '../messaging/log-message-publisher.js';
import type { MessagingLogger } from '../messaging/messaging-logger.js';
import { SystemClock } from '../system/system-clock.js';
import type { Storage } from './storage.js';

export type OutboxRelayOptions = Partial<RelaySettings> & {
  readonly clock?: Clock;
  /** Pause between runs when the last one did not fill its batch (or found the broker down). */
  readonly pollIntervalMs?: number;
  /**
   * Batches in flight at once (default 1). More overlap one batch's database work with another's confirms; their
   * claims never overlap (SKIP LOCKED on PostgreSQL, one writer on SQLite), but messages of one subject may then be
   * published out of order — consumers order by `sequence` in any case.
   */
  readonly concurrency?: number;
  /** Longest pause after consecutive errors (the database down): the pause doubles from `pollIntervalMs` up to this. */
  readonly maxErrorBackoffMs?: number;
  /** Each run of the continuous loop, for logs and metrics. */
  readonly onRun?: (result: RelayRunResult, durationMs: number) => void;
  /** A run of the loop that threw (the database unreachable, say); the loop goes on after a pause. */
  readonly onError?: (error: unknown) => void;
};

/** The `relay-outbox` job (DESIGN §6): one batch on demand, or a continuous loop the scheduler starts and stops. */
export type OutboxRelay = {
  /** One batch: claim, publish with confirms, mark. */
  runOnce(): Promise<RelayRunResult>;
  /** Runs batches until `stop()`: at once again after a full batch, otherwise after the poll interval. */
  start(): void;
  /** Lets the running batch finish, then resolves. */
  stop(): Promise<void>;
  isRunning(): boolean;
  /** The publisher's view of the broker (always true for the in-process log). */
  isConnected(): boolean;
};

export const DEFAULT_RELAY_POLL_INTERVAL_MS = 1_000;

export function createOutboxRelay(storage: Pick<Storage, 'uow' | 'outboxClaims'>, publisher: MessagePublisher, options: OutboxRelayOptions = {}): OutboxRelay {
  const settings: RelaySettings = {
    batchSize: options.batchSize ?? DEFAULT_RELAY_SETTINGS.batchSize,
    maxAttempts: options.maxAttempts ?? DEFAULT_RELAY_SETTINGS.maxAttempts,
    baseDelayMs: options.baseDelayMs ?? DEFAULT_RELAY_SETTINGS.baseDelayMs,
    maxDelayMs: options.maxDelayMs ?? DEFAULT_RELAY_SETTINGS.maxDelayMs,
    leaseMs: options.leaseMs ?? DEFAULT_RELAY_SETTINGS.leaseMs,
  };
  const relay = new RelayOutboxUseCase(storage.uow, storage.outboxClaims, publisher, options.clock ?? new SystemClock(), settings);
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_RELAY_POLL_INTERVAL_MS;
  const maxErrorBackoffMs = Math.max(options.maxErrorBackoffMs ?? 30_000, pollIntervalMs);

  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));

  let loops: Promise<void>[] = [];
  let running = false;
  const sleepers = new Set<() => void>();

  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      }
      sleepers.add(done);
    });

  async function run(): Promise<void> {
    let errors = 0;
    while (running) {
      let delay = pollIntervalMs;
      const started = Date.now();
      try {
        const result = await relay.execute();
        errors = 0;
        options.onRun?.(result, Date.now() - started);
        // A full batch means more are probably due: go on at once.
        if (result.claimed >= settings.batchSize) delay = 0;
      } catch (error) {
        errors += 1;
        options.onError?.(error);
        delay = Math.min(maxErrorBackoffMs, pollIntervalMs * 2 ** Math.min(errors - 1, 20));
      }
      if (running && delay > 0) await pause(delay);
    }
  }

  return {
    runOnce: () => relay.execute(),
    start() {
      if (running) return;
      running = true;
      loops = Array.from({ length: concurrency }, () => run());
    },
    async stop() {
      running = false;
      for (const wake of [...sleepers]) wake();
      await Promise.all(loops);
      loops = [];
    },
    isRunning: () => running,
    isConnected: () => publisher.isConnected(),
  };
}

export type MessagePublisherConfig = {
  /** `AMQP_URL`; null selects the in-process log publisher (the embedded default). */
  readonly amqpUrl: string | null;
  readonly logger: MessagingLogger;
  /** Where the log publisher writes each message (default: the logger at info). */
  readonly sink?: MessageSink;
} & Omit<AmqpPublisherOptions, 'url' | 'logger'>;

/** The publisher the configuration asks for, plus how to close it at shutdown. */
export async function createMessagePublisher(config: MessagePublisherConfig): Promise<{ publisher: MessagePublisher; close(): Promise<void> }> {
  const { amqpUrl, logger, sink, ...amqp } = config;
  if (amqpUrl === null) {
    const publisher = new LogMessagePublisher(sink ?? ((cloudEvent) => logger.info({ cloudEvent }, 'message published (in-process log)')));
    return { publisher, close: () => Promise.resolve() };
  }
  const publisher = await AmqpMessagePublisher.start({ ...amqp, url: amqpUrl, logger });
  return { publisher, close: () => publisher.close() };
}
