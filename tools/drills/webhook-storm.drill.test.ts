// Drill: a webhook storm (issue 7, "Fault drills"). 100 bookings on PostgreSQL through the built API, each with an open
// sandbox payment; then 1 000 signed webhooks for them — the provider's own Pay delivery plus duplicates of one
// payment.succeeded event, re-sends of success under new event ids and late payment.failed reports — shuffled and
// posted concurrently. Then half the buyers cancel (each twice, concurrently) and a second storm brings duplicated and
// re-identified refund.succeeded events and more late successes. Raw SQL and outbox counts per booking show each
// booking confirmed once, each payment completed once, each refund made once and never doubled.
import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, freshDatabase, knob, must, organiser, pgUrl, pool, publishedEvent, report, SANDBOX_SECRET, startApi, tally, token, type Api, type DrillDatabase } from './support/drill.test-support.js';
import { count, messagesPerSubject, seatDrift } from './support/invariants.test-support.js';

const BOOKINGS = knob('DRILL_STORM_BOOKINGS', 100, 300);
const CONCURRENCY = knob('DRILL_STORM_CONCURRENCY', 24, 48);

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** The sandbox provider's webhook, signed as DESIGN §4 says: `t=<s>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. */
function signed(event: { id: string; type: string; reference: string; amount: number; currency: string }): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({ id: event.id, type: event.type, data: { reference: event.reference, amount: event.amount, currency: event.currency } });
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', SANDBOX_SECRET).update(`${t}.${body}`).digest('hex');
  return { body, headers: { 'content-type': 'application/json', 'x-sandbox-signature': `t=${t},v1=${v1}` } };
}

describe.skipIf(pgUrl === null)(`drill: webhook storm${pgUrl === null ? ' (skipped: TEST_DATABASE_URL not set)' : ''}`, () => {
  let db: DrillDatabase;
  let api: Api;

  beforeAll(async () => {
    db = await freshDatabase();
    api = await startApi({ DATABASE_URL: db.url, DB_POOL_MAX: '10', LOG_LEVEL: 'warn' });
  }, 120_000);
  afterAll(async () => {
    if (process.env['DRILLS_VERBOSE'] === '1') console.log(api?.output().slice(-20_000));
    await api?.stop();
    await db?.drop();
  });

  it(`${BOOKINGS} bookings, ${BOOKINGS * 10} shuffled concurrent payment webhooks, then cancels and refund webhooks: once each, never doubled`, async () => {
    const org = await organiser(api.base);
    const events = [await publishedEvent(api.base, org, { capacity: BOOKINGS, price: 2500 }), await publishedEvent(api.base, org, { capacity: BOOKINGS, price: 1700 })];
    const buyers = await Promise.all(Array.from({ length: BOOKINGS }, async (_, i) => ({ token: await token(randomUUID()), event: events[i % 2] as { id: string } })));
    const deals = await pool(8, buyers.map((b) => async () => {
      const booking = await must(api.base, 'POST', '/api/v1/bookings', { token: b.token, body: { eventId: b.event.id, quantity: 1 } });
      const payment = await must(api.base, 'POST', '/api/v1/payments', { token: b.token, body: { bookingId: booking.id } });
      return { token: b.token, bookingId: booking.id as string, paymentId: payment.id as string, reference: payment.gatewayReference as string, amount: payment.amount as number, currency: payment.currency as string };
    }));

    // Storm 1: ten deliveries per booking.
    const storm1: { kind: string; send: () => Promise<number> }[] = [];
    const webhook = (e: Parameters<typeof signed>[0]) => async () => {
      const s = signed(e);
      return (await call(api.base, 'POST', '/api/v1/payments/webhooks/sandbox', { body: s.body, headers: s.headers })).status;
    };
    for (const d of deals) {
      const base = { reference: d.reference, amount: d.amount, currency: d.currency };
      // The buyer presses Pay: the provider's own delivery (and what lets the sandbox refund it later).
      storm1.push({ kind: 'checkout pay', send: async () => (await fetch(`${api.base}/sandbox/checkout/${encodeURIComponent(d.reference)}/pay`, { method: 'POST', redirect: 'manual' })).status });
      const ok1 = `evt_ok_${randomUUID()}`;
      for (let k = 0; k < 5; k += 1) storm1.push({ kind: 'succeeded (duplicate id)', send: webhook({ id: ok1, type: 'payment.succeeded', ...base }) });
      for (let k = 0; k < 2; k += 1) storm1.push({ kind: 'succeeded (new id)', send: webhook({ id: `evt_ok_${randomUUID()}`, type: 'payment.succeeded', ...base }) });
      const failed = `evt_fail_${randomUUID()}`;
      for (let k = 0; k < 2; k += 1) storm1.push({ kind: 'failed (late)', send: webhook({ id: failed, type: 'payment.failed', ...base }) });
    }
    shuffle(storm1);
    const answers1 = await pool(CONCURRENCY, storm1.map((w) => async () => `${w.kind} → ${await w.send()}`));

    const bookingIds = deals.map((d) => d.bookingId);
    expect(await count(db, `SELECT COUNT(*)::int AS n FROM bookings WHERE status = 'CONFIRMED' AND id = ANY($1::uuid[])`, [bookingIds])).toBe(BOOKINGS);
    expect(await count(db, `SELECT COUNT(*)::int AS n FROM payments WHERE status = 'COMPLETED'`)).toBe(BOOKINGS);

    // Storm 2: half the buyers cancel, twice each at once, while late successes keep arriving.
    const canceling = deals.filter((_, i) => i % 2 === 0);
    const storm2a: (() => Promise<string>)[] = [];
    for (const d of canceling) {
      for (let k = 0; k < 2; k += 1) storm2a.push(async () => `cancel → ${(await call(api.base, 'POST', `/api/v1/bookings/${d.bookingId}/cancel`, { token: d.token, body: { reason: 'storm drill' } })).status}`);
      for (let k = 0; k < 2; k += 1) {
        const w = webhook({ id: `evt_late_${randomUUID()}`, type: 'payment.succeeded', reference: d.reference, amount: d.amount, currency: d.currency });
        storm2a.push(async () => `late succeeded → ${await w()}`);
      }
    }
    const answers2a = await pool(CONCURRENCY, shuffle(storm2a));
    // The refunds' references, as the provider would report them.
    const refunds = await db.query<{ booking_id: string; gateway_reference: string; amount: number }>(`SELECT booking_id, gateway_reference, amount FROM refunds`);
    const storm2b: (() => Promise<string>)[] = [];
    for (const r of refunds) {
      const d = deals.find((x) => x.bookingId === r.booking_id);
      if (d === undefined || r.gateway_reference === null) continue;
      const base = { type: 'refund.succeeded', reference: r.gateway_reference, amount: r.amount, currency: d.currency };
      const id = `evt_rf_${randomUUID()}`;
      for (let k = 0; k < 4; k += 1) storm2b.push(async () => `refund (duplicate id) → ${await webhook({ id, ...base })()}`);
      for (let k = 0; k < 2; k += 1) storm2b.push(async () => `refund (new id) → ${await webhook({ id: `evt_rf_${randomUUID()}`, ...base })()}`);
    }
    const answers2b = await pool(CONCURRENCY, shuffle(storm2b));

    // Raw SQL: once each, never doubled.
    const confirmed = await messagesPerSubject(db, 'booking.confirmed');
    const completed = await messagesPerSubject(db, 'payment.completed');
    const refunded = await messagesPerSubject(db, 'payment.refunded');
    const canceled = await messagesPerSubject(db, 'booking.canceled');
    expect(deals.filter((d) => confirmed.get(d.bookingId) !== 1)).toEqual([]);
    expect(deals.filter((d) => completed.get(d.paymentId) !== 1)).toEqual([]);
    expect(await count(db, `SELECT COUNT(*)::int AS n FROM payments`)).toBe(BOOKINGS);
    const cancelIds = new Set(canceling.map((d) => d.bookingId));
    const perBooking = await db.query<{ booking_id: string; n: number; total: number; completed: number }>(
      `SELECT booking_id, COUNT(*)::int AS n, SUM(amount)::int AS total, COUNT(*) FILTER (WHERE status = 'COMPLETED')::int AS completed FROM refunds GROUP BY booking_id`,
    );
    expect(perBooking.filter((r) => r.n !== 1 || r.completed !== 1 || !cancelIds.has(r.booking_id))).toEqual([]);
    expect(perBooking.length).toBe(canceling.length);
    const overRefunded = await db.query(`SELECT p.id FROM payments p WHERE p.refunded_amount > p.amount OR p.refunded_amount <> COALESCE((SELECT SUM(r.amount) FROM refunds r WHERE r.payment_id = p.id AND r.status = 'COMPLETED'), 0)`);
    expect(overRefunded).toEqual([]);
    expect(canceling.filter((d) => refunded.get(d.paymentId) !== 1 || canceled.get(d.bookingId) !== 1)).toEqual([]);
    expect(deals.filter((d) => !cancelIds.has(d.bookingId) && (refunded.has(d.paymentId) || canceled.has(d.bookingId)))).toEqual([]);
    expect(await count(db, `SELECT COUNT(*)::int AS n FROM bookings WHERE status = 'CANCELED'`)).toBe(canceling.length);
    expect(await count(db, `SELECT COUNT(*)::int AS n FROM bookings WHERE status = 'CONFIRMED'`)).toBe(BOOKINGS - canceling.length);
    expect(await seatDrift(db)).toEqual([]);
    const all = [...answers1, ...answers2a, ...answers2b];
    expect(all.filter((a) => / → 5\d\d$/.test(a))).toEqual([]);
    report(
      'webhook-storm',
      `${BOOKINGS} bookings; storm 1: ${answers1.length} deliveries ${JSON.stringify(tally(answers1))}; storm 2: ${JSON.stringify(tally(answers2a))}, ` +
        `${answers2b.length} refund webhooks ${JSON.stringify(tally(answers2b))}; result: ${BOOKINGS} confirmed once (1 booking.confirmed each), ` +
        `${BOOKINGS} payments completed once, ${perBooking.length} refunds (one per canceled booking, 1 payment.refunded each), 0 over-refunded, seats = holds`,
    );
  }, 300_000);
});
