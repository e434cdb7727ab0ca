// The outbox relay measurement shared by `npm run bench:relay` (relay.mjs) and the `relay` phase of `npm run bench`:
// PostgreSQL → RabbitMQ with publisher confirms, against amqplib alone publishing the same messages in batches with
// confirms. Exchange and queue names are unique per run and deleted afterwards; the caller owns the database.
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
import { connect } from 'amqplib';

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

/**
 * `db` is an opened, migrated, otherwise unused PostgreSQL database (adapters' `Database`): its outbox must hold only
 * the messages this measurement writes. Returns { relay: [{ concurrency, published, ms }], direct, dbOnly }.
 */
export async function measureRelay({ db, amqpUrl, rows = 10_000, batch = 500, concurrencies = [1, 4], dbOnly = true }) {
  const topology = messagingTopology(`bench-${Date.now().toString(36)}-${randomUUID().slice(0, 8)}.`);
  const queue = `${topology.exchange}.bench-queue`;
  const storage = createSqlStorage(db);

  async function fill(count) {
    for (let i = 0; i < count; i += 1_000) {
      const chunk = newMessages(Math.min(1_000, count - i));
      await storage.uow.run((tx) => storage.outbox.append(tx, chunk));
    }
    // A table in service has statistics (autovacuum); a fresh one has none, and the planner would sort the backlog
    // instead of walking the outbox_pending_by_time index.
    await db.sequelize.query('ANALYZE outbox_messages');
  }

  /** The relay's continuous loop (as the scheduler runs it) until `count` messages are confirmed and marked SENT. */
  async function relayLoop(publisher, count, concurrency = 1) {
    let published = 0;
    let failed = 0;
    let done;
    const finished = new Promise((resolve) => (done = resolve));
    const relay = createOutboxRelay(storage, publisher, {
      batchSize: batch,
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
    return { concurrency, published, ms };
  }

  async function baseline(channel, messages) {
    const envelopes = messages.map((m) => amqpEnvelope({ ...m, sequence: 1, status: 'PENDING', attempts: 0, nextAttemptAt: null, lastError: null, sentAt: null }));
    const started = performance.now();
    for (let i = 0; i < envelopes.length; i += batch) {
      for (const e of envelopes.slice(i, i + batch)) channel.publish(topology.exchange, e.routingKey, e.content, e.options);
      await channel.waitForConfirms();
    }
    return { published: envelopes.length, ms: performance.now() - started };
  }

  const connection = await connect(amqpUrl);
  const admin = await connection.createConfirmChannel();
  let publisher = null;
  try {
    await declareTopology(admin, topology);
    await admin.assertQueue(queue, { durable: true });
    await admin.bindQueue(queue, topology.exchange, '#');
    publisher = await AmqpMessagePublisher.start({ url: amqpUrl, topology });
    await publisher.waitForConnection();

    // Warm-up (JIT, pools, the queue's first segment), not counted.
    const warm = Math.min(1_000, rows);
    await fill(warm);
    await relayLoop(publisher, warm);
    await baseline(admin, newMessages(warm));
    await admin.purgeQueue(queue);

    const relay = [];
    for (const concurrency of concurrencies) {
      await fill(rows);
      relay.push(await relayLoop(publisher, rows, concurrency));
      await admin.purgeQueue(queue);
    }
    const direct = await baseline(admin, newMessages(rows));
    await admin.purgeQueue(queue);
    let noop = null;
    if (dbOnly) {
      await fill(rows);
      noop = await relayLoop(new LogMessagePublisher(() => undefined), rows);
    }
    return { relay, direct, dbOnly: noop };
  } finally {
    await publisher?.close();
    await admin.deleteQueue(queue);
    await deleteTopology(admin, topology);
    await connection.close();
  }
}

export const relayRate = ({ published, ms }) => published / (ms / 1000);
