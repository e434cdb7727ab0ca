// The same promise as seats-never-move-twice.test.ts on SQL stores: on PostgreSQL the racing calls run in parallel
// transactions, so here it is the compare-and-set and the conditional updates that keep the counters right.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlTestTargets, type OpenedTestDatabase } from '../../testing/sql-test-database.js';
import { admin, alice, bob, GRACE_MINUTES, MIN, TTL_MINUTES, value } from './booking-world.test-support.js';
import { sqlBookingWorld } from './sql-booking-world.test-support.js';

const PAST_GRACE = (TTL_MINUTES + GRACE_MINUTES) * MIN + 1;

for (const target of sqlTestTargets({ poolMax: 20 })) {
  describe(`seats never move twice on ${target.name}`, () => {
    let opened: OpenedTestDatabase | null = null;
    beforeAll(async () => {
      opened = await target.open();
    });
    afterAll(async () => {
      await opened?.close();
    });
    const world = () => {
      if (opened === null) throw new Error('no database');
      return sqlBookingWorld(opened.db);
    };

    it('ten cancels of one paid booking at once: seats back once, refunded once', async () => {
      const w = await world();
      const event = await w.seedEvent();
      await w.book(bob, event.id, 1);
      const booking = await w.bookPaid(alice, event.id, 3);
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => w.cancel.execute(i % 2 === 0 ? alice : admin, { bookingId: booking.id })),
      );
      for (const r of results) expect(value(r).status).toBe('CANCELED');
      expect(await w.seats(event.id)).toMatchObject({ taken: 1, byOption: { [event.priceOptions[0]?.id ?? '']: 1 } });
      const [payment] = await w.payments.listForBooking(null, booking.id);
      expect(payment?.refundedAmount).toBe(payment?.amount);
      expect(await w.payments.listRefunds(null, { bookingId: booking.id, limit: 10 })).toHaveLength(1);
      expect(w.gateway.refundCalls).toBe(1);
      expect((await w.messages('booking.canceled')).filter((m) => m.subject === booking.id)).toHaveLength(1);
    });

    it('four replicas of the expiry job at once: each booking expired once', async () => {
      const w = await world();
      const event = await w.seedEvent();
      const promo = await w.seedPromo({ code: `P${Date.now()}` });
      const a = await w.book(alice, event.id, 2, { promoCode: promo.code });
      const b = await w.book(bob, event.id, 3);
      w.clock.advance(PAST_GRACE);
      // The database is shared by the file's tests: earlier worlds' unpaid bookings are due too, and that is fine.
      const runs = await Promise.all(Array.from({ length: 4 }, () => w.expire.execute(w.ctx.scheduler)));
      for (const r of runs) expect(value(r).failed).toEqual([]);
      expect((await w.seats(event.id)).taken).toBe(0);
      expect((await w.promoCodes.findById(null, promo.id))?.usesCount).toBe(0);
      for (const id of [a.id, b.id]) {
        expect((await w.booking(id)).status).toBe('EXPIRED');
        expect((await w.messages('booking.expired')).filter((m) => m.subject === id)).toHaveLength(1);
      }
    });

    it('one payment webhook delivered eight times at once (same and new ids): confirmed once; a late one reinstates once', async () => {
      const w = await world();
      const event = await w.seedEvent();
      const booking = await w.book(alice, event.id, 2);
      const { event: paid } = await w.checkout(alice, booking.id);
      const deliver = (i: number) =>
        w.handle.execute(w.ctx.gateway, { gateway: 'sandbox', event: i % 2 === 0 ? paid : { ...paid, id: `${paid.id}-${i}` } });
      const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => deliver(i)));
      expect(outcomes.filter((o) => value(o).outcome === 'confirmed')).toHaveLength(1);
      expect((await w.seats(event.id)).taken).toBe(2);
      expect((await w.messages('booking.confirmed')).filter((m) => m.subject === booking.id)).toHaveLength(1);

      const late = await w.book(bob, event.id, 3);
      const { event: latePaid } = await w.checkout(bob, late.id);
      w.clock.advance(PAST_GRACE);
      const again = await Promise.all(
        Array.from({ length: 6 }, (_, i) => w.handle.execute(w.ctx.gateway, { gateway: 'sandbox', event: { ...latePaid, id: `${latePaid.id}-${i % 3}` } })),
      );
      expect(again.filter((o) => value(o).outcome === 'reinstated')).toHaveLength(1);
      expect((await w.seats(event.id)).taken).toBe(5);
    });

    it('a cancel, the expiry job and the payment webhook racing: the counters match what won', async () => {
      const w = await world();
      const event = await w.seedEvent();
      const booking = await w.book(alice, event.id, 2);
      const { event: paid } = await w.checkout(alice, booking.id);
      w.clock.advance(PAST_GRACE);
      await Promise.all([
        w.cancel.execute(alice, { bookingId: booking.id }),
        w.expire.execute(w.ctx.scheduler),
        w.handle.execute(w.ctx.gateway, { gateway: 'sandbox', event: paid }),
      ]);
      const final = await w.booking(booking.id);
      const active = final.status === 'CONFIRMED' || final.status === 'PENDING_PAYMENT';
      expect((await w.seats(event.id)).taken).toBe(active ? 2 : 0);
      const [payment] = await w.payments.listForBooking(null, booking.id);
      if (final.status === 'CONFIRMED') expect(payment?.refundedAmount).toBe(0);
      else expect(payment?.refundedAmount).toBe(payment?.amount);
    });
  });
}
