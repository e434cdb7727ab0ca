// AmqpMessagePublisher against a real RabbitMQ, through a TCP proxy where the test needs to misbehave: it starts while
// the broker is unreachable, gives up on confirms that do not come, and recovers from a channel the broker closes.
import { randomUUID } from 'node:crypto';
import type { OutboxMessage } from '@aquastream/application';
import { connect } from 'amqplib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AmqpMessagePublisher } from './amqp-message-publisher.js';
import { amqpSuffix, amqpTestUrl, openTestBroker, type Collector, type TestBroker } from './amqp-test-broker.test-support.js';
import { startTcpProxy, viaProxy, type TcpProxy } from './tcp-proxy.test-support.js';

const TIMEOUT = 60_000;

function message(n: number): OutboxMessage {
  return {
    id: randomUUID(), type: 'event.published', source: 'urn:aquastream:events', subject: 'event-1', time: Date.now(),
    correlationId: `corr-${n}`, actorId: 'olga', data: { eventId: 'event-1', n }, sequence: n,
    status: 'PENDING', attempts: 0, nextAttemptAt: null, lastError: null, sentAt: null,
  };
}

describe.skipIf(amqpTestUrl === null)(`AmqpMessagePublisher on a real broker${amqpSuffix}`, () => {
  let broker: TestBroker;
  let proxy: TcpProxy;
  let collector: Collector;
  let publisher: AmqpMessagePublisher | null = null;
  const log: string[] = [];
  const logger = { info: (_: object, m: string) => log.push(m), warn: (_: object, m: string) => log.push(m), error: (_: object, m: string) => log.push(m) };
  const start = (confirmTimeoutMs = 5_000): Promise<AmqpMessagePublisher> =>
    AmqpMessagePublisher.start({
      url: viaProxy(broker.url, proxy), topology: broker.topology, confirmTimeoutMs, reconnectInitialDelayMs: 50, reconnectMaxDelayMs: 200, logger,
    });

  beforeAll(async () => {
    broker = await openTestBroker();
    collector = await broker.collect('#');
    const target = new URL(broker.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5672) });
  }, TIMEOUT);
  afterEach(async () => {
    proxy.resume();
    await proxy.heal();
    await publisher?.close();
    publisher = null;
  });
  afterAll(async () => {
    await proxy?.close();
    await broker?.close();
  });

  it('starts while the broker is unreachable, refuses to publish, and connects once it is back', async () => {
    await proxy.cut();
    publisher = await start();
    const m = message(1);
    expect(publisher.isConnected()).toBe(false);
    expect(await publisher.publish([m])).toEqual([{ id: m.id, confirmed: false, error: 'not connected to the broker' }]);
    await broker.waitFor(() => log.includes('cannot reach the broker'), 'a refused connection attempt');
    await proxy.heal();
    await publisher.waitForConnection();
    expect(await publisher.publish([])).toEqual([]);
    expect(await publisher.publish([m])).toEqual([{ id: m.id, confirmed: true }]);
    await broker.waitFor(() => collector.ids().has(m.id), 'the delivery');
  }, TIMEOUT);

  it('counts a batch whose confirms do not come as failed, and starts over on a fresh connection', async () => {
    publisher = await start(500);
    await publisher.waitForConnection();
    proxy.silence();
    const batch = [message(1), message(2)];
    const outcomes = await publisher.publish(batch);
    expect(outcomes).toEqual(batch.map((m) => ({ id: m.id, confirmed: false, error: 'no confirm from the broker within 500 ms' })));
    expect(publisher.isConnected()).toBe(false);
    proxy.resume();
    await publisher.waitForConnection();
    const next = message(3);
    expect(await publisher.publish([next])).toEqual([{ id: next.id, confirmed: true }]);
  }, TIMEOUT);

  it('recovers when the broker closes its channel (the exchange deleted under it): the topology is declared again', async () => {
    publisher = await start();
    await publisher.waitForConnection();
    const connection = await connect(broker.url);
    const admin = await connection.createChannel();
    await admin.deleteExchange(broker.topology.exchange);
    const lost = message(1);
    const [outcome] = await publisher.publish([lost]);
    expect(outcome).toMatchObject({ id: lost.id, confirmed: false });
    await broker.waitFor(() => !publisher?.isConnected(), 'the connection to be recycled');
    await publisher.waitForConnection();
    // The collecting queue lost its binding with the exchange: bind it again, as a consumer restarting would.
    const again = await broker.collect('#');
    const next = message(2);
    expect(await publisher.publish([next])).toEqual([{ id: next.id, confirmed: true }]);
    await broker.waitFor(() => again.ids().has(next.id), 'the delivery after recovery');
    await connection.close();
  }, TIMEOUT);
});
