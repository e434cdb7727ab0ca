// Every message type of DESIGN §5, made by its use case on SQLite, relayed to a real RabbitMQ with confirms: each
// arrives once on the topic exchange under its type, as the CloudEvent its outbox row describes.
import { DOMAIN_EVENT_TYPES } from '@aquastream/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxRelay } from '../composition/outbox-relay.js';
import { createSqlStorage, type Storage } from '../composition/storage.js';
import { sqlTestTargets, type OpenedTestDatabase } from '../testing/sql-test-database.js';
import { AmqpMessagePublisher } from './amqp-message-publisher.js';
import { amqpSuffix, amqpTestUrl, openTestBroker, type Collector, type TestBroker } from './amqp-test-broker.test-support.js';
import { produceEveryMessageType } from './every-message-type.test-support.js';

const TIMEOUT = 60_000;

describe.skipIf(amqpTestUrl === null)(`the relay to RabbitMQ: every message type with its envelope${amqpSuffix}`, () => {
  let broker: TestBroker;
  let opened: OpenedTestDatabase;
  let storage: Storage;
  let publisher: AmqpMessagePublisher;
  let all: Collector;
  let bookings: Collector;

  beforeAll(async () => {
    broker = await openTestBroker();
    all = await broker.collect('#');
    bookings = await broker.collect('booking.*');
    const sqlite = sqlTestTargets().find((t) => t.name === 'sqlite');
    if (sqlite === undefined) throw new Error('no sqlite target');
    opened = await sqlite.open();
    storage = createSqlStorage(opened.db);
    publisher = await AmqpMessagePublisher.start({ url: broker.url, topology: broker.topology });
    await publisher.waitForConnection();
  }, TIMEOUT);
  afterAll(async () => {
    await publisher?.close();
    await broker?.close();
    await opened?.close();
  });

  it('publishes each outbox row once, confirmed, routing key = type, CloudEvents 1.0 with correlationid and sequence', async () => {
    await produceEveryMessageType(storage);
    const rows = (await storage.outbox.list({ page: 1, size: 1000 })).items;
    const produced = new Set(rows.map((r) => r.type));
    expect([...produced].sort()).toEqual([...DOMAIN_EVENT_TYPES].sort());

    const relay = createOutboxRelay(storage, publisher, { batchSize: 10 });
    let total = 0;
    for (let run = await relay.runOnce(); run.claimed > 0; run = await relay.runOnce()) {
      expect(run.failed).toBe(0);
      total += run.published;
    }
    expect(total).toBe(rows.length);
    expect(await storage.outbox.stats()).toMatchObject({ PENDING: 0, FAILED: 0, SENT: rows.length });
    await broker.waitFor(() => all.deliveries.length >= rows.length, `${rows.length} deliveries`);

    const byId = new Map(all.deliveries.map((d) => [d.properties.messageId as string, d]));
    expect(all.deliveries).toHaveLength(rows.length);
    for (const row of rows) {
      const d = byId.get(row.id);
      expect(d, `${row.type} ${row.id}`).toBeDefined();
      expect({ exchange: d?.exchange, routingKey: d?.routingKey }).toEqual({ exchange: broker.topology.exchange, routingKey: row.type });
      expect(d?.properties).toMatchObject({
        messageId: row.id,
        correlationId: row.correlationId,
        contentType: 'application/cloudevents+json',
        deliveryMode: 2,
        type: row.type,
      });
      expect(d?.body).toEqual({
        specversion: '1.0',
        id: row.id,
        source: 'urn:aquastream:events',
        type: row.type,
        subject: row.subject,
        time: new Date(row.time).toISOString(),
        datacontenttype: 'application/json',
        data: row.data,
        correlationid: row.correlationId,
        sequence: row.sequence,
      });
    }
    // Per subject the sequence numbers run 1, 2, 3, … with no gap, as a consumer checks them.
    const bySubject = new Map<string, number[]>();
    for (const d of all.deliveries) bySubject.set(String(d.body['subject']), [...(bySubject.get(String(d.body['subject'])) ?? []), Number(d.body['sequence'])]);
    for (const [subject, seqs] of bySubject) expect(seqs.sort((a, b) => a - b), subject).toEqual(seqs.map((_, i) => i + 1));

    // A queue bound to `booking.*` gets exactly the booking messages.
    await broker.waitFor(() => bookings.deliveries.length >= rows.filter((r) => r.type.startsWith('booking.')).length, 'booking deliveries');
    expect(new Set(bookings.deliveries.map((d) => d.routingKey))).toEqual(new Set(['booking.created', 'booking.confirmed', 'booking.canceled', 'booking.expired']));
    console.log(`[relay] ${rows.length} messages of ${produced.size} types relayed to ${broker.topology.exchange} with confirms`);
  }, TIMEOUT);
});
