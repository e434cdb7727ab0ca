import type { OutboxMessage } from './outbox.port.js';

/** What the broker said about one message of a batch. */
export type PublishOutcome =
  | { readonly id: string; readonly confirmed: true }
  | { readonly id: string; readonly confirmed: false; readonly error: string };

/**
 * Where outbox messages go (RabbitMQ, or an in-process log on the embedded default). A batch resolves once every
 * message has been confirmed or refused by the broker — or was lost with the connection, or waited too long for its
 * confirm — with one outcome per message. Only a message with a positive confirm may be marked sent.
 */
export interface MessagePublisher {
  publish(messages: readonly OutboxMessage[]): Promise<readonly PublishOutcome[]>;
  /** False while the broker is unreachable: the relay then claims nothing and waits for the reconnect. */
  isConnected(): boolean;
}
