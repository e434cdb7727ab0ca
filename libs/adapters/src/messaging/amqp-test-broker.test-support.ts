// The RabbitMQ side of the broker suites: a topology of their own (unique names, deleted afterwards), temporary
// queues that collect what arrives, and a direct connection for all that, outside any proxy a test cuts.
import { randomBytes } from 'node:crypto';
import { connect, type Channel, type ChannelModel, type ConsumeMessage } from 'amqplib';
import { declareTopology, deleteTopology, messagingTopology, type MessagingTopology } from './topology.js';

const url = process.env['TEST_AMQP_URL'];
/** `TEST_AMQP_URL`, or null: the suites then skip and say why in their names. */
export const amqpTestUrl: string | null = url === undefined || url === '' ? null : url;
export const amqpSuffix = amqpTestUrl === null ? ' (skipped: TEST_AMQP_URL not set)' : '';

export type Delivery = {
  readonly exchange: string;
  readonly routingKey: string;
  readonly properties: ConsumeMessage['properties'];
  readonly body: Record<string, unknown>;
};

export type Collector = {
  readonly deliveries: Delivery[];
  /** Distinct `messageId`s seen. */
  ids(): Set<string>;
};

export type TestBroker = {
  readonly url: string;
  readonly topology: MessagingTopology;
  /** A server-named exclusive queue bound to the events exchange, collecting every delivery (`onDelivery` sees each). */
  collect(pattern?: string, onDelivery?: (count: number) => void): Promise<Collector>;
  /** Waits until `condition` holds, failing after `limitMs` (a deadline for a hang, not a speed assertion). */
  waitFor(condition: () => boolean | Promise<boolean>, what: string, limitMs?: number): Promise<void>;
  close(): Promise<void>;
};

export async function openTestBroker(): Promise<TestBroker> {
  if (amqpTestUrl === null) throw new Error('TEST_AMQP_URL is not set');
  const topology = messagingTopology(`test-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}.`);
  const connection: ChannelModel = await connect(amqpTestUrl);
  const channel: Channel = await connection.createChannel();
  await declareTopology(channel, topology);
  const queues: string[] = [];

  return {
    url: amqpTestUrl,
    topology,
    async collect(pattern = '#', onDelivery) {
      const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
      queues.push(queue);
      await channel.bindQueue(queue, topology.exchange, pattern);
      const deliveries: Delivery[] = [];
      await channel.consume(queue, (msg) => {
        if (msg === null) return;
        deliveries.push({
          exchange: msg.fields.exchange,
          routingKey: msg.fields.routingKey,
          properties: msg.properties,
          body: JSON.parse(msg.content.toString('utf8')) as Record<string, unknown>,
        });
        channel.ack(msg);
        onDelivery?.(deliveries.length);
      });
      return { deliveries, ids: () => new Set(deliveries.map((d) => String(d.properties.messageId))) };
    },
    async waitFor(condition, what, limitMs = 60_000) {
      const deadline = Date.now() + limitMs;
      while (!(await condition())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async close() {
      for (const queue of queues) await channel.deleteQueue(queue);
      await deleteTopology(channel, topology);
      await connection.close();
    },
  };
}
