#!/usr/bin/env node
// A small consumer of the Aquastream message stream, for operators debugging it: it declares the topology, binds a
// queue to `aquastream.events`, and prints every message. It also shows what a real consumer must do (docs/messaging.md):
// drop duplicates by `messageId` (delivery is at-least-once), watch `sequence` per subject (order and gaps), and reject
// what it cannot read without requeueing, so that it lands in the dead-letter queue instead of looping.
//
//   npm run build                                   # it imports the topology from the built @aquastream/adapters
//   node tools/consumer/consume.mjs                 # everything, on a temporary queue
//   node tools/consumer/consume.mjs --pattern 'booking.*' --json
//   node tools/consumer/consume.mjs --queue ops-debug    # a durable queue that keeps messages while you are away
//
// Options: --url (default: AMQP_URL, else amqp://guest:guest@127.0.0.1:5672), --pattern <topic binding, default #>,
// --queue <durable queue name; default a temporary exclusive one>, --prefix <topology prefix, for tests>,
// --count <exit after n deliveries>, --json (one JSON object per line on stdout). Notices go to stderr.
import { parseArgs } from 'node:util';
import { consumerQueueArguments, declareTopology, messagingTopology } from '@aquastream/adapters';
import { connect } from 'amqplib';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.AMQP_URL || 'amqp://guest:guest@127.0.0.1:5672' },
    pattern: { type: 'string', default: '#' },
    queue: { type: 'string' },
    prefix: { type: 'string', default: '' },
    count: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const limit = args.count === undefined ? Infinity : Number(args.count);
const notice = (line) => process.stderr.write(`${line}\n`);

const topology = messagingTopology(args.prefix);
const connection = await connect(args.url);
const channel = await connection.createChannel();
await declareTopology(channel, topology);
// A named queue is durable and dead-letters what it rejects; a temporary one goes away with this process.
const { queue } =
  args.queue === undefined
    ? await channel.assertQueue('', { exclusive: true, autoDelete: true, arguments: consumerQueueArguments(topology) })
    : await channel.assertQueue(args.queue, { durable: true, arguments: consumerQueueArguments(topology) });
await channel.bindQueue(queue, topology.exchange, args.pattern);
await channel.prefetch(50);

// The last ids seen (bounded), and the last sequence number per subject.
const seen = new Set();
const lastSequence = new Map();
let handled = 0;

function remember(id) {
  seen.add(id);
  if (seen.size > 10_000) seen.delete(seen.values().next().value);
}

function parse(msg) {
  try {
    const event = JSON.parse(msg.content.toString('utf8'));
    if (event?.specversion !== '1.0' || typeof event.id !== 'string' || typeof event.type !== 'string') return null;
    return event;
  } catch {
    return null;
  }
}

async function finish() {
  await channel.close();
  await connection.close();
}

await channel.consume(queue, (msg) => {
  if (msg === null) return;
  handled += 1;
  const event = parse(msg);
  if (event === null) {
    notice(`rejected (not a CloudEvent): messageId=${msg.properties.messageId ?? '-'} routingKey=${msg.fields.routingKey} -> ${topology.deadLetterQueue}`);
    channel.nack(msg, false, false);
  } else if (seen.has(msg.properties.messageId ?? event.id)) {
    notice(`duplicate dropped: ${event.type} id=${event.id}`);
    channel.ack(msg);
  } else {
    remember(msg.properties.messageId ?? event.id);
    const previous = lastSequence.get(event.subject);
    if (previous !== undefined && event.sequence !== previous + 1) {
      notice(`sequence ${event.sequence} after ${previous} for subject ${event.subject}: ${event.sequence <= previous ? 'out of order' : 'gap'}`);
    }
    if (previous === undefined || event.sequence > previous) lastSequence.set(event.subject, event.sequence);
    process.stdout.write(
      args.json
        ? `${JSON.stringify(event)}\n`
        : `${event.time} ${event.type.padEnd(24)} subject=${event.subject} seq=${event.sequence} id=${event.id} corr=${event.correlationid}\n  ${JSON.stringify(event.data)}\n`,
    );
    channel.ack(msg);
  }
  if (handled >= limit) void finish();
});
notice(`listening on ${queue} (${topology.exchange}, binding ${args.pattern})`);

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void finish());
