// The relay job on the in-memory store with a recording publisher: what is marked, when it is tried again, and that a
// broker outage costs no attempts.
import { randomUUID } from 'node:crypto';
import { RelayOutboxUseCase, type NewOutboxMessage, type OutboxMessage, type RelaySettings } from '@aquastream/application';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStorage, type Storage } from '../../composition/storage.js';
import { createOutboxRelay } from '../../composition/outbox-relay.js';
import { RecordingMessagePublisher } from '../../messaging/recording-message-publisher.js';
import { FixedClock } from '../../testing/fixed-clock.js';

const T0 = Date.UTC(2026, 5, 1, 9, 0, 0);
const SETTINGS: RelaySettings = { batchSize: 3, maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 1_500, leaseMs: 60_000 };

function message(i: number, subject = `booking/${randomUUID()}`): NewOutboxMessage {
  return {
    id: randomUUID(),
    type: 'booking.created',
    source: 'urn:aquastream:events',
    subject,
    time: T0 + i,
    correlationId: `corr-${i}`,
    actorId: 'ann',
    data: { bookingId: subject, n: i },
  };
}

describe('relay-outbox (RelayOutboxUseCase) on the in-memory store', () => {
  let storage: Storage;
  let clock: FixedClock;
  let publisher: RecordingMessagePublisher;
  let relay: RelayOutboxUseCase;
  let written: NewOutboxMessage[];

  beforeEach(async () => {
    storage = createMemoryStorage();
    clock = new FixedClock(T0 + 1_000);
    publisher = new RecordingMessagePublisher();
    relay = new RelayOutboxUseCase(storage.uow, storage.outboxClaims, publisher, clock, SETTINGS);
    written = Array.from({ length: 5 }, (_, i) => message(i));
    await storage.uow.run((tx) => storage.outbox.append(tx, written));
  });

  const row = async (id: string | undefined): Promise<OutboxMessage | undefined> =>
    (await storage.outbox.list({ page: 1, size: 100 })).items.find((m) => m.id === id);

  it('publishes due messages oldest first, one batch per run, and marks them SENT', async () => {
    expect(await relay.execute()).toEqual({ claimed: 3, published: 3, failed: 0 });
    expect(await relay.execute()).toEqual({ claimed: 2, published: 2, failed: 0 });
    expect(await relay.execute()).toEqual({ claimed: 0, published: 0, failed: 0 });
    expect(publisher.published.map((m) => m.id)).toEqual(written.map((m) => m.id));
    expect(publisher.published[0]).toMatchObject({ ...written[0], sequence: 1 });
    expect(await storage.outbox.stats()).toMatchObject({ PENDING: 0, SENT: 5, FAILED: 0 });
    expect(await row(written[0]?.id)).toMatchObject({ status: 'SENT', sentAt: clock.now(), attempts: 0 });
  });

  it('marks only what the broker confirmed; a refused message backs off exponentially, then FAILED; retry brings it back', async () => {
    const refused = written[1]?.id ?? '';
    publisher.nack(refused);
    expect(await relay.execute()).toEqual({ claimed: 3, published: 2, failed: 1 });
    expect(await row(refused)).toMatchObject({ status: 'PENDING', attempts: 1, nextAttemptAt: clock.now() + 1_000, lastError: 'message nacked' });
    expect(await relay.execute()).toEqual({ claimed: 2, published: 2, failed: 0 });
    expect(await relay.execute()).toEqual({ claimed: 0, published: 0, failed: 0 });

    clock.advance(1_000);
    expect(await relay.execute()).toEqual({ claimed: 1, published: 0, failed: 1 });
    expect(await row(refused)).toMatchObject({ status: 'PENDING', attempts: 2, nextAttemptAt: clock.now() + 1_500 });
    clock.advance(1_500);
    expect(await relay.execute()).toEqual({ claimed: 1, published: 0, failed: 1 });
    expect(await row(refused)).toMatchObject({ status: 'FAILED', attempts: 3, nextAttemptAt: null, lastError: 'message nacked' });
    clock.advance(3_600_000);
    expect(await relay.execute()).toEqual({ claimed: 0, published: 0, failed: 0 });

    publisher.accept(refused);
    expect(await storage.uow.run((tx) => storage.outbox.retry(tx, 'ALL_FAILED', clock.now()))).toBe(1);
    expect(await relay.execute()).toEqual({ claimed: 1, published: 1, failed: 0 });
    expect(await row(refused)).toMatchObject({ status: 'SENT', lastError: null });
    expect(publisher.published.filter((m) => m.id === refused)).toHaveLength(1);
  });

  it('counts a publisher that throws as one failed attempt for the whole batch', async () => {
    publisher.failAll('channel closed');
    expect(await relay.execute()).toEqual({ claimed: 3, published: 0, failed: 3 });
    expect(await row(written[0]?.id)).toMatchObject({ status: 'PENDING', attempts: 1, lastError: 'channel closed' });
    publisher.failAll(null);
    expect(await relay.execute()).toEqual({ claimed: 2, published: 2, failed: 0 });
    clock.advance(1_000);
    expect(await relay.execute()).toEqual({ claimed: 3, published: 3, failed: 0 });
    expect(await storage.outbox.stats()).toMatchObject({ PENDING: 0, SENT: 5 });
  });

  it('claims nothing while the broker is unreachable, so an outage costs no attempts', async () => {
    publisher.connected = false;
    for (let i = 0; i < 20; i += 1) {
      expect(await relay.execute()).toEqual({ claimed: 0, published: 0, failed: 0 });
      clock.advance(60_000);
    }
    expect(await row(written[0]?.id)).toMatchObject({ status: 'PENDING', attempts: 0, nextAttemptAt: null });
    publisher.connected = true;
    expect((await relay.execute()).published).toBe(3);
  });

  it('takes over the batch of a relay that died mid-publish once its lease runs out (published again: at-least-once)', async () => {
    const died = await storage.uow.run((tx) => storage.outboxClaims.claimDue(tx, { now: clock.now(), limit: 3, leaseUntil: clock.now() + 60_000 }));
    expect(await relay.execute()).toEqual({ claimed: 2, published: 2, failed: 0 });
    clock.advance(59_999);
    expect(await relay.execute()).toEqual({ claimed: 0, published: 0, failed: 0 });
    clock.advance(1);
    expect(await relay.execute()).toEqual({ claimed: 3, published: 3, failed: 0 });
    expect(publisher.published.slice(2).map((m) => m.id)).toEqual(died.map((m) => m.id));
  });
});

describe('createOutboxRelay: the continuous loop', () => {
  it('drains full batches back to back, then polls; stop() lets the running batch finish', async () => {
    const storage = createMemoryStorage();
    const publisher = new RecordingMessagePublisher();
    const runs: number[] = [];
    const relay = createOutboxRelay(storage, publisher, { batchSize: 10, pollIntervalMs: 20, onRun: (r) => runs.push(r.claimed) });
    await storage.uow.run((tx) => storage.outbox.append(tx, Array.from({ length: 35 }, (_, i) => message(i))));
    relay.start();
    expect(relay.isRunning()).toBe(true);
    await waitUntil(async () => (await storage.outbox.stats()).SENT === 35);
    await storage.uow.run((tx) => storage.outbox.append(tx, [message(99)]));
    await waitUntil(async () => (await storage.outbox.stats()).SENT === 36);
    await relay.stop();
    expect(relay.isRunning()).toBe(false);
    expect(runs.slice(0, 4)).toEqual([10, 10, 10, 5]);
    expect(publisher.published).toHaveLength(36);
    const after = runs.length;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(runs).toHaveLength(after);
  });

  it('reports a failing run and goes on', async () => {
    const storage = createMemoryStorage();
    const errors: unknown[] = [];
    let broken = true;
    const claims = storage.outboxClaims;
    const flaky = {
      ...storage,
      outboxClaims: {
        claimDue: (...args: Parameters<typeof claims.claimDue>) => (broken ? Promise.reject(new Error('database down')) : claims.claimDue(...args)),
        markSent: claims.markSent.bind(claims),
        markUnsent: claims.markUnsent.bind(claims),
      },
    };
    const relay = createOutboxRelay(flaky, new RecordingMessagePublisher(), { pollIntervalMs: 5, maxErrorBackoffMs: 20, onError: (e) => errors.push(e) });
    await storage.uow.run((tx) => storage.outbox.append(tx, [message(1)]));
    relay.start();
    await waitUntil(() => Promise.resolve(errors.length >= 3));
    broken = false;
    await waitUntil(async () => (await storage.outbox.stats()).SENT === 1);
    await relay.stop();
    expect(String(errors[0])).toContain('database down');
  });
});

async function waitUntil(condition: () => Promise<boolean>, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
