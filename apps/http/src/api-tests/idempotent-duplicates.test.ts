// Issue 4: "concurrent duplicates book once". Ten identical POST /bookings with one Idempotency-Key, sent at once,
// create exactly one booking: each answer is the first answer replayed or 409 IDEMPOTENCY_KEY_IN_PROGRESS — on the
// in-memory store and on PostgreSQL (when TEST_DATABASE_URL is set), where the requests really run in parallel.
import { createMemoryStorage, createSqlStorage, type Storage } from '@aquastream/adapters';
import { FixedClock, postgresTestTarget, type OpenedTestDatabase } from '@aquastream/adapters/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { event, organiser, person, type World } from '../routes/waitlist.fixtures.test-support.js';
import { testApp } from '../testing/test-app.test-support.js';

const pg = postgresTestTarget({ poolMax: 10 });
const opened: OpenedTestDatabase[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
});

const stores: [string, () => Promise<Storage>][] = [['memory', () => Promise.resolve(createMemoryStorage())]];
if (pg !== null) {
  stores.push([
    'postgres',
    async () => {
      const db = await pg.open();
      opened.push(db);
      return createSqlStorage(db.db);
    },
  ]);
}

describe.each(stores)('concurrent duplicates with one Idempotency-Key (%s)', (_name, makeStorage) => {
  it('ten identical bookings at once make one booking; every answer is that booking or "in progress"', async () => {
    const clock = new FixedClock(Date.now());
    const w: World = { ...testApp({ clock, storage: await makeStorage() }), clock };
    const org = await organiser(w);
    const ev = await event(w, org, { capacity: 5 });
    const buyer = await person(w);
    const body = { eventId: ev.id, quantity: 2 };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => w.call('POST', '/api/v1/bookings', { token: buyer.token, body, headers: { 'Idempotency-Key': 'dup-key-0001' } })),
    );
    const created = answers.filter((a) => a.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((a): unknown => a.json.id)).size).toBe(1);
    for (const a of answers.filter((x) => x.status !== 201)) expect(a.json?.code).toBe('IDEMPOTENCY_KEY_IN_PROGRESS');
    const mine = await w.call('GET', '/api/v1/bookings', { token: buyer.token });
    expect(mine.json.totalElements).toBe(1);
    const seen = await w.call('GET', `/api/v1/events/${ev.id}`);
    expect(seen.json.seatsAvailable).toBe(3);
    // Once the first answer is stored, a repeat is a replay of it.
    const again = await w.call('POST', '/api/v1/bookings', { token: buyer.token, body, headers: { 'Idempotency-Key': 'dup-key-0001' } });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json.id).toBe(created[0]?.json.id);
  }, 60_000);
});
