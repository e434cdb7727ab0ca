// Two relays at once on one PostgreSQL database, each with its own pool and broker connection (two scheduler
// replicas): their SKIP LOCKED claims split the outbox, so every row is published exactly once in the normal case.
import { randomUUID } from 'node:crypto';
import type { NewOutboxMessage, RelayRunResult } from '@aquastream/application';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxRelay } from '../composition/outbox-relay.js';
import { createSqlStorage } from '../composition/storage.js';
import { openDatabase, type Database } from '../sql/database.js';
import { postgresTestTarget, type OpenedTestDatabase } from '../testing/sql-test-database.js';
import { AmqpMessagePublisher } from './amqp-message-publisher.js';
import { amqpTestUrl, openTestBroker, type TestBroker } from './amqp-test-broker.test-support.js';

const TIMEOUT = 120_000;
const ROWS = 4_000;
const pg = postgresTestTarget();
const skipped = [pg === null ? 'TEST_DATABASE_URL' : null, amqpTestUrl === null ? 'TEST_AMQP_URL' : null].filter((v) => v !== null);
const suffix = skipped.length > 0 ? ` (skipped: ${skipped.join(' and ')} not set)` : '';

describe.skipIf(skipped.length > 0)(`two relays on one PostgreSQL database${suffix}`, () => {
  let broker: TestBroker;
  let opened: OpenedTestDatabase;
  let second: Database;
  const publishers: AmqpMessagePublisher[] = [];

  beforeAll(async () => {
    if (pg === null) return;
    broker = await openTestBroker();
    opened = await pg.open();
    second = openDatabase(opened.url, { poolMax: 5 });
  }, TIMEOUT);
  afterAll(async () => {
    for (const p of publishers) await p.close();
    await second?.sequelize.close();
    await broker?.close();
    await opened?.close();
  });

  it(`publish each of ${ROWS} rows once between them (deliveries counted by messageId)`, async () => {
    const collector = await broker.collect('#');
    const stores = [createSqlStorage(opened.db), createSqlStorage(second)];
    const [first] = stores;
    if (first === undefined) throw new Error('no store');
    for (let i = 0; i < ROWS; i += 1_000) {
      const chunk: NewOutboxMessage[] = Array.from({ length: 1_000 }, (_, j) => ({
        id: randomUUID(), type: 'payment.completed', source: 'urn:aquastream:events', subject: `payment/${(i + j) % 400}`,
        time: Date.now(), correlationId: `corr-${i + j}`, actorId: 'gateway:sandbox', data: { n: i + j },
      }));
      await first.uow.run((tx) => first.outbox.append(tx, chunk));
    }
    const totals = [0, 0];
    const relays = await Promise.all(
      stores.map(async (storage, k) => {
        const publisher = await AmqpMessagePublisher.start({ url: broker.url, topology: broker.topology, connectionName: `relay-${k}` });
        publishers.push(publisher);
        await publisher.waitForConnection();
        return createOutboxRelay(storage, publisher, { batchSize: 100, pollIntervalMs: 20, onRun: (r: RelayRunResult) => (totals[k] = (totals[k] ?? 0) + r.published) });
      }),
    );
    const started = performance.now();
    for (const r of relays) r.start();
    await broker.waitFor(async () => (await first.outbox.stats()).SENT === ROWS, 'every row SENT');
    const ms = performance.now() - started;
    await Promise.all(relays.map((r) => r.stop()));
    await broker.waitFor(() => collector.deliveries.length >= ROWS, `${ROWS} deliveries`);

    const perId = new Map<string, number>();
    for (const d of collector.deliveries) perId.set(String(d.properties.messageId), (perId.get(String(d.properties.messageId)) ?? 0) + 1);
    expect(perId.size).toBe(ROWS);
    expect([...perId.values()].filter((n) => n > 1)).toEqual([]);
    expect(collector.deliveries).toHaveLength(ROWS);
    expect(totals[0]).toBeGreaterThan(0);
    expect(totals[1]).toBeGreaterThan(0);
    expect((totals[0] ?? 0) + (totals[1] ?? 0)).toBe(ROWS);
    console.log(
      `[two relays] ${ROWS} rows: relay A published ${totals[0]}, relay B ${totals[1]}, no row twice; ` +
        `${Math.round(ROWS / (ms / 1000))} msg/s with confirms (batches of 100; a figure, not a target)`,
    );
  }, TIMEOUT);
});
