// Issue 3, "Proof": floods of concurrent createBooking calls through the real use case on PostgreSQL, each in its own
// transaction on one of twenty pooled connections, sell exactly what there is — seats, an option's quota, a promo
// code's uses — and nothing else; whoever loses gets the error of DESIGN §3.3, never an exception.
import type { AppError } from '@aquastream/application';
import type { Booking, Result } from '@aquastream/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedTestDatabase } from '../../testing/sql-test-database.js';
import { admin, openPgWorld, pgSuffix, pgTarget, user, type PgWorld } from './pg-world.test-support.js';

const FLOOD = 300;
const TIMEOUT = 120_000;

/** Every call answered (none threw), the successes, and the error types of the refusals with their counts. */
function tally(settled: PromiseSettledResult<Result<Booking, AppError>>[]) {
  const thrown = settled.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
  const results = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const booked = results.flatMap((r) => (r.ok ? [r.value] : []));
  const errors: Record<string, number> = {};
  for (const r of results) if (!r.ok) errors[r.error.type] = (errors[r.error.type] ?? 0) + 1;
  const reasons = new Set(results.flatMap((r) => (!r.ok && 'reason' in r.error ? [String(r.error.reason)] : [])));
  return { thrown, booked, errors, reasons };
}

async function flood(calls: () => Promise<Result<Booking, AppError>>[]) {
  const started = performance.now();
  const settled = await Promise.allSettled(calls());
  return { ...tally(settled), ms: performance.now() - started };
}

describe.skipIf(pgTarget === null)(`booking floods on PostgreSQL through CreateBookingUseCase${pgSuffix}`, () => {
  let opened: OpenedTestDatabase | null = null;
  let w: PgWorld;

  beforeAll(async () => {
    if (pgTarget === null) return;
    opened = await pgTarget.open();
    w = await openPgWorld(opened);
  }, TIMEOUT);
  afterAll(async () => {
    await opened?.close();
  });

  /** The stored counters equal the sums and reconcile, asked as an admin would, finds nothing to repair. */
  async function expectNoDrift(eventId: string): Promise<void> {
    const counters = await w.counters(eventId);
    const sums = await w.sums(eventId);
    expect(counters.seatsTaken).toBe(sums.booked + sums.held);
    for (const o of counters.options) expect(o.seatsTaken, `option ${o.id}`).toBe(sums.byOption[o.id] ?? 0);
    const report = await w.reconcile.execute(admin, { eventIds: [eventId] });
    if (!report.ok) expect.fail(JSON.stringify(report.error));
    expect(report.value).toMatchObject({ checked: 1, drifted: [], repaired: 0 });
  }

  it(`${FLOOD} users at once for 25 seats: 25 bookings, ${FLOOD - 25} EVENT_FULL, counter 25, no drift`, async () => {
    const event = await w.seedEvent({ capacity: 25 });
    const result = await flood(() =>
      Array.from({ length: FLOOD }, (_, i) => w.create.execute(user(`flood-${i}`), { eventId: event.id, quantity: 1 })),
    );
    console.log(
      `[flood] ${FLOOD} concurrent createBooking calls for 25 seats (pool 20): ${result.ms.toFixed(0)} ms, ` +
        `${((FLOOD * 1000) / result.ms).toFixed(0)} calls/s, ${((result.booked.length * 1000) / result.ms).toFixed(1)} bookings/s`,
    );
    expect(result.thrown).toEqual([]);
    expect(result.booked).toHaveLength(25);
    expect(result.errors).toEqual({ EVENT_FULL: FLOOD - 25 });
    expect(new Set(result.booked.map((b) => b.userId)).size).toBe(25);
    expect((await w.counters(event.id)).seatsTaken).toBe(25);
    expect(await w.activeBookings(event.id)).toBe(25);
    await expectNoDrift(event.id);
  }, TIMEOUT);

  it(`${FLOOD} users at once for a price option with a quota of 10 (event of 100 seats): exactly 10 of that option`, async () => {
    const event = await w.seedEvent({ capacity: 100, options: [{ quantity: null }, { name: 'VIP', price: 9_000, quantity: 10 }] });
    const vip = event.priceOptions[1]!.id;
    const result = await flood(() =>
      Array.from({ length: FLOOD }, (_, i) => w.create.execute(user(`vip-${i}`), { eventId: event.id, quantity: 1, priceOptionId: vip })),
    );
    console.log(`[flood] ${FLOOD} concurrent calls for an option quota of 10: ${result.ms.toFixed(0)} ms`);
    expect(result.thrown).toEqual([]);
    expect(result.booked).toHaveLength(10);
    expect(result.errors).toEqual({ PRICE_OPTION_SOLD_OUT: FLOOD - 10 });
    const counters = await w.counters(event.id);
    expect(counters.seatsTaken).toBe(10);
    expect(counters.options.map((o) => o.seatsTaken)).toEqual([0, 10]);
    expect(await w.activeBookings(event.id, { priceOptionId: vip })).toBe(10);
    expect(await w.activeBookings(event.id)).toBe(10);
    await expectNoDrift(event.id);
  }, TIMEOUT);

  it(`${FLOOD} users at once with a promo code of maxUses 7 (seats for all): exactly 7 bookings use it`, async () => {
    const event = await w.seedEvent({ capacity: FLOOD + 100 });
    const promo = await w.seedPromo({ maxUses: 7 });
    const result = await flood(() =>
      Array.from({ length: FLOOD }, (_, i) => w.create.execute(user(`promo-${i}`), { eventId: event.id, quantity: 1, promoCode: promo.code })),
    );
    console.log(`[flood] ${FLOOD} concurrent calls for a promo code of 7 uses: ${result.ms.toFixed(0)} ms`);
    expect(result.thrown).toEqual([]);
    expect(result.booked).toHaveLength(7);
    expect(result.booked.every((b) => b.promoCodeId === promo.id)).toBe(true);
    expect(result.errors).toEqual({ INVALID_PROMO_CODE: FLOOD - 7 });
    expect(result.reasons).toEqual(new Set(['EXHAUSTED']));
    expect(await w.promoUses(promo.id)).toBe(7);
    expect(await w.activeBookings(event.id, { promoCodeId: promo.id })).toBe(7);
    expect(await w.activeBookings(event.id)).toBe(7);
    expect((await w.counters(event.id)).seatsTaken).toBe(7);
    await expectNoDrift(event.id);
  }, TIMEOUT);

  it('50 calls at once by one user for 2 seats each: one booking, 49 ALREADY_BOOKED, 2 seats taken', async () => {
    const event = await w.seedEvent({ capacity: 200 });
    const eager = user('eager-1');
    const result = await flood(() => Array.from({ length: 50 }, () => w.create.execute(eager, { eventId: event.id, quantity: 2 })));
    expect(result.thrown).toEqual([]);
    expect(result.booked).toHaveLength(1);
    expect(result.errors).toEqual({ ALREADY_BOOKED: 49 });
    expect((await w.counters(event.id)).seatsTaken).toBe(2);
    expect(await w.activeBookings(event.id)).toBe(1);
    await expectNoDrift(event.id);
  }, TIMEOUT);

  it(`${FLOOD} users at once with seats for all: ${FLOOD} bookings (the write throughput the note quotes)`, async () => {
    const event = await w.seedEvent({ capacity: FLOOD });
    const result = await flood(() =>
      Array.from({ length: FLOOD }, (_, i) => w.create.execute(user(`sale-${i}`), { eventId: event.id, quantity: 1 })),
    );
    console.log(
      `[flood] ${FLOOD} concurrent createBooking calls, seats for all: ${result.ms.toFixed(0)} ms, ` +
        `${((result.booked.length * 1000) / result.ms).toFixed(1)} bookings/s`,
    );
    expect(result.thrown).toEqual([]);
    expect(result.booked).toHaveLength(FLOOD);
    expect((await w.counters(event.id)).seatsTaken).toBe(FLOOD);
    expect(await w.activeBookings(event.id)).toBe(FLOOD);
    await expectNoDrift(event.id);
  }, TIMEOUT);
});
