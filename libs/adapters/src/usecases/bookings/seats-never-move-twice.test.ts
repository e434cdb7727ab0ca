// The Hi.Events bug — a second cancel of one booking gave its seats back again and drove the counter negative — must
// be impossible here: every seat change sits behind the booking's own compare-and-set, so repeating (or racing) a
// cancel, an expiry or a payment webhook moves seats at most once.
import type { GatewayEvent } from '@aquastream/application';
import type { EventState } from '@aquastream/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { admin, alice, bob, bookingWorld, GRACE_MINUTES, MIN, OPTION, TTL_MINUTES, user, value, type BookingWorld } from './booking-world.test-support.js';

const PAST_GRACE = (TTL_MINUTES + GRACE_MINUTES) * MIN + 1;

/** The counters as DESIGN §3.2 defines them, from the bookings (no waitlist in these worlds). */
async function expectCountersMatchBookings(w: BookingWorld, event: EventState): Promise<void> {
  const active = (await w.bookings.listByEvent(null, event.id)).filter((b) => b.status === 'PENDING_PAYMENT' || b.status === 'CONFIRMED');
  const seats = await w.seats(event.id);
  expect(seats.taken).toBe(active.reduce((n, b) => n + b.quantity, 0));
  expect(seats.byOption[OPTION]).toBe(active.filter((b) => b.priceOptionId === OPTION).reduce((n, b) => n + b.quantity, 0));
  expect(seats.taken).toBeGreaterThanOrEqual(0);
  expect(seats.taken).toBeLessThanOrEqual(event.capacity);
}

describe('seats never move twice', () => {
  it('a cancel repeated, one after the other and all at once, gives the seats and the promo use back once', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const promo = await w.seedPromo();
    await w.book(bob, event.id, 1);
    const booking = await w.book(alice, event.id, 3, { promoCode: 'SPRING10' });
    for (let i = 0; i < 3; i += 1) expect(value(await w.cancel.execute(alice, { bookingId: booking.id })).status).toBe('CANCELED');
    const raced = await w.afterReads(() => [alice, admin, alice, admin, alice].map((ctx) => w.cancel.execute(ctx, { bookingId: booking.id })));
    for (const r of raced) expect(value(r).status).toBe('CANCELED');
    expect((await w.seats(event.id)).taken).toBe(1);
    expect((await w.promoCodes.findById(null, promo.id))?.usesCount).toBe(0);
    expect(await w.messages('booking.canceled')).toHaveLength(1);
    expect((await w.auditOf(booking.id)).filter((a) => a.to === 'CANCELED')).toHaveLength(1);
    await expectCountersMatchBookings(w, event);
  });

  it('concurrent cancels of a paid booking refund it once', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const booking = await w.bookPaid(alice, event.id, 2);
    const raced = await w.afterReads(() => [1, 2, 3, 4].map(() => w.cancel.execute(alice, { bookingId: booking.id })));
    for (const r of raced) expect(value(r).status).toBe('CANCELED');
    const [payment] = await w.payments.listForBooking(null, booking.id);
    expect(payment?.refundedAmount).toBe(10_000);
    expect(await w.payments.listRefunds(null, { bookingId: booking.id, limit: 10 })).toHaveLength(1);
    expect(w.gateway.refundCalls).toBe(1);
    await expectCountersMatchBookings(w, event);
  });

  it('the expiry job run again, or by two replicas at once, expires each booking once', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    await w.book(alice, event.id, 2);
    await w.book(bob, event.id, 3);
    w.clock.advance(PAST_GRACE);
    const [a, b] = await w.afterReads(() => [w.expire.execute(w.ctx.scheduler), w.expire.execute(w.ctx.scheduler)]);
    expect(value(a).expired + value(b).expired).toBe(2);
    expect(value(await w.expire.execute(w.ctx.scheduler))).toMatchObject({ examined: 0, expired: 0 });
    expect((await w.seats(event.id)).taken).toBe(0);
    expect(await w.messages('booking.expired')).toHaveLength(2);
    await expectCountersMatchBookings(w, event);
  });

  it('a payment webhook delivered again (same id or not, in order or at once) confirms once and reinstates once', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const onTime = await w.book(alice, event.id, 2);
    const { event: paid } = await w.checkout(alice, onTime.id);
    const deliveries = (e: GatewayEvent) => [e, e, { ...e, id: `${e.id}-retry` }].map((x) => w.handle.execute(w.ctx.gateway, { gateway: 'sandbox', event: x }));
    const outcomes = await w.afterReads(() => deliveries(paid));
    expect(outcomes.map((o) => value(o).outcome).sort()).toEqual(['confirmed', 'duplicate', 'unchanged']);
    expect(await w.messages('booking.confirmed')).toHaveLength(1);

    const late = await w.book(bob, event.id, 3);
    const { event: latePaid } = await w.checkout(bob, late.id);
    w.clock.advance(PAST_GRACE);
    // Expired first (the gateway was asked before the buyer paid in this story), then the webhook, three times.
    await w.db.run(async (tx) => {
      const current = await w.bookings.findById(tx, late.id);
      if (current === null) throw new Error('no booking');
      await w.bookings.transition(tx, { ...current, status: 'EXPIRED' }, 'PENDING_PAYMENT');
      await w.events.adjustSeats(tx, event.id, { eventDelta: -3, option: { id: OPTION, delta: -3 }, requirePublished: false });
    });
    const lateOutcomes = await w.afterReads(() => deliveries(latePaid));
    expect(lateOutcomes.map((o) => value(o).outcome).sort()).toEqual(['duplicate', 'reinstated', 'unchanged']);
    expect((await w.seats(event.id)).taken).toBe(5);
    await expectCountersMatchBookings(w, event);
  });

  it('a cancel, the expiry job and a payment webhook racing for one booking leave the counters right', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const booking = await w.book(alice, event.id, 2);
    const { event: paid } = await w.checkout(alice, booking.id);
    w.clock.advance(PAST_GRACE);
    await w.afterReads<unknown>(() => [
      w.cancel.execute(alice, { bookingId: booking.id }),
      w.expire.execute(w.ctx.scheduler),
      w.handle.execute(w.ctx.gateway, { gateway: 'sandbox', event: paid }),
    ]);
    await expectCountersMatchBookings(w, event);
    const final = await w.booking(booking.id);
    const [payment] = await w.payments.listForBooking(null, booking.id);
    // Whatever won, the money is either kept by a confirmed booking or on its way back.
    if (final.status === 'CONFIRMED') expect(payment?.refundedAmount).toBe(0);
    else expect(payment?.refundedAmount).toBe(payment?.amount);
  });

  it('holds for any sequence of repeated and racing books, cancels, payments, webhook replays and expiry runs', async () => {
    const users = ['u1', 'u2', 'u3', 'u4'].map((id) => user(id));
    const op = fc.oneof(
      fc.record({ kind: fc.constant('book' as const), who: fc.nat(3), quantity: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ kind: fc.constant('cancel' as const), who: fc.nat(3), times: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ kind: fc.constant('pay' as const), who: fc.nat(3), times: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ kind: fc.constant('replay' as const) }),
      fc.record({ kind: fc.constant('expire' as const), replicas: fc.integer({ min: 1, max: 2 }) }),
      fc.record({ kind: fc.constant('wait' as const), minutes: fc.integer({ min: 1, max: 40 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const w = bookingWorld();
        const event = await w.seedEvent({ capacity: 6 });
        const latest = new Map<number, string>();
        const webhooks: GatewayEvent[] = [];
        for (const o of ops) {
          switch (o.kind) {
            case 'book': {
              const r = await w.create.execute(users[o.who] ?? alice, { eventId: event.id, quantity: o.quantity });
              if (r.ok) latest.set(o.who, r.value.id);
              break;
            }
            case 'cancel': {
              const id = latest.get(o.who);
              if (id !== undefined) {
                await w.afterReads(() => Array.from({ length: o.times }, () => w.cancel.execute(users[o.who] ?? alice, { bookingId: id })));
              }
              break;
            }
            case 'pay': {
              const id = latest.get(o.who);
              const booking = id === undefined ? null : await w.booking(id);
              if (booking?.status !== 'PENDING_PAYMENT') break;
              const { event: paid } = await w.checkout(users[o.who] ?? alice, booking.id);
              webhooks.push(paid);
              await w.afterReads(() => Array.from({ length: o.times }, () => w.handle.execute(w.ctx.gateway, { gateway: 'sandbox', event: paid })));
              break;
            }
            case 'replay': {
              const last = webhooks.at(-1);
              if (last !== undefined) await w.handle.execute(w.ctx.gateway, { gateway: 'sandbox', event: { ...last, id: `${last.id}-r${webhooks.length}` } });
              break;
            }
            case 'expire':
              await w.afterReads(() => Array.from({ length: o.replicas }, () => w.expire.execute(w.ctx.scheduler)));
              break;
            case 'wait':
              w.clock.advance(o.minutes * MIN);
              break;
          }
          await expectCountersMatchBookings(w, event);
        }
        // Money is never stuck: every completed payment is kept by a confirmed booking or fully refunded.
        for (const b of await w.bookings.listByEvent(null, event.id)) {
          for (const p of await w.payments.listForBooking(null, b.id)) {
            if (p.status === 'INITIATED' || p.status === 'FAILED') continue;
            if (b.status === 'CONFIRMED' && b.paidAmount === p.amount && p.refundedAmount === 0) continue;
            expect(p.refundedAmount).toBe(p.amount);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
