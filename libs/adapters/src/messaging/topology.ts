import type { Channel } from 'amqplib';

/** The names of what the relay and consumers declare; a prefix keeps test runs (or tenants) apart on one broker. */
export type MessagingTopology = {
  /** Topic exchange the relay publishes to, routing key = message type (DESIGN §5). */
  readonly exchange: string;
  /** Where consumers' queues dead-letter what they reject (their `x-dead-letter-exchange`). */
  readonly deadLetterExchange: string;
  /** Keeps every dead letter for inspection: a dead-letter exchange with no queue bound would drop them. */
  readonly deadLetterQueue: string;
};

export const EVENTS_EXCHANGE = 'aquastream.events';

export function messagingTopology(prefix = ''): MessagingTopology {
  return {
    exchange: `${prefix}${EVENTS_EXCHANGE}`,
    deadLetterExchange: `${prefix}${EVENTS_EXCHANGE}.dlx`,
    deadLetterQueue: `${prefix}${EVENTS_EXCHANGE}.dead-letter`,
  };
}

/**
 * Declares the topology; idempotent, so the relay runs it at every (re)connect — which also restores an exchange
 * someone deleted — and every consumer may run it before binding its queue. Dead letters keep their routing key
 * (the message type), so the dead-letter exchange is a topic exchange too.
 */
export async function declareTopology(channel: Channel, topology: MessagingTopology = messagingTopology()): Promise<void> {
  await channel.assertExchange(topology.exchange, 'topic', { durable: true });
  await channel.assertExchange(topology.deadLetterExchange, 'topic', { durable: true });
  await channel.assertQueue(topology.deadLetterQueue, { durable: true });
  await channel.bindQueue(topology.deadLetterQueue, topology.deadLetterExchange, '#');
}

/** Removes what `declareTopology` declared (tests clean up after themselves with it). */
export async function deleteTopology(channel: Channel, topology: MessagingTopology): Promise<void> {
  await channel.deleteQueue(topology.deadLetterQueue);
  await channel.deleteExchange(topology.deadLetterExchange);
  await channel.deleteExchange(topology.exchange);
}

/** Arguments for a consumer's queue, so that what it rejects without requeue lands in the dead-letter queue. */
export function consumerQueueArguments(topology: MessagingTopology = messagingTopology()): Record<string, string> {
  return { 'x-dead-letter-exchange': topology.deadLetterExchange };
}
