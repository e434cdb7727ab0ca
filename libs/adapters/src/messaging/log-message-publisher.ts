import type { MessagePublisher, OutboxMessage, PublishOutcome } from '@aquastream/application';
import { toCloudEvent } from './cloud-event-envelope.js';

/** Receives each message as the CloudEvent a broker consumer would get (its structured JSON as an object). */
export type MessageSink = (cloudEvent: Record<string, unknown>) => void;

/**
 * The embedded default's publisher (no `AMQP_URL`): "publishes" by handing each message's CloudEvent to a sink — the
 * app's logger — and always confirms. The envelope is built exactly as for RabbitMQ, so a message the SDK would refuse
 * fails here too, in development, instead of first in production.
 */
export class LogMessagePublisher implements MessagePublisher {
  constructor(private readonly sink: MessageSink) {}

  publish(messages: readonly OutboxMessage[]): Promise<readonly PublishOutcome[]> {
    return Promise.resolve(
      messages.map((m): PublishOutcome => {
        try {
          this.sink(toCloudEvent(m).toJSON());
          return { id: m.id, confirmed: true };
        } catch (e) {
          return { id: m.id, confirmed: false, error: e instanceof Error ? e.message : String(e) };
        }
      }),
    );
  }

  isConnected(): boolean {
    return true;
  }
}
