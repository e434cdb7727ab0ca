import { randomUUID } from 'node:crypto';
import type { FavoriteRepository, UnitOfWork } from '@aquastream/application';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

export type FavoriteRepositoryHarness = {
  readonly repo: FavoriteRepository;
  readonly uow: UnitOfWork;
  /** Favorites point at events (a foreign key in SQL): makes one and returns its id. */
  seedEvent(): Promise<string>;
  close(): Promise<void>;
};

const T0 = Date.UTC(2026, 3, 4, 5, 6, 7, 89);

/** What every FavoriteRepository does: one row per user and event, idempotent add and remove, newest first. */
export function describeFavoriteRepositoryContract(name: string, open: () => Promise<FavoriteRepositoryHarness>): void {
  describe(`FavoriteRepository contract: ${name}`, () => {
    let h: FavoriteRepositoryHarness;
    let opened = false;
    beforeAll(async () => {
      h = await open();
      opened = true;
    });
    afterAll(async () => {
      if (opened) await h.close();
    });
    const user = () => `user-${randomUUID()}`;

    it('add is idempotent and keeps the first time; remove is idempotent', async () => {
      const [u, e] = [user(), await h.seedEvent()];
      expect(await h.uow.run((tx) => h.repo.add(tx, { userId: u, eventId: e, createdAt: T0 }))).toBe(true);
      expect(await h.uow.run((tx) => h.repo.add(tx, { userId: u, eventId: e, createdAt: T0 + 5000 }))).toBe(false);
      expect(await h.repo.list(u, { page: 1, size: 10 })).toEqual({ items: [{ userId: u, eventId: e, createdAt: T0 }], total: 1 });
      expect(await h.uow.run((tx) => h.repo.remove(tx, u, e))).toBe(true);
      expect(await h.uow.run((tx) => h.repo.remove(tx, u, e))).toBe(false);
      expect(await h.repo.list(u, { page: 1, size: 10 })).toEqual({ items: [], total: 0 });
    });

    it('lists a user’s favorites newest first, paged, and nobody else’s', async () => {
      const [u, other] = [user(), user()];
      const events = [await h.seedEvent(), await h.seedEvent(), await h.seedEvent()];
      await h.uow.run(async (tx) => {
        for (const [i, e] of events.entries()) await h.repo.add(tx, { userId: u, eventId: e, createdAt: T0 + i * 1000 });
        await h.repo.add(tx, { userId: other, eventId: events[0] ?? '', createdAt: T0 + 9000 });
      });
      const first = await h.repo.list(u, { page: 1, size: 2 });
      expect(first.total).toBe(3);
      expect(first.items.map((f) => f.eventId)).toEqual([events[2], events[1]]);
      expect((await h.repo.list(u, { page: 2, size: 2 })).items.map((f) => f.eventId)).toEqual([events[0]]);
    });

    it('an add undone with its transaction leaves nothing', async () => {
      const [u, e] = [user(), await h.seedEvent()];
      await expect(
        h.uow.run(async (tx) => {
          await h.repo.add(tx, { userId: u, eventId: e, createdAt: T0 });
          throw new Error('rollback');
        }),
      ).rejects.toThrow('rollback');
      expect((await h.repo.list(u, { page: 1, size: 10 })).total).toBe(0);
    });
  });
}
