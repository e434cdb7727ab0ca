// Drill: the broker goes away during a booking burst and comes back (issue 7, "Fault drills"). The API (relay inline)
// and the scheduler deployment run as child processes; both relays reach RabbitMQ through a TCP proxy (the real broker
// is shared and stays up), on an exchange of their own (AMQP_TOPOLOGY_PREFIX) with a queue this drill binds to it.
// While the proxy is cut, N bookings are made — they must all succeed (the outbox is why) — and both /health/ready
// show the broker down (the API staying ready: the broker is not a required dependency). After restoring, every outbox
// message is delivered (counted by id; duplicates are allowed, at-least-once, none may be missing) and the backlog is
// back to zero.
import { randomBytes, randomUUID } from 'node:crypto';
import { connect, type Channel, type ChannelModel } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amqpUrl, call, freshDatabase, knob, organiser, pgUrl, pool, publishedEvent, report, startApi, startScheduler, tally, token, waitUntil, type Api, type DrillDatabase, type Organiser, type Scheduler } from './support/drill.test-support.js';
import { bookingsWithoutCreatedMessage, count, seatDrift } from './support/invariants.test-support.js';
import { startTcpProxy, viaProxy, type TcpProxy } from './support/tcp-proxy.test-support.js';

const BOOKINGS = knob('DRILL_BROKER_BOOKINGS', 150, 1_500);
const skip = pgUrl === null || amqpUrl === null;

describe.skipIf(skip)(`drill: broker down and back during a booking burst${skip ? ' (skipped: TEST_DATABASE_URL and TEST_AMQP_URL not both set)' : ''}`, () => {
  const prefix = `drill-${randomBytes(4).toString('hex')}.`;
  const exchange = `${prefix}aquastream.events`;
  const queue = `${prefix}drill-counter`;
  let db: DrillDatabase;
  let proxy: TcpProxy;
  let api: Api;
  let scheduler: Scheduler;
  let org: Organiser;
  let connection: ChannelModel;
  let channel: Channel;
  const delivered: string[] = [];

  beforeAll(async () => {
    db = await freshDatabase();
    const target = new URL(amqpUrl ?? '');
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5672) });
    // The counting side talks to the broker directly: only the relay's link is cut.
    connection = await connect(amqpUrl ?? '');
    channel = await connection.createChannel();
    await channel.assertExchange(exchange, 'topic', { durable: true });
    await channel.assertQueue(queue, { durable: false, autoDelete: false });
    await channel.bindQueue(queue, exchange, '#');
    await channel.consume(queue, (msg) => {
      if (msg === null) return;
      delivered.push(String(msg.properties.messageId ?? JSON.parse(msg.content.toString()).id));
      channel.ack(msg);
    });
    // The API runs its jobs inline too, with every job but the relay off: two relays share the outbox (as API replicas
    // and a scheduler would), and the API's own readiness shows the broker.
    api = await startApi({
      DATABASE_URL: db.url,
      LOG_LEVEL: 'warn',
      SCHEDULER_MODE: 'inline',
      AMQP_URL: viaProxy(amqpUrl ?? '', proxy),
      AMQP_TOPOLOGY_PREFIX: prefix,
      JOB_RELAY_OUTBOX_INTERVAL: '200ms',
      ...Object.fromEntries(
        ['EXPIRE_PENDING_BOOKINGS', 'EXPIRE_WAITLIST_OFFERS', 'PUBLISH_SCHEDULED_EVENTS', 'COMPLETE_FINISHED_EVENTS', 'RETRY_CREW_REQUESTS', 'RETRY_REFUNDS', 'SEND_REMINDERS', 'PURGE_AUDIT'].map(
          (j) => [`JOB_${j}_INTERVAL`, 'off'],
        ),
      ),
    });
    scheduler = await startScheduler({
      DATABASE_URL: db.url,
      AMQP_URL: viaProxy(amqpUrl ?? '', proxy),
      AMQP_TOPOLOGY_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      JOB_RELAY_OUTBOX_INTERVAL: '200ms',
    });
    org = await organiser(api.base);
  }, 120_000);

  afterAll(async () => {
    if (process.env['DRILLS_VERBOSE'] === '1') console.log(scheduler?.output().slice(-20_000));
    await scheduler?.stop();
    await api?.stop();
    await proxy?.close();
    if (channel !== undefined) {
      await channel.deleteQueue(queue);
      for (const x of [exchange, `${exchange}.dlx`]) await channel.deleteExchange(x);
      await channel.deleteQueue(`${exchange}.dead-letter`);
      await connection.close();
    }
    await db?.drop();
  });

  for (const mode of ['refuse', 'blackhole'] as const) {
    it(`${mode}: ${BOOKINGS} bookings while cut all succeed; afterwards every outbox message is delivered and the backlog is zero`, async () => {
      const event = await publishedEvent(api.base, org, { capacity: 2 * BOOKINGS + 10, title: `Drill regatta (${mode})` });
      // The relay is connected and publishing before the cut: the event's own messages arrive.
      const before = await db.query<{ id: string }>(`SELECT id FROM outbox_messages WHERE subject = $1`, [event.id]);
      await waitUntil('the event messages delivered', () => before.every((m) => delivered.includes(m.id)), 60_000);

      // The burst: a third before the cut (the relay publishing while the link drops), N while cut, a third while it recovers.
      const book = async (n: number): Promise<number[]> => {
        const tokens = await Promise.all(Array.from({ length: n }, () => token(randomUUID())));
        return pool(16, tokens.map((t) => async () => (await call(api.base, 'POST', '/api/v1/bookings', { token: t, body: { eventId: event.id, quantity: 1 } })).status));
      };
      const third = Math.ceil(BOOKINGS / 3);
      const beforeCut = book(third);
      await waitUntil('bookings under way', async () => (await count(db, `SELECT COUNT(*)::int AS n FROM bookings WHERE event_id = $1`, [event.id])) >= third / 2);
      await proxy.cut(mode);
      let readyWhileCut: unknown = null;
      let apiReadyWhileCut: { status: number; json: unknown } | null = null;
      let answers!: number[];
      let afterRestore!: Promise<number[]>;
      try {
        await waitUntil('the scheduler to notice the broker is gone', async () => {
          const r = await call(scheduler.base, 'GET', '/health/ready', { signal: AbortSignal.timeout(20_000) });
          readyWhileCut = r.json;
          return r.json?.checks?.broker?.status === 'DOWN';
        }, 90_000, 250);
        await waitUntil('the API to notice the broker is gone', async () => {
          const r = await call(api.base, 'GET', '/health/ready', { signal: AbortSignal.timeout(20_000) });
          apiReadyWhileCut = { status: r.status, json: r.json };
          return r.json?.checks?.broker?.status === 'DOWN';
        }, 90_000, 250);
        answers = await book(BOOKINGS);
      } finally {
        await proxy.restore();
        afterRestore = book(third);
      }
      const backlogAtRestore = await count(db, `SELECT COUNT(*)::int AS n FROM outbox_messages WHERE status <> 'SENT'`); // racing the relay: indicative

      const aroundCut = [...(await beforeCut), ...(await afterRestore)];
      await waitUntil('the outbox backlog back to zero', async () => (await count(db, `SELECT COUNT(*)::int AS n FROM outbox_messages WHERE status <> 'SENT'`)) === 0, 120_000, 250);
      const all = (await db.query<{ id: string }>(`SELECT id FROM outbox_messages`)).map((r) => r.id);
      await waitUntil('every outbox message delivered', () => {
        const seen = new Set(delivered);
        return all.every((id) => seen.has(id));
      }, 60_000, 250);

      expect(tally(answers)).toEqual({ 201: BOOKINGS });
      expect(tally(aroundCut)).toEqual({ 201: 2 * third });
      expect(readyWhileCut).toMatchObject({ checks: { broker: { status: 'DOWN' } } });
      // The broker is not required: the API stays ready (a broker outage is a delay, not an outage).
      expect(apiReadyWhileCut).toMatchObject({ status: 200, json: { status: 'UP', checks: { database: { status: 'UP' }, broker: { status: 'DOWN', required: false } } } });
      const seen = new Set(delivered);
      const missing = all.filter((id) => !seen.has(id));
      expect(missing).toEqual([]);
      expect(await count(db, `SELECT COUNT(*)::int AS n FROM outbox_messages WHERE status = 'FAILED'`)).toBe(0);
      const createdForEvent = await count(db, `SELECT COUNT(*)::int AS n FROM outbox_messages o JOIN bookings b ON o.subject = b.id::text WHERE o.type = 'booking.created' AND b.event_id = $1`, [event.id]);
      expect(createdForEvent).toBe(BOOKINGS + 2 * third);
      expect(await seatDrift(db)).toEqual([]);
      expect(await bookingsWithoutCreatedMessage(db)).toEqual([]);
      const duplicates = delivered.length - seen.size;
      report(
        'broker-outage',
        `${mode}: ${BOOKINGS} bookings while cut → ${JSON.stringify(tally(answers))} (+${2 * third} around the cut → ${JSON.stringify(tally(aroundCut))}); readiness while cut: scheduler and API show the broker DOWN, the API stays ready (200); backlog at restore ${backlogAtRestore}; ` +
          `after restore all ${all.length} outbox messages delivered (${delivered.length} deliveries so far, ${duplicates} duplicates), 0 missing, 0 FAILED, backlog 0; ` +
          `proxy accepted ${proxy.accepted} connections, swallowed ${proxy.swallowed}`,
      );
    }, 300_000);
  }
});
