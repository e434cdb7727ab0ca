// Each job of DESIGN §6 through the job runner, as the scheduler runs it (the system actor, its lock, its records), on
// the in-memory store, SQLite and PostgreSQL, with a clock the test moves.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStorage, createSqlStorage, type Storage } from '../composition/storage.js';
import { createOutboxRelay } from '../composition/outbox-relay.js';
import { RecordingMessagePublisher } from '../messaging/recording-message-publisher.js';
import { sqlTestTargets } from '../testing/sql-test-database.js';
import { DAY, GRACE_MINUTES, HOUR, jobsWorld, MIN, OFFER_MINUTES, T0, TTL_MINUTES, user, type JobsWorld, type JobsWorldOptions } from './jobs-world.test-support.js';

type Target = { readonly name: string; open(): Promise<{ storage: Storage; url?: string; close(): Promise<void> }> };

const targets: Target[] = [
  { name: 'in-memory', open: () => Promise.resolve({ storage: createMemoryStorage(), close: () => Promise.resolve() }) },
  ...sqlTestTargets().map((t) => ({
    name: t.name,
    async open() {
      const opened = await t.open();
      return { storage: createSqlStorage(opened.db), url: opened.url, close: () => opened.close() };
    },
  })),
];

const TIMEOUT = 60_000;

for (const target of targets) {
  describe(`scheduler jobs on ${target.name}`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const c of cleanups.splice(0).reverse()) await c();
    });

    let databaseUrl: string | undefined;
    async function world(options: JobsWorldOptions = {}): Promise<JobsWorld> {
      const opened = await target.open();
      databaseUrl = opened.url;
      cleanups.push(() => opened.close());
      const w = jobsWorld(opened.storage, { databaseUrl: opened.url, ...options });
      cleanups.push(() => w.close());
      return w;
    }

    async function ran(w: JobsWorld, name: string) {
      const report = await w.runner.runNow(name);
      if (report.status !== 'RAN') throw new Error(`${name} did not run: ${JSON.stringify(report)}`);
      return report.run;
    }

    it('expire-pending-bookings: deadline + grace passed → EXPIRED, seats back, messages, the log line, the run recorded', async () => {
      const w = await world();
      const event = await w.event({ capacity: 5 });
      const bookings = [await w.book(event.id), await w.book(event.id), await w.book(event.id)];
      expect((await w.eventState(event.id)).seatsTaken).toBe(3);
      w.clock.advance((TTL_MINUTES + GRACE_MINUTES) * MIN - 1);
      expect(await ran(w, 'expire-pending-bookings')).toMatchObject({ result: 'SUCCEEDED', items: 0 });
      w.clock.advance(2);
      const run = await ran(w, 'expire-pending-bookings');
      expect(run).toMatchObject({ result: 'SUCCEEDED', items: 3, detail: expect.objectContaining({ expired: 3 }) });
      for (const b of bookings) expect(await w.bookingStatus(b.id)).toBe('EXPIRED');
      expect((await w.eventState(event.id)).seatsTaken).toBe(0);
      const expired = await w.messages('booking.expired');
      expect(expired.map((m) => m.subject).sort()).toEqual(bookings.map((b) => b.id).sort());
      expect(expired.every((m) => m.actorId === 'scheduler' && m.correlationId === run.correlationId)).toBe(true);
      expect(w.logger.matching(/^Expiring pending bookings/)).toEqual(['info: Expiring pending bookings: 0', 'info: Expiring pending bookings: 3']);
      expect(await w.storage.jobRuns.find('expire-pending-bookings')).toMatchObject({ lastStartedAt: w.clock.now(), lastResult: 'SUCCEEDED', lastItems: 3 });
      // Idempotent: nothing is left to expire.
      expect(await ran(w, 'expire-pending-bookings')).toMatchObject({ items: 0 });
      expect(await w.messages('booking.expired')).toHaveLength(3);
    }, TIMEOUT);

    it('expire-waitlist-offers: an offer past its window → EXPIRED, its seats released', async () => {
      const w = await world();
      const event = await w.event({ capacity: 1 });
      const held = await w.book(event.id, 'alice');
      const joined = await w.uc.waitlist.join.execute(user('bob'), { eventId: event.id, quantity: 1 });
      if (!joined.ok) throw new Error(joined.error.type);
      const canceled = await w.uc.bookings.cancel.execute(user('alice'), { bookingId: held.id });
      expect(canceled.ok).toBe(true);
      expect((await w.storage.waitlist.findById(null, joined.value.id))?.status).toBe('OFFERED');
      w.clock.advance(OFFER_MINUTES * MIN + 1);
      expect(await ran(w, 'expire-waitlist-offers')).toMatchObject({ result: 'SUCCEEDED', items: 1 });
      expect((await w.storage.waitlist.findById(null, joined.value.id))?.status).toBe('EXPIRED');
      expect((await w.eventState(event.id)).seatsTaken).toBe(0);
      expect(await w.messages('waitlist.offer_expired')).toHaveLength(1);
      expect(await ran(w, 'expire-waitlist-offers')).toMatchObject({ items: 0 });
    }, TIMEOUT);

    it('publish-scheduled-events: SCHEDULED with publishAt ≤ now → PUBLISHED', async () => {
      const w = await world();
      const event = await w.event({ status: 'SCHEDULED', publishAt: T0 + HOUR, publishedAt: null });
      expect(await ran(w, 'publish-scheduled-events')).toMatchObject({ items: 0 });
      w.clock.advance(HOUR);
      expect(await ran(w, 'publish-scheduled-events')).toMatchObject({ result: 'SUCCEEDED', items: 1 });
      expect((await w.eventState(event.id)).status).toBe('PUBLISHED');
      expect((await w.messages('event.published')).map((m) => m.subject)).toEqual([event.id]);
      expect(await ran(w, 'publish-scheduled-events')).toMatchObject({ items: 0 });
    }, TIMEOUT);

    it('complete-finished-events: PUBLISHED events that have ended → COMPLETED', async () => {
      const w = await world();
      const ended = await w.event({ startsAt: T0 + HOUR, endsAt: T0 + 3 * HOUR });
      const noEnd = await w.event({ startsAt: T0 + 2 * HOUR });
      w.clock.advance(2 * HOUR);
      expect(await ran(w, 'complete-finished-events')).toMatchObject({ items: 1 });
      expect((await w.eventState(noEnd.id)).status).toBe('COMPLETED');
      expect((await w.eventState(ended.id)).status).toBe('PUBLISHED');
      w.clock.advance(HOUR);
      expect(await ran(w, 'complete-finished-events')).toMatchObject({ items: 1 });
      expect((await w.eventState(ended.id)).status).toBe('COMPLETED');
      expect(await w.messages('event.completed')).toHaveLength(2);
    }, TIMEOUT);

    it('send-reminders: 24 h and 1 h before the start, once per CONFIRMED booking and window', async () => {
      const w = await world();
      const event = await w.freeEvent({ startsAt: T0 + 3 * DAY });
      const [a, b, c] = [await w.book(event.id), await w.book(event.id), await w.book(event.id)];
      expect(a.status).toBe('CONFIRMED');
      expect((await w.uc.bookings.cancel.execute(user(c.userId), { bookingId: c.id })).ok).toBe(true);
      const other = await w.freeEvent({ startsAt: T0 + 10 * DAY });
      await w.book(other.id);

      expect(await ran(w, 'send-reminders')).toMatchObject({ items: 0 });
      w.clock.set(event.startsAt - 23 * HOUR);
      expect(await ran(w, 'send-reminders')).toMatchObject({ result: 'SUCCEEDED', items: 2, detail: expect.objectContaining({ sent24h: 2, sent1h: 0 }) });
      expect(await ran(w, 'send-reminders')).toMatchObject({ items: 0 });
      w.clock.set(event.startsAt - 30 * MIN);
      expect(await ran(w, 'send-reminders')).toMatchObject({ items: 2, detail: expect.objectContaining({ sent24h: 0, sent1h: 2 }) });
      expect(await ran(w, 'send-reminders')).toMatchObject({ items: 0 });

      const reminders = await w.messages('event.reminder');
      expect(reminders.map((m) => `${m.subject} ${String(m.data['window'])}`).sort()).toEqual(
        [`${a.id} 1h`, `${a.id} 24h`, `${b.id} 1h`, `${b.id} 24h`].sort(),
      );
      expect(reminders[0]?.data).toMatchObject({ eventId: event.id, startsAt: new Date(event.startsAt).toISOString() });
      // After the start nothing more goes out.
      w.clock.set(event.startsAt + MIN);
      expect(await ran(w, 'send-reminders')).toMatchObject({ items: 0 });
    }, TIMEOUT);

    it('send-reminders: a booking made within the last hour gets the 1 h reminder only', async () => {
      const w = await world();
      const event = await w.freeEvent({ startsAt: T0 + 50 * MIN, bookingDeadlineHours: 0 });
      await w.book(event.id);
      expect(await ran(w, 'send-reminders')).toMatchObject({ items: 1, detail: expect.objectContaining({ sent24h: 0, sent1h: 1 }) });
    }, TIMEOUT);

    it('retry-crew-requests: a pending crew request past its back-off is asked again and assigned', async () => {
      const w = await world();
      const event = await w.event({
        crew: { status: 'PENDING', request: { size: 2, skills: ['skipper'] }, crewId: null, attempts: 1, nextAttemptAt: T0 + MIN, lastError: 'down' },
      });
      expect(await ran(w, 'retry-crew-requests')).toMatchObject({ items: 0 });
      w.clock.advance(MIN);
      expect(await ran(w, 'retry-crew-requests')).toMatchObject({ result: 'SUCCEEDED', items: 1 });
      expect((await w.eventState(event.id)).crew).toMatchObject({ status: 'ASSIGNED', crewId: 'crew-1' });
      expect(await w.messages('crew.assigned')).toHaveLength(1);
    }, TIMEOUT);

    it('purge-audit: booking and waitlist rows older than AUDIT_RETAIN_DAYS go; admin actions on events stay', async () => {
      const w = await world({ auditRetainDays: 30 });
      const row = (entity: 'BOOKING' | 'WAITLIST' | 'EVENT', at: number) => ({
        id: randomUUID(), entity, entityId: randomUUID(), eventId: null, from: null, to: 'X', actorId: 'someone', reason: null, at, correlationId: 'c',
      });
      const rows = [row('BOOKING', T0 - 31 * DAY), row('WAITLIST', T0 - 31 * DAY), row('EVENT', T0 - 31 * DAY), row('BOOKING', T0 - 29 * DAY)];
      await w.storage.uow.run((tx) => w.storage.audit.append(tx, rows));
      expect(await ran(w, 'purge-audit')).toMatchObject({ result: 'SUCCEEDED', items: 2, detail: expect.objectContaining({ purged: 2 }) });
      const left = await w.storage.audit.query({ page: 1, size: 10 });
      expect(left.items.map((r) => r.id).sort()).toEqual([rows[2]!.id, rows[3]!.id].sort());
      expect(await ran(w, 'purge-audit')).toMatchObject({ items: 0 });
    }, TIMEOUT);

    it('retry-refunds: runs, with nothing pending', async () => {
      const w = await world();
      expect(await ran(w, 'retry-refunds')).toMatchObject({ result: 'SUCCEEDED', items: 0 });
    }, TIMEOUT);

    it('relay-outbox: the messages the jobs wrote reach the publisher and are marked sent', async () => {
      const opened = await target.open();
      cleanups.push(() => opened.close());
      const publisher = new RecordingMessagePublisher();
      const relay = createOutboxRelay(opened.storage, publisher);
      const w = jobsWorld(opened.storage, { databaseUrl: opened.url, relay: { runOnce: () => relay.runOnce(), batchSize: 500 } });
      cleanups.push(() => w.close());
      const event = await w.event();
      await w.book(event.id);
      w.clock.advance(DAY);
      await ran(w, 'expire-pending-bookings');
      expect(await ran(w, 'relay-outbox')).toMatchObject({ result: 'SUCCEEDED', items: 2 });
      expect(publisher.published.map((m) => m.type).sort()).toEqual(['booking.created', 'booking.expired']);
      expect((await w.storage.outbox.stats()).PENDING).toBe(0);
      expect(await w.storage.jobRuns.find('relay-outbox')).toMatchObject({ lastResult: 'SUCCEEDED', lastItems: 2 });
    }, TIMEOUT);

    it('relay-outbox with concurrency 3: three batches claimed apart and published side by side, each message once', async () => {
      const opened = await target.open();
      cleanups.push(() => opened.close());
      const publisher = new RecordingMessagePublisher();
      const relay = createOutboxRelay(opened.storage, publisher, { batchSize: 2 });
      let calls = 0;
      let inFlight = 0;
      let maxInFlight = 0;
      const counted = async () => {
        calls += 1;
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          return await relay.runOnce();
        } finally {
          inFlight -= 1;
        }
      };
      const w = jobsWorld(opened.storage, { databaseUrl: opened.url, relay: { runOnce: counted, batchSize: 2, concurrency: 3 } });
      cleanups.push(() => w.close());
      const event = await w.event();
      for (let i = 0; i < 3; i += 1) await w.book(event.id);
      await ran(w, 'relay-outbox');
      expect(calls % 3).toBe(0);
      expect(maxInFlight).toBe(3);
      const ids = publisher.published.map((m) => m.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect((await w.storage.outbox.stats()).PENDING).toBe(0);
    }, TIMEOUT);

    it('a job that fails is recorded FAILED and runs again at the next try', async () => {
      const w = await world();
      const event = await w.event({ crew: { status: 'PENDING', request: { size: 1, skills: [] }, crewId: null, attempts: 1, nextAttemptAt: T0, lastError: null } });
      w.crew.failAlways();
      // The crew use case absorbs the service's failures (RETRYING); a store that throws is what fails a run.
      const events = Object.assign(Object.create(w.storage.events) as Storage['events'], {
        findCrewRetryDue: () => Promise.reject(new Error('connection reset')),
      });
      const broken = jobsWorld({ ...w.storage, events }, { databaseUrl });
      cleanups.push(() => broken.close());
      expect(await ran(broken, 'retry-crew-requests')).toMatchObject({ result: 'FAILED', error: 'connection reset' });
      expect(broken.logger.matching(/failed/)).toEqual(['error: job retry-crew-requests failed: connection reset']);
      w.crew.failAlways(false);
      w.clock.advance(HOUR);
      expect(await ran(w, 'retry-crew-requests')).toMatchObject({ result: 'SUCCEEDED', items: 1 });
      expect((await w.eventState(event.id)).crew.status).toBe('ASSIGNED');
    }, TIMEOUT);
  });
}
