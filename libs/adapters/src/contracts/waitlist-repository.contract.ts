import { randomUUID } from 'node:crypto';
import { ConflictError, WAITLIST_ACTIVE_PER_USER, type UnitOfWork, type WaitlistRepository } from '@aquastream/application';
import { waitlistPositions, type WaitlistEntry } from '@aquastream/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

export type WaitlistRepositoryHarness = {
  readonly repo: WaitlistRepository;
  readonly uow: UnitOfWork;
  /** Entries belong to an event (a foreign key in SQL): makes one and returns its id. */
  seedEvent(): Promise<string>;
  close(): Promise<void>;
};

// Milliseconds on purpose: the stores must keep them.
const T0 = Date.UTC(2026, 5, 1, 9, 30, 0, 123);
const MIN = 60_000;

/**
 * What every WaitlistRepository does: one active entry per user and event (refused as a ConflictError), the line's
 * order, compare-and-set transitions, the lists and counts of the use cases, and positions counted by the store.
 * One database serves the suite; each case makes its own event, so cases do not see each other's rows.
 */
export function describeWaitlistRepositoryContract(name: string, open: () => Promise<WaitlistRepositoryHarness>): void {
  describe(`WaitlistRepository contract: ${name}`, () => {
    let h: WaitlistRepositoryHarness;
    let opened = false;
    beforeAll(async () => {
      h = await open();
      opened = true;
    });
    afterAll(async () => {
      if (opened) await h.close();
    });

    const anEntry = (eventId: string, o: Partial<WaitlistEntry> = {}): WaitlistEntry => ({
      id: randomUUID(),
      eventId,
      userId: `user-${randomUUID()}`,
      quantity: 2,
      priority: 0,
      status: 'WAITING',
      joinedAt: T0,
      priceOptionId: null,
      offeredAt: null,
      offerExpiresAt: null,
      bookingId: null,
      updatedAt: T0,
      ...o,
    });
    const save = (...entries: WaitlistEntry[]) =>
      h.uow.run(async (tx) => {
        for (const e of entries) await h.repo.insert(tx, e);
      });
    const offered = (eventId: string, expiresAt: number, o: Partial<WaitlistEntry> = {}) =>
      anEntry(eventId, { status: 'OFFERED', offeredAt: expiresAt - 30 * MIN, offerExpiresAt: expiresAt, ...o });

    it('stores an entry and reads it back field for field, with millisecond times', async () => {
      const eventId = await h.seedEvent();
      const entry = anEntry(eventId, {
        priority: -3, priceOptionId: randomUUID(), status: 'CLAIMED', offeredAt: T0 + 1, offerExpiresAt: T0 + 30 * MIN + 7,
        bookingId: randomUUID(), updatedAt: T0 + 999,
      });
      await save(entry);
      expect(await h.repo.findById(null, entry.id)).toEqual(entry);
      expect(await h.repo.findById(null, randomUUID())).toBeNull();
    });

    it('refuses a second WAITING or OFFERED entry of a user for an event with ConflictError, and keeps nothing of it', async () => {
      const eventId = await h.seedEvent();
      const first = anEntry(eventId);
      await save(first);
      for (const status of ['WAITING', 'OFFERED'] as const) {
        const second = anEntry(eventId, { userId: first.userId, status, offerExpiresAt: status === 'OFFERED' ? T0 : null });
        const error = await save(second).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ConflictError);
        expect((error as ConflictError).constraint).toBe(WAITLIST_ACTIVE_PER_USER);
        expect(await h.repo.findById(null, second.id)).toBeNull();
      }
    });

    it('lets finished entries pile up, and the same user wait for another event', async () => {
      const eventId = await h.seedEvent();
      const other = await h.seedEvent();
      const userId = 'returning-user';
      await save(
        anEntry(eventId, { userId, status: 'LEFT' }),
        anEntry(eventId, { userId, status: 'EXPIRED' }),
        anEntry(eventId, { userId, status: 'CLAIMED' }),
        anEntry(eventId, { userId, status: 'CANCELED' }),
        anEntry(eventId, { userId }),
        anEntry(other, { userId }),
      );
      expect(await h.repo.hasActiveEntry(null, eventId, userId)).toBe(true);
      expect(await h.repo.countActive(null, eventId)).toBe(1);
    });

    it('transitions by compare-and-set on the stored status', async () => {
      const eventId = await h.seedEvent();
      const entry = anEntry(eventId);
      await save(entry);
      const next: WaitlistEntry = { ...entry, status: 'OFFERED', offeredAt: T0 + MIN, offerExpiresAt: T0 + 31 * MIN, updatedAt: T0 + MIN };
      expect(await h.uow.run((tx) => h.repo.transition(tx, next, 'WAITING'))).toBe(true);
      expect(await h.repo.findById(null, entry.id)).toEqual(next);
      // A repeat (a second expiry, a racing claim) finds the status moved on and changes nothing.
      const stale: WaitlistEntry = { ...entry, status: 'LEFT', updatedAt: T0 + 2 * MIN };
      expect(await h.uow.run((tx) => h.repo.transition(tx, stale, 'WAITING'))).toBe(false);
      expect(await h.repo.findById(null, entry.id)).toEqual(next);
      const claimed: WaitlistEntry = { ...next, status: 'CLAIMED', bookingId: randomUUID(), updatedAt: T0 + 3 * MIN };
      expect(await h.uow.run((tx) => h.repo.transition(tx, claimed, 'OFFERED'))).toBe(true);
      expect(await h.repo.findById(null, entry.id)).toEqual(claimed);
      expect(await h.uow.run((tx) => h.repo.transition(tx, { ...claimed, id: randomUUID() }, 'CLAIMED'))).toBe(false);
    });

    it('keeps the one-active-entry rule when an entry would come back into line', async () => {
      const eventId = await h.seedEvent();
      const old = anEntry(eventId, { status: 'LEFT' });
      const current = anEntry(eventId, { userId: old.userId });
      await save(old, current);
      const error = await h.uow.run((tx) => h.repo.transition(tx, { ...old, status: 'WAITING' }, 'LEFT')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect((await h.repo.findById(null, old.id))?.status).toBe('LEFT');
    });

    it('tells which of several events have someone WAITING (an OFFERED entry alone does not count)', async () => {
      const [waiting, offeredOnly, empty] = [await h.seedEvent(), await h.seedEvent(), await h.seedEvent()];
      await save(anEntry(waiting), anEntry(waiting, { status: 'LEFT' }), anEntry(waiting));
      await save(offered(offeredOnly, T0 + 30 * MIN));
      const found = await h.repo.eventsWithWaiting(null, [waiting, offeredOnly, empty, waiting]);
      expect([...found]).toEqual([waiting]);
      expect(await h.repo.eventsWithWaiting(null, [])).toEqual([]);
    });

    it('gives the waiting line head first: priority, then join time, then id', async () => {
      const eventId = await h.seedEvent();
      const other = await h.seedEvent();
      const [idA, idB] = [randomUUID(), randomUUID()].sort();
      const rows = [
        anEntry(eventId, { joinedAt: T0 + 5 }),
        anEntry(eventId, { id: idB!, joinedAt: T0 + 1 }),
        anEntry(eventId, { id: idA!, joinedAt: T0 + 1 }),
        anEntry(eventId, { priority: -1, joinedAt: T0 + 9 }),
        anEntry(eventId, { priority: 2, joinedAt: T0 }),
        offered(eventId, T0 + 30 * MIN, { joinedAt: T0 - 5 }),
        anEntry(eventId, { status: 'LEFT', joinedAt: T0 - 5 }),
        anEntry(other, { joinedAt: T0 - 100 }),
      ];
      await save(...rows);
      const line = await h.uow.run((tx) => h.repo.waitingLine(tx, eventId));
      expect(line.map((e) => e.id)).toEqual([rows[3]!.id, idA, idB, rows[0]!.id, rows[4]!.id]);
      expect(line[0]).toEqual(rows[3]);

      const all = await h.repo.listByEvent(null, eventId);
      expect(all).toHaveLength(7);
      expect(all[0]!.id).toBe(rows[3]!.id);
      const active = await h.repo.listByEvent(null, eventId, ['OFFERED', 'LEFT']);
      expect(active.map((e) => e.id).sort()).toEqual([rows[5]!.id, rows[6]!.id].sort());
      expect(await h.repo.listByEvent(null, eventId, [])).toEqual([]);
      expect(await h.repo.countActive(null, eventId)).toBe(6);
    });

    it('pages an event’s entries in line order, with the total', async () => {
      const eventId = await h.seedEvent();
      const rows = Array.from({ length: 5 }, (_, i) => anEntry(eventId, { joinedAt: T0 + i }));
      await save(...rows, anEntry(eventId, { status: 'EXPIRED', joinedAt: T0 + 10 }));
      const second = await h.repo.pageByEvent(eventId, { page: 2, size: 2, statuses: ['WAITING'] });
      expect(second.total).toBe(5);
      expect(second.items.map((e) => e.id)).toEqual([rows[2]!.id, rows[3]!.id]);
      expect((await h.repo.pageByEvent(eventId, { page: 1, size: 10 })).total).toBe(6);
      expect(await h.repo.pageByEvent(eventId, { page: 1, size: 10, statuses: [] })).toEqual({ items: [], total: 0 });
    });

    it('lists a user’s entries in every status and event, newest first, paged', async () => {
      const e1 = await h.seedEvent();
      const e2 = await h.seedEvent();
      const userId = `me-${randomUUID()}`;
      const rows = [
        anEntry(e1, { userId, status: 'LEFT', joinedAt: T0 }),
        anEntry(e2, { userId, joinedAt: T0 + 2 * MIN }),
        anEntry(e1, { userId, status: 'CANCELED', joinedAt: T0 + MIN }),
        offered(e1, T0 + 60 * MIN, { userId, joinedAt: T0 + 3 * MIN }),
        anEntry(e2, { joinedAt: T0 + 10 * MIN }),
      ];
      await save(...rows);
      const first = await h.repo.listForUser(userId, { page: 1, size: 3 });
      expect(first.total).toBe(4);
      expect(first.items.map((e) => e.id)).toEqual([rows[3]!.id, rows[1]!.id, rows[2]!.id]);
      expect((await h.repo.listForUser(userId, { page: 2, size: 3 })).items.map((e) => e.id)).toEqual([rows[0]!.id]);
      expect(await h.repo.listForUser('nobody', { page: 1, size: 3 })).toEqual({ items: [], total: 0 });
    });

    it('answers whether a user is in line for an event', async () => {
      const eventId = await h.seedEvent();
      const waiting = anEntry(eventId);
      const holding = offered(eventId, T0 + MIN);
      const gone = anEntry(eventId, { status: 'EXPIRED' });
      await save(waiting, holding, gone);
      expect(await h.repo.hasActiveEntry(null, eventId, waiting.userId)).toBe(true);
      expect(await h.repo.hasActiveEntry(null, eventId, holding.userId)).toBe(true);
      expect(await h.repo.hasActiveEntry(null, eventId, gone.userId)).toBe(false);
      expect(await h.repo.hasActiveEntry(null, eventId, 'stranger')).toBe(false);
    });

    it('finds offers whose window has passed, strictly before now, the longest lapsed first, up to a limit', async () => {
      const eventId = await h.seedEvent();
      const now = T0 + 365 * 24 * 60 * MIN; // later than every other case's offers, so only this case's rows qualify
      const lapsedEarly = offered(eventId, now - 10 * MIN);
      const lapsedLate = offered(eventId, now - 1);
      const atNow = offered(eventId, now);
      const future = offered(eventId, now + MIN);
      const claimed = anEntry(eventId, { status: 'CLAIMED', offerExpiresAt: now - 20 * MIN });
      await save(lapsedLate, atNow, future, claimed, lapsedEarly);
      const found = (await h.repo.findExpiredOffers(now, 100)).filter((e) => e.eventId === eventId);
      expect(found.map((e) => e.id)).toEqual([lapsedEarly.id, lapsedLate.id]);
      expect(found[0]).toEqual(lapsedEarly);
      const limited = await h.repo.findExpiredOffers(now, 1);
      expect(limited).toHaveLength(1);
    });

    it('counts positions in the line like the domain does, for WAITING entries only', async () => {
      const eventId = await h.seedEvent();
      const other = await h.seedEvent();
      const rows = [
        anEntry(eventId, { joinedAt: T0 + 3 }),
        anEntry(eventId, { joinedAt: T0 + 1 }),
        anEntry(eventId, { joinedAt: T0 + 1 }),
        anEntry(eventId, { priority: -2, joinedAt: T0 + 50 }),
        anEntry(eventId, { priority: 1, joinedAt: T0 }),
        offered(eventId, T0 + MIN, { joinedAt: T0 - 1 }),
        anEntry(eventId, { status: 'LEFT', joinedAt: T0 - 1 }),
        anEntry(other, { joinedAt: T0 + 2 }),
        anEntry(other, { joinedAt: T0 - 2 }),
      ];
      await save(...rows);
      const expected = waitlistPositions(rows);
      const asked = [...rows.map((e) => e.id), randomUUID()];
      const got = await h.repo.positions(null, asked);
      expect(new Map([...got].sort())).toEqual(new Map([...expected].sort()));
      expect(got.get(rows[3]!.id)).toBe(1);
      expect(got.get(rows[4]!.id)).toBe(5);
      expect(got.has(rows[5]!.id)).toBe(false);
      expect((await h.repo.positions(null, [rows[0]!.id])).get(rows[0]!.id)).toBe(4);
      expect((await h.repo.positions(null, [])).size).toBe(0);
    });

    it('shows a transaction its own writes and nobody else, and keeps nothing of one that failed', async () => {
      const eventId = await h.seedEvent();
      const entry = anEntry(eventId);
      const failure = new Error('rolled back on purpose');
      const thrown = await h.uow
        .run(async (tx) => {
          await h.repo.lockLine(tx, eventId);
          await h.repo.insert(tx, entry);
          expect(await h.repo.findById(tx, entry.id)).toEqual(entry);
          expect(await h.repo.hasActiveEntry(tx, eventId, entry.userId)).toBe(true);
          expect((await h.repo.positions(tx, [entry.id])).get(entry.id)).toBe(1);
          throw failure;
        })
        .catch((e: unknown) => e);
      expect(thrown).toBe(failure);
      expect(await h.repo.findById(null, entry.id)).toBeNull();
      expect(await h.repo.countActive(null, eventId)).toBe(0);
    });
  });
}
