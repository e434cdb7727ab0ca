// A broker outage in the middle of a run, as the relay sees it: a TCP proxy between the relay and RabbitMQ drops every
// connection and refuses new ones, then heals. Nothing is lost: afterwards every outbox row — those in flight at the
// cut and those written during the outage — is delivered and marked SENT.
import { randomUUID } from 'node:crypto';
import type { NewOutboxMessage } from '@aquastream/application';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxRelay, type OutboxRelay } from '../composition/outbox-relay.js';
import { createSqlStorage, type Storage } from '../composition/storage.js';
import { sqlTestTargets, type OpenedTestDatabase } from '../testing/sql-test-database.js';
import { AmqpMessagePublisher } from './amqp-message-publisher.js';
import { amqpSuffix, amqpTestUrl, openTestBroker, type Collector, type TestBroker } from './amqp-test-broker.test-support.js';
import { startTcpProxy, viaProxy, type TcpProxy } from './tcp-proxy.test-support.js';

const TIMEOUT = 120_000;
const BEFORE = 5_000;
const DURING = 500;
// Not a multiple of the batch size: the cut comes while a batch is on the wire.
const CUT_AFTER = 550;

function messages(count: number, from: number): NewOutboxMessage[] {
  return Array.from({ length: count }, (_, i) => {
    const subject = `booking/${(from + i) % 250}`;
    return {
      id: randomUUID(),
      type: 'booking.created',
      source: 'urn:aquastream:events',
      subject,
      time: Date.now(),
      correlationId: `corr-${from + i}`,
      actorId: 'ann',
      data: { bookingId: subject, n: from + i },
    };
  });
}

describe.skipIf(amqpTestUrl === null)(`the relay through a broker outage (TCP proxy cut, refused, healed)${amqpSuffix}`, () => {
  let broker: TestBroker;
  let proxy: TcpProxy;
  let opened: OpenedTestDatabase;
  let storage: Storage;
  let publisher: AmqpMessagePublisher;
  let relay: OutboxRelay;
  let collector: Collector;
  let cut: Promise<void> | null = null;
  const log: string[] = [];
  const logger = { info: (_: object, m: string) => log.push(m), warn: (_: object, m: string) => log.push(m), error: (_: object, m: string) => log.push(m) };

  beforeAll(async () => {
    broker = await openTestBroker();
    const target = new URL(broker.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5672) });
    // The cut happens from the consumer's side the moment enough messages have arrived: mid-run by construction.
    collector = await broker.collect('#', (n) => {
      if (n >= CUT_AFTER && cut === null) cut = proxy.cut();
    });
    const sqlite = sqlTestTargets().find((t) => t.name === 'sqlite');
    if (sqlite === undefined) throw new Error('no sqlite target');
    opened = await sqlite.open();
    storage = createSqlStorage(opened.db);
    publisher = await AmqpMessagePublisher.start({
      url: viaProxy(broker.url, proxy),
      topology: broker.topology,
      confirmTimeoutMs: 5_000,
      reconnectInitialDelayMs: 50,
      reconnectMaxDelayMs: 400,
      logger,
    });
    await publisher.waitForConnection();
    relay = createOutboxRelay(storage, publisher, { batchSize: 100, pollIntervalMs: 20, baseDelayMs: 50, maxDelayMs: 200 });
  }, TIMEOUT);
  afterAll(async () => {
    await relay?.stop();
    await publisher?.close();
    await proxy?.close();
    await broker?.close();
    await opened?.close();
  });

  it(`delivers and marks SENT all ${BEFORE} + ${DURING} rows`, async () => {
    for (let i = 0; i < BEFORE; i += 1_000) {
      const chunk = messages(1_000, i);
      await storage.uow.run((tx) => storage.outbox.append(tx, chunk));
    }
    relay.start();
    await broker.waitFor(() => cut !== null, `${CUT_AFTER} deliveries`);
    await cut;
    const deliveredAtCut = collector.ids().size;
    await broker.waitFor(() => !publisher.isConnected(), 'the relay to notice the cut');
    const acceptedAtCut = proxy.accepted;

    // The outage: state changes go on committing their messages; the relay claims nothing and keeps retrying the
    // connection, which the proxy refuses.
    const during = messages(DURING, BEFORE);
    await storage.uow.run((tx) => storage.outbox.append(tx, during));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const whileDown = await storage.outbox.stats();
    expect(publisher.isConnected()).toBe(false);
    expect(proxy.accepted).toBe(acceptedAtCut);
    expect(whileDown.PENDING).toBeGreaterThanOrEqual(DURING);
    expect(whileDown.FAILED).toBe(0);
    expect(log).toContain('cannot reach the broker');

    await proxy.heal();
    const total = BEFORE + DURING;
    await broker.waitFor(async () => (await storage.outbox.stats()).SENT === total, 'every row SENT', 90_000);
    await broker.waitFor(() => collector.ids().size === total, 'every row delivered', 30_000);
    await relay.stop();

    expect(await storage.outbox.stats()).toMatchObject({ PENDING: 0, FAILED: 0, SENT: total });
    const rows = (await storage.outbox.list({ page: 1, size: total })).items;
    const delivered = collector.ids();
    expect(rows.filter((r) => !delivered.has(r.id))).toEqual([]);
    expect(proxy.accepted).toBeGreaterThan(acceptedAtCut);
    const retried = rows.filter((r) => r.attempts > 0).length;
    console.log(
      `[outage] cut at the ${CUT_AFTER}th delivery of ${BEFORE} (${deliveredAtCut} had arrived when it landed), ${DURING} more written while down; after healing all ` +
        `${total} delivered (${collector.deliveries.length - delivered.size} duplicates: confirms lost in the cut) and SENT; ` +
        `${retried} rows needed a second attempt; reconnects: ${proxy.accepted - 1}`,
    );
  }, TIMEOUT);
});
