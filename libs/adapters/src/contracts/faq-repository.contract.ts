import type { FaqEntry, FaqRepository, UnitOfWork } from '@aquastream/application';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW, uuid } from './event-record.fixture.js';

export type FaqStore = {
  readonly repo: FaqRepository;
  readonly uow: UnitOfWork;
  /** An event (and its organisation) for entries to belong to; returns its id. */
  seedEvent(): Promise<string>;
  deleteEvent(id: string): Promise<void>;
  close(): Promise<void>;
};

const anEntry = (eventId: string, overrides: Partial<FaqEntry> = {}): FaqEntry => ({
  id: uuid(),
  eventId,
  question: 'Is there parking?',
  answer: 'Yes, by the pier.',
  position: 0,
  createdAt: NOW,
  ...overrides,
});

/** What every FaqRepository must do (SQL on SQLite and PostgreSQL, in-memory). */
export function describeFaqRepositoryContract(name: string, make: () => Promise<FaqStore>): void {
  describe(`FaqRepository contract: ${name}`, () => {
    let store: FaqStore | undefined;
    beforeAll(async () => {
      store = await make();
    });
    afterAll(async () => store?.close());
    const s = (): FaqStore => store as FaqStore;
    const insert = (entry: FaqEntry) => s().uow.run((tx) => s().repo.insert(tx, entry));

    it('stores an entry and finds it by id', async () => {
      const entry = anEntry(await s().seedEvent());
      await insert(entry);
      expect(await s().repo.findById(null, entry.id)).toEqual(entry);
      expect(await s().repo.findById(null, uuid())).toBeNull();
    });

    it('lists an event\'s entries by position, then creation, then id', async () => {
      const [eventId, other] = [await s().seedEvent(), await s().seedEvent()];
      const c = anEntry(eventId, { position: 2 });
      const a = anEntry(eventId, { position: 1, createdAt: NOW + 1 });
      const b = anEntry(eventId, { position: 1, createdAt: NOW + 5 });
      for (const e of [c, b, a, anEntry(other)]) await insert(e);
      expect((await s().repo.listByEvent(null, eventId)).map((e) => e.id)).toEqual([a.id, b.id, c.id]);
      expect(await s().repo.listByEvent(null, uuid())).toEqual([]);
    });

    it('updates question, answer and position, and says when there was nothing to update', async () => {
      const entry = anEntry(await s().seedEvent());
      await insert(entry);
      const next = { ...entry, question: 'Parking?', answer: 'No.', position: 4, createdAt: NOW + 99 };
      expect(await s().uow.run((tx) => s().repo.update(tx, next))).toBe(true);
      expect(await s().repo.findById(null, entry.id)).toEqual({ ...next, createdAt: entry.createdAt });
      expect(await s().uow.run((tx) => s().repo.update(tx, anEntry(entry.eventId)))).toBe(false);
    });

    it('deletes an entry once', async () => {
      const entry = anEntry(await s().seedEvent());
      await insert(entry);
      expect(await s().uow.run((tx) => s().repo.delete(tx, entry.id))).toBe(true);
      expect(await s().uow.run((tx) => s().repo.delete(tx, entry.id))).toBe(false);
      expect(await s().repo.findById(null, entry.id)).toBeNull();
    });

    it('goes with its event', async () => {
      const eventId = await s().seedEvent();
      const entry = anEntry(eventId);
      await insert(entry);
      await s().deleteEvent(eventId);
      expect(await s().repo.findById(null, entry.id)).toBeNull();
      expect(await s().repo.listByEvent(null, eventId)).toEqual([]);
    });

    it('refuses an entry of an unknown event', async () => {
      await expect(insert(anEntry(uuid()))).rejects.toThrow();
    });
  });
}
