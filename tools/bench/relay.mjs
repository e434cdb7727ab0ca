#!/usr/bin/env node
// Outbox relay throughput, PostgreSQL → RabbitMQ with publisher confirms, against the baseline of amqplib alone
// publishing the same messages in batches with confirms. Not part of `npm test` (it takes a while and its figures
// depend on the machine).
//
//   npx nx run-many -t build -p domain,application,adapters   # the bench imports the built libraries
//   npm run bench:relay                                       # = node tools/bench/relay.mjs; ROWS=10000 BATCH=500 by default
//
// The relay runs its continuous loop (claim with SKIP LOCKED, publish, wait for the batch's confirms, mark SENT) with
// one batch in flight (the default) and with four; "DB only" is the same loop with a publisher that does nothing.
//
// Needs TEST_DATABASE_URL (a PostgreSQL server where it may create and drop a database) and TEST_AMQP_URL. It makes
// its own database and exchange names and removes them afterwards. Messages go to a durable queue bound to the
// exchange (as a consumer's would be), so the broker persists them before it confirms — for both measurements.
import { randomUUID } from 'node:crypto';
import {
  AmqpMessagePublisher,
  amqpEnvelope,
  createOutboxRelay,
  createSqlStorage,
  declareTopology,
  deleteTopology,
  LogMessagePublisher,
  messagingTopology,
} from '@aquastream/adapters';
import { postgresTestTarget } from '@aquastream/adapters/testing';
import { connect } from 'amqplib';

const ROWS = Number(process.env.ROWS ?? 10_000);
const BATCH = Number(process.env.BATCH ?? 500);
const amqpUrl = process.env.TEST_AMQP_URL ?? process.env.AMQP_URL;
const pg = postgresTestTarget({ poolMax: 5 });
if (pg === null || !amqpUrl) {
  console.error('relay bench: set TEST_DATABASE_URL (postgres://…) and TEST_AMQP_URL (amqp://…)');
  process.exit(2);
}

const topology = messagingTopology(`bench-${Date.now().toString(36)}.`);
const queue = `${topology.exchange}.bench-queue`;

/** Outbox rows as the use cases write them: a few hundred subjects, a payload of a booking's size. */
function newMessages(count) {
  return Array.from({ length: count }, (_, i) => {
    const subject = randomUUID();
    return {
      id: randomUUID(),
      type: 'booking.confirmed',
      source: 'urn:aquastream:events',
      subject: `${subject.slice(0, 8)}-${i % 300}`,
      time: Date.now(),
      correlationId: randomUUID(),
      actorId: 'gateway:sandbox',
      data: { bookingId: subject, eventId: randomUUID(), userId: 'ann', quantity: 2, ticketCode: 'AQ-ABCDE-FGHIJ', totalAmount: 300_000, currency: 'RUB' },
    };
  });
}

async function fill(storage, count) {
  for (let i = 0; i < count; i += 1_000) {
    const chunk = newMessages(Math.min(1_000, count - i));
    await storage.uow.run((tx) => storage.outbox.append(tx, chunk));
  }
  // A table in service has statistics (autovacuum); a fresh one has none, and the planner would sort the backlog
  // instead of walking the outbox_pending_by_time index.
  await opened.db.sequelize.query('ANALYZE outbox_messages');
}

/** The relay's continuous loop (as the scheduler runs it) until `count` messages are confirmed and marked SENT. */
async function relayLoop(storage, publisher, count, concurrency = 1) {
  let published = 0;
  let failed = 0;
  let done;
  const finished = new Promise((resolve) => (done = resolve));
  const relay = createOutboxRelay(storage, publisher, {
    batchSize: BATCH,
    concurrency,
    pollIntervalMs: 5,
    onRun: (run) => {
      published += run.published;
      failed += run.failed;
      if (published >= count) done();
    },
  });
  const started = performance.now();
  relay.start();
  await finished;
  const ms = performance.now() - started;
  await relay.stop();
  if (failed > 0) throw new Error(`${failed} messages were not confirmed`);
  return { published, ms };
}

async function baseline(channel, messages) {
  const envelopes = messages.map((m) => amqpEnvelope({ ...m, sequence: 1, status: 'PENDING', attempts: 0, nextAttemptAt: null, lastError: null, sentAt: null }));
  const started = performance.now();
  for (let i = 0; i < envelopes.length; i += BATCH) {
    for (const e of envelopes.slice(i, i + BATCH)) channel.publish(topology.exchange, e.routingKey, e.content, e.options);
    await channel.waitForConfirms();
  }
  return { published: envelopes.length, ms: performance.now() - started };
}

const rate = ({ published, ms }) => `${Math.round(published / (ms / 1000)).toLocaleString('en')} msg/s (${published} in ${ms.toFixed(0)} ms)`;

const opened = await pg.open();
const connection = await connect(amqpUrl);
const admin = await connection.createConfirmChannel();
let publisher = null;
try {
  await declareTopology(admin, topology);
  await admin.assertQueue(queue, { durable: true });
  await admin.bindQueue(queue, topology.exchange, '#');
  const storage = createSqlStorage(opened.db);
  publisher = await AmqpMessagePublisher.start({ url: amqpUrl, topology });
  await publisher.waitForConnection();

  // Warm-up (JIT, pools, the queue's first segment), not counted.
  await fill(storage, 1_000);
  await relayLoop(storage, publisher, 1_000);
  await baseline(admin, newMessages(1_000));
  await admin.purgeQueue(queue);

  const results = [];
  for (const concurrency of [1, 4]) {
    await fill(storage, ROWS);
    results.push([`outbox relay, ${concurrency} batch${concurrency > 1 ? 'es' : ''} in flight`, await relayLoop(storage, publisher, ROWS, concurrency)]);
    await admin.purgeQueue(queue);
  }
  const direct = await baseline(admin, newMessages(ROWS));
  await admin.purgeQueue(queue);
  await fill(storage, ROWS);
  const dbOnly = await relayLoop(storage, new LogMessagePublisher(() => undefined), ROWS);

  console.log(`relay bench: ${ROWS} messages, batches of ${BATCH}, PostgreSQL → RabbitMQ, persistent, into a durable queue`);
  for (const [name, r] of results) console.log(`  ${name.padEnd(44)} ${rate(r)}`);
  console.log(`  ${'amqplib alone (publish, waitForConfirms)'.padEnd(44)} ${rate(direct)}`);
  console.log(`  ${'outbox relay to a no-op publisher (DB only)'.padEnd(44)} ${rate(dbOnly)}`);
} finally {
  await publisher?.close();
  await admin.deleteQueue(queue);
  await deleteTopology(admin, topology);
  await connection.close();
  await opened.close();
}
