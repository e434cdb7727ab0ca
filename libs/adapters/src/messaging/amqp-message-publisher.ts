import type { MessagePublisher, OutboxMessage, PublishOutcome } from '@aquastream/application';
import { connect, type ChannelModel, type ConfirmChannel, type RecoveringChannelModel } from 'amqplib';
import { amqpEnvelope } from './cloud-event-envelope.js';
import type { MessagingLogger } from './messaging-logger.js';
import { declareTopology, messagingTopology, type MessagingTopology } from './topology.js';

export type AmqpPublisherOptions = {
  readonly url: string;
  readonly topology?: MessagingTopology;
  /** How long a batch waits for its confirms before the rest count as failed (and the connection is recycled). */
  readonly confirmTimeoutMs?: number;
  /** Reconnect back-off (amqplib's recovery: exponential with jitter between these). */
  readonly reconnectInitialDelayMs?: number;
  readonly reconnectMaxDelayMs?: number;
  /** TCP + AMQP handshake limit per connection attempt. */
  readonly connectTimeoutMs?: number;
  /** Publish-side clientProperties name, shown in the management UI's connection list. */
  readonly connectionName?: string;
  /**
   * AMQP heartbeat asked for when the URL does not say (`?heartbeat=`): a broker gone silent (a half-open TCP
   * connection) is noticed after about two of these, instead of after RabbitMQ's default of 60 s.
   */
  readonly heartbeatSeconds?: number;
  readonly logger?: MessagingLogger;
};

export const DEFAULT_CONFIRM_TIMEOUT_MS = 30_000;

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e)) || 'unknown error';

/** The URL with a heartbeat unless it names one already. */
function withHeartbeat(url: string, seconds: number): string {
  const u = new URL(url);
  if (!u.searchParams.has('heartbeat')) u.searchParams.set('heartbeat', String(seconds));
  return u.toString();
}

/** The URL without its password, for logs. */
function redacted(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return 'amqp://(unparsable url)';
  }
}

/**
 * Publishes outbox messages to RabbitMQ over one confirm channel, waiting for the broker's confirm of each message of
 * a batch. The connection is amqplib's recovering connection (`connect(url, { recovery })`): it reconnects with
 * back-off on its own, and its `setup` hook opens the confirm channel and declares the topology before the
 * publisher counts as connected again. A channel the broker closes (say, an exchange deleted under it) recycles the
 * whole connection, so there is one recovery path. Nothing here throws at the caller because of the broker: an
 * outage shows as `isConnected() === false` and as unconfirmed outcomes.
 */
export class AmqpMessagePublisher implements MessagePublisher {
  private connection: RecoveringChannelModel | null = null;
  private model: ChannelModel | null = null;
  private channel: ConfirmChannel | null = null;
  private blocked = false;
  private closing = false;
  private readonly topology: MessagingTopology;
  private readonly confirmTimeoutMs: number;

  private constructor(private readonly options: AmqpPublisherOptions) {
    this.topology = options.topology ?? messagingTopology();
    this.confirmTimeoutMs = options.confirmTimeoutMs ?? DEFAULT_CONFIRM_TIMEOUT_MS;
  }

  /** Starts connecting in the background and returns at once: a process starts even while the broker is down. */
  static async start(options: AmqpPublisherOptions): Promise<AmqpMessagePublisher> {
    const publisher = new AmqpMessagePublisher(options);
    await publisher.open();
    return publisher;
  }

  /** Resolves once connected (for tests and tools; the relay does not wait, it checks `isConnected()`). */
  async waitForConnection(): Promise<void> {
    await this.connection?.waitForConnect();
    while (!this.isConnected()) {
      if (this.closing) throw new Error('the publisher was closed');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  isConnected(): boolean {
    return this.channel !== null && !this.blocked && !this.closing;
  }

  async publish(messages: readonly OutboxMessage[]): Promise<readonly PublishOutcome[]> {
    if (messages.length === 0) return [];
    const channel = this.channel;
    if (channel === null || !this.isConnected()) {
      return messages.map((m) => ({ id: m.id, confirmed: false, error: 'not connected to the broker' }));
    }
    const outcomes: (PublishOutcome | undefined)[] = new Array<PublishOutcome | undefined>(messages.length);
    let open = messages.length;
    let allSettled!: () => void;
    const settledAll = new Promise<void>((resolve) => (allSettled = resolve));
    const settle = (i: number, outcome: PublishOutcome): void => {
      if (outcomes[i] !== undefined) return;
      outcomes[i] = outcome;
      if ((open -= 1) === 0) allSettled();
    };
    const failed = (m: OutboxMessage, e: unknown): PublishOutcome => ({ id: m.id, confirmed: false, error: errorText(e) });

    // One deadline for the whole batch, backpressure included, so that a batch never outlives its claim's lease.
    const deadline = Date.now() + this.confirmTimeoutMs;
    const timeoutError = `no confirm from the broker within ${this.confirmTimeoutMs} ms`;
    for (const [i, m] of messages.entries()) {
      if (Date.now() >= deadline) {
        settle(i, { id: m.id, confirmed: false, error: timeoutError });
        continue;
      }
      try {
        const { routingKey, content, options } = amqpEnvelope(m);
        const writable = channel.publish(this.topology.exchange, routingKey, content, options, (err: unknown) =>
          settle(i, err === null || err === undefined ? { id: m.id, confirmed: true } : failed(m, err)),
        );
        // Backpressure: the socket buffer is full, so wait until it drains (or the channel dies) before writing more.
        if (!writable) await drained(channel, deadline - Date.now());
      } catch (e) {
        // A closed channel throws on publish; an envelope the SDK refuses throws before it. Either way: not sent.
        settle(i, failed(m, e));
      }
    }

    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      settledAll.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), Math.max(0, deadline - Date.now())))),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      // Confirms that arrive later would be for messages already counted as failed: start over on a fresh connection.
      this.options.logger?.warn({ unconfirmed: open }, 'broker confirms timed out; recycling the connection');
      messages.forEach((m, i) => settle(i, { id: m.id, confirmed: false, error: timeoutError }));
      if (this.channel === channel) this.channel = null;
      this.recycle(channel);
    }
    return outcomes.map((o, i) => o ?? failed(messages[i] as OutboxMessage, 'no outcome'));
  }

  /** Closes the connection; gives up waiting after `closeTimeoutMs` (a silent broker never answers the close). */
  async close(closeTimeoutMs = 5_000): Promise<void> {
    this.closing = true;
    this.channel = null;
    const connection = this.connection;
    if (connection === null) return;
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = await Promise.race([
      connection.close().then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), closeTimeoutMs))),
    ]);
    clearTimeout(timer);
    if (gaveUp) this.options.logger?.warn({}, 'the broker did not answer the close in time; leaving the connection');
  }

  private async open(): Promise<void> {
    const { url, logger } = this.options;
    const connection = await connect(withHeartbeat(url, this.options.heartbeatSeconds ?? 15), {
      timeout: this.options.connectTimeoutMs ?? 10_000,
      clientProperties: { connection_name: this.options.connectionName ?? 'aquastream-outbox-relay' },
      recovery: {
        waitForConnect: false,
        initialDelay: this.options.reconnectInitialDelayMs ?? 200,
        maxDelay: this.options.reconnectMaxDelayMs ?? 10_000,
        setup: (model: ChannelModel) => this.setup(model),
      },
    });
    this.connection = connection;
    const where = redacted(url);
    connection.on('connect', () => logger?.info({ broker: where }, 'connected to the broker'));
    connection.on('disconnect', (err: Error) => {
      this.model = null;
      this.channel = null;
      this.blocked = false;
      if (!this.closing) logger?.warn({ broker: where, err: errorText(err) }, 'lost the broker connection; reconnecting');
    });
    connection.on('connect-failed', (err: Error) => logger?.warn({ broker: where, err: errorText(err) }, 'cannot reach the broker'));
    connection.on('reconnect-failed', (err: Error) => logger?.error({ broker: where, err: errorText(err) }, 'gave up reconnecting to the broker'));
    connection.on('blocked', (reason: string) => {
      this.blocked = true;
      logger?.warn({ broker: where, reason }, 'the broker blocked publishing');
    });
    connection.on('unblocked', () => {
      this.blocked = false;
      logger?.info({ broker: where }, 'the broker unblocked publishing');
    });
    // Without a listener an 'error' event would crash the process; the close that follows triggers the reconnect.
    connection.on('error', (err: Error) => logger?.warn({ broker: where, err: errorText(err) }, 'broker connection error'));
  }

  /** Runs at every (re)connect, before the connection counts as up: a channel that cannot be set up means retry. */
  private async setup(model: ChannelModel): Promise<void> {
    const channel = await model.createConfirmChannel();
    channel.on('error', (err: Error) => this.options.logger?.warn({ err: errorText(err) }, 'broker channel error'));
    channel.on('close', () => {
      if (this.channel === channel) this.channel = null;
      this.recycle(channel);
    });
    await declareTopology(channel, this.topology);
    this.model = model;
    this.channel = channel;
  }

  /**
   * Closes the connection the channel belongs to, unless it is closing anyway; the recovery reconnects. Deferred one
   * turn: a dying connection closes its channels first and announces its own close in the same turn.
   */
  private recycle(channel: ConfirmChannel): void {
    const model = this.model;
    setImmediate(() => {
      if (this.closing || model === null || this.model !== model) return;
      if (this.channel === channel) this.channel = null;
      model.close().catch((e: unknown) => this.options.logger?.warn({ err: errorText(e) }, 'closing the broker connection failed'));
    });
  }
}

/** Resolves when the channel drains, closes, or `limitMs` has passed, whichever comes first. */
function drained(channel: ConfirmChannel, limitMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      channel.off('drain', done);
      channel.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, limitMs));
    channel.once('drain', done);
    channel.once('close', done);
  });
}
