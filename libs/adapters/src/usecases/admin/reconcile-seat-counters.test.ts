import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlTestTargets } from '../../testing/sql-test-database.js';
import { admin, adminWorld, cli, errorType, guest, manager, memoryStores, sqlStores, value, type AdminWorld, type Stores } from './admin-world.test-support.js';

function describeReconcile(name: string, open: () => Promise<Stores>): void {
  describe(`ReconcileSeatCountersUseCase on ${name}`, () => {
    let stores: Stores;
    let w: AdminWorld;
    beforeAll(async () => {
      stores = await open();
      w = adminWorld(stores);
    });
    afterAll(async () => {
      await stores?.close();
    });

    it('finds and repairs a counter that was corrupted on purpose', async () => {
      const event = await w.seedEvent();
      const optionId = event.priceOptions[0]?.id ?? '';
      await w.book(event, 'u-1', 2);
      await w.book(event, 'u-2', 3, { paid: true });
      await w.enqueue(event, 'u-3', 1, 'OFFERED');
      await w.enqueue(event, 'u-4', 2, 'WAITING');
      const healthy = await w.event(event.id);
      expect(healthy.seatsTaken).toBe(6);

      await stores.corruptSeats(event.id, 9, optionId, 1);

      const report = value(await w.reconcile.execute(admin, { eventIds: [event.id] }));
      expect(report).toEqual({
        checked: 1,
        repaired: 0,
        drifted: [
          {
            eventId: event.id,
            repaired: false,
            drift: [
              { field: 'seatsTaken', stored: 9, expected: 6 },
              { field: `priceOptions.${optionId}.seatsTaken`, stored: 1, expected: 5 },
            ],
          },
        ],
      });
      expect((await w.event(event.id)).seatsTaken).toBe(9); // a report alone changes nothing

      const fixed = value(await w.reconcile.execute(cli, { fix: true }));
      expect(fixed.repaired).toBe(1);
      expect(fixed.drifted.map((d) => [d.eventId, d.repaired])).toEqual([[event.id, true]]);
      const repaired = await w.event(event.id);
      expect(repaired.seatsTaken).toBe(6);
      expect(repaired.priceOptions[0]?.seatsTaken).toBe(5);
      const audit = (await w.auditRows('EVENT')).filter((r) => r.entityId === event.id);
      expect(audit).toEqual([
        expect.objectContaining({ actorId: 'cli:alice', from: 'PUBLISHED', to: 'PUBLISHED', reason: expect.stringContaining('seatsTaken 9 → 6') as unknown }),
      ]);

      const clean = value(await w.reconcile.execute(admin, {}));
      expect(clean.drifted).toEqual([]);
      expect(clean.checked).toBeGreaterThanOrEqual(1);
    });

    it('checks every event when none is named, and leaves healthy ones alone', async () => {
      const a = await w.seedEvent();
      const b = await w.seedEvent();
      await w.book(a, 'u-5', 1);
      await stores.corruptSeats(b.id, 4, b.priceOptions[0]?.id ?? '', 0);
      const report = value(await w.reconcile.execute(admin, { fix: true }));
      expect(report.drifted.map((d) => d.eventId)).toEqual([b.id]);
      expect((await w.event(b.id)).seatsTaken).toBe(0);
      expect((await w.event(a.id)).seatsTaken).toBe(1);
    });

    it('is for admins only', async () => {
      expect(errorType(await w.reconcile.execute(guest, {}))).toBe('NOT_AUTHENTICATED');
      expect(errorType(await w.reconcile.execute(manager, { fix: true }))).toBe('FORBIDDEN');
    });
  });
}

describeReconcile('in-memory', () => Promise.resolve(memoryStores()));
for (const target of sqlTestTargets()) describeReconcile(target.name, async () => sqlStores(await target.open()));
