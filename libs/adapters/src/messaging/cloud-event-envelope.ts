import type { OutboxMessage } from '@aquastream/application';
import type { Options } from 'amqplib';
import { CloudEvent } from 'cloudevents';

export const CLOUDEVENTS_JSON = 'application/cloudevents+json';
export const APP_ID = 'aquastream-events';

/** What a consumer finds in the body: CloudEvents 1.0 structured JSON with the two extensions of DESIGN §5. */
export type CloudEventBody = {
  readonly specversion: '1.0';
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly subject: string;
  readonly time: string;
  readonly datacontenttype: 'application/json';
  readonly data: Record<string, unknown>;
  readonly correlationid: string;
  readonly sequence: number;
};

/** The outbox message as a CloudEvent, built (and validated) by the CloudEvents SDK. */
export function toCloudEvent(message: OutboxMessage): CloudEvent<Record<string, unknown>> {
  return new CloudEvent<Record<string, unknown>>({
    specversion: '1.0',
    id: message.id,
    source: message.source,
    type: message.type,
    subject: message.subject,
    time: new Date(message.time).toISOString(),
    datacontenttype: 'application/json',
    data: { ...message.data },
    correlationid: message.correlationId,
    sequence: message.sequence,
  });
}

export type AmqpEnvelope = { readonly routingKey: string; readonly content: Buffer; readonly options: Options.Publish };

/**
 * The AMQP message for an outbox message: the structured CloudEvent as the body, routing key = type, and the
 * properties a consumer deduplicates and traces by (`messageId` = event id, `correlationId`), persistent so that it
 * survives a broker restart in a durable queue.
 */
export function amqpEnvelope(message: OutboxMessage): AmqpEnvelope {
  return {
    routingKey: message.type,
    content: Buffer.from(toCloudEvent(message).toString(), 'utf8'),
    options: {
      messageId: message.id,
      correlationId: message.correlationId,
      contentType: CLOUDEVENTS_JSON,
      persistent: true,
      type: message.type,
      appId: APP_ID,
      // AMQP timestamps are whole seconds; the event's exact time is in the body.
      timestamp: Math.floor(message.time / 1000),
    },
  };
}
