import { randomUUID } from 'node:crypto';
import type { AuditEntry, AuditLog, UnitOfWork } from '@aquastream/application';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

export type AuditLogHarness = { readonly audit: AuditLog; readonly uow: UnitOfWork; close(): Promise<void> };

const T0 = Date.parse('2026-06-01T10:00:00.000Z');
const HOUR = 3_600_000;

function entry(over: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: randomUUID(),
    entity: 'BOOKING',
    entityId: randomUUID(),
    eventId: randomUUID(),
    from: 'PENDING_PAYMENT',
    to: 'CONFIRMED',
    actorId: 'user-1',
    reason: null,
    at: T0,
    correlationId: 'corr-1',
    ...over,
  };
}

/** The behaviour every AuditLog adapter shares. Tests filter on fresh ids/actors so that they do not interfere. */
export function describeAuditLogContract(name: string, open: () => Promise<AuditLogHarness>): void {
  describe(`AuditLog contract: ${name}`, () => {
    let h: AuditLogHarness;
    beforeAll(async () => {
      h = await open();
    });
    afterAll(async () => {
      await h?.close();
    });
    const append = (entries: readonly AuditEntry[]): Promise<void> => h.uow.run((tx) => h.audit.append(tx, entries));

    it('stores an entry as written and finds it by entity and id', async () => {
      const e = entry({ entity: 'WAITLIST', from: null, to: 'WAITING', reason: 'joined', eventId: null });
      await append([e]);
      const { items, total } = await h.audit.query({ entity: 'WAITLIST', entityId: e.entityId, page: 1, size: 10 });
      expect(total).toBe(1);
      expect(items).toEqual([e]);
    });

    it('lists newest first, in pages, with the total', async () => {
      const actorId = `actor-${randomUUID()}`;
      const entries = [3, 1, 4, 0, 2].map((i) => entry({ actorId, at: T0 + i * HOUR }));
      await append(entries);
      const page1 = await h.audit.query({ actorId, page: 1, size: 2 });
      const page3 = await h.audit.query({ actorId, page: 3, size: 2 });
      expect(page1.total).toBe(5);
      expect(page1.items.map((i) => i.at)).toEqual([T0 + 4 * HOUR, T0 + 3 * HOUR]);
      expect(page3.items.map((i) => i.at)).toEqual([T0]);
    });

    it('filters by entity, entity id, actor and a [from, to) window, combined', async () => {
      const actorId = `actor-${randomUUID()}`;
      const bookingId = randomUUID();
      const rows = [
        entry({ actorId, entityId: bookingId, at: T0 }),
        entry({ actorId, entityId: bookingId, at: T0 + HOUR, from: 'CONFIRMED', to: 'CANCELED' }),
        entry({ actorId, entity: 'EVENT', entityId: bookingId, at: T0 + 2 * HOUR, from: 'PUBLISHED', to: 'CANCELED' }),
        entry({ actorId, at: T0 + 3 * HOUR }),
        entry({ entityId: bookingId, at: T0 + 4 * HOUR }), // another actor
      ];
      await append(rows);
      const ids = async (q: Omit<Parameters<AuditLog['query']>[0], 'page' | 'size'>): Promise<string[]> =>
        (await h.audit.query({ ...q, page: 1, size: 50 })).items.map((i) => i.id);
      expect(await ids({ actorId })).toEqual([rows[3], rows[2], rows[1], rows[0]].map((r) => r?.id));
      expect(await ids({ actorId, entity: 'EVENT' })).toEqual([rows[2]?.id]);
      expect(await ids({ entity: 'BOOKING', entityId: bookingId })).toEqual([rows[4], rows[1], rows[0]].map((r) => r?.id));
      expect(await ids({ actorId, from: T0 + HOUR, to: T0 + 3 * HOUR })).toEqual([rows[2]?.id, rows[1]?.id]);
      expect(await ids({ actorId, from: T0 + 3 * HOUR })).toEqual([rows[3]?.id]);
      expect(await ids({ actorId, to: T0 + HOUR })).toEqual([rows[0]?.id]);
      expect(await ids({ actorId: `nobody-${randomUUID()}` })).toEqual([]);
    });

    it('keeps nothing from a transaction that rolls back', async () => {
      const e = entry();
      await expect(
        h.uow.run(async (tx) => {
          await h.audit.append(tx, [e]);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect((await h.audit.query({ entityId: e.entityId, page: 1, size: 10 })).total).toBe(0);
    });

    it('purges booking and waitlist rows older than the cutoff, and keeps event and payment rows', async () => {
      const actorId = `actor-${randomUUID()}`;
      const old = T0 - 100 * 24 * HOUR;
      const rows = [
        entry({ actorId, entity: 'BOOKING', at: old }),
        entry({ actorId, entity: 'WAITLIST', at: old }),
        entry({ actorId, entity: 'EVENT', at: old }),
        entry({ actorId, entity: 'PAYMENT', at: old }),
        entry({ actorId, entity: 'BOOKING', at: T0 }), // exactly at the cutoff: kept
      ];
      await append(rows);
      const purged = await h.uow.run((tx) => h.audit.purge(tx, T0));
      expect(purged).toBeGreaterThanOrEqual(2);
      const left = (await h.audit.query({ actorId, page: 1, size: 10 })).items.map((i) => i.entity).sort();
      expect(left).toEqual(['BOOKING', 'EVENT', 'PAYMENT']);
      expect(await h.uow.run((tx) => h.audit.purge(tx, T0))).toBe(0);
    });
  });
}
