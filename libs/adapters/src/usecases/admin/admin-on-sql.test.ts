// The admin commands end to end on SQLite and PostgreSQL: the in-memory tests prove the rules; these prove that the
// SQL adapters carry the whole cascade (counters, compare-and-sets, refunds, outbox, audit, idempotency keys).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlTestTargets } from '../../testing/sql-test-database.js';
import { admin, adminWorld, cli, sqlStores, value, DAY, type AdminWorld, type Stores } from './admin-world.test-support.js';

for (const target of sqlTestTargets()) {
  describe(`admin commands on ${target.name}`, () => {
    let stores: Stores;
    let w: AdminWorld;
    beforeAll(async () => {
      stores = await sqlStores(await target.open());
      w = adminWorld(stores);
    });
    afterAll(async () => {
      await stores?.close();
    });

    it('cancels an event with its cascade, once', async () => {
      const event = await w.seedEvent({
        crew: { status: 'ASSIGNED', request: { size: 1, skills: [] }, crewId: 'crew-9', attempts: 0, nextAttemptAt: null, lastError: null },
      });
      const promo = await w.seedPromo(event.id);
      const pending = await w.book(event, 'u-1', 2, { promoId: promo.id });
      const paid = await w.book(event, 'u-2', 3, { paid: true });
      const offered = await w.enqueue(event, 'u-3', 1, 'OFFERED');
      await w.enqueue(event, 'u-4', 4, 'WAITING');

      const dry = value(await w.cancel.execute(admin, { eventId: event.id, reason: 'storm', dryRun: true }));
      expect(dry.plan).toMatchObject({ bookingsCanceled: 2, refundTotal: paid.totalAmount, waitlistCanceled: 2, crewReleased: true });
      expect((await w.event(event.id)).seatsTaken).toBe(6);

      const outcome = value(await w.cancel.execute(admin, { eventId: event.id, reason: 'storm' }));
      expect(outcome.changed).toBe(true);
      const after = await w.event(event.id);
      expect(after).toMatchObject({ status: 'CANCELED', seatsTaken: 0 });
      expect(after.priceOptions[0]?.seatsTaken).toBe(0);
      expect((await w.booking(pending.id)).status).toBe('CANCELED');
      expect((await w.booking(paid.id)).refund).toEqual({ amount: paid.totalAmount, percent: 100, status: 'COMPLETED' });
      expect((await w.waitlist.findById(null, offered.id))?.status).toBe('CANCELED');
      expect((await w.promoCodes.findById(null, promo.id))?.usesCount).toBe(0);
      expect(await w.messageTypes(event.id)).toEqual(['event.canceled', 'crew.released']);

      const again = value(await w.cancel.execute(admin, { eventId: event.id, reason: 'storm' }));
      expect(again.changed).toBe(false);
      expect(w.gateway.refunds).toHaveLength(1);
    });

    it('bulk-cancels by filter and skips on a re-run', async () => {
      const a = await w.seedEvent({ title: 'Regatta north' });
      const b = await w.seedEvent({ title: 'Regatta south' });
      const input = { selection: { filter: { q: 'Regatta' } }, reason: 'season closed' };
      const first = value(await w.bulkCancel.execute(cli, input));
      expect(first.items.map((i) => [i.eventId, i.outcome])).toEqual([
        [a.id, 'done'],
        [b.id, 'done'],
      ]);
      const rerun = value(await w.bulkCancel.execute(cli, { selection: { eventIds: [a.id, b.id] }, reason: 'season closed' }));
      expect(rerun.items.map((i) => i.code)).toEqual(['ALREADY_DONE', 'ALREADY_DONE']);
    });

    it('bulk-reschedules once per command', async () => {
      const a = await w.seedEvent();
      const input = { selection: { eventIds: [a.id] }, shiftMs: DAY };
      expect(value(await w.bulkReschedule.execute(admin, input)).counts.done).toBe(1);
      expect(value(await w.bulkReschedule.execute(admin, input)).counts.skipped).toBe(1);
      expect((await w.event(a.id)).startsAt).toBe(a.startsAt + DAY);
    });
  });
}
