import { ConflictError, type EventRecord, type EventRepository, type UnitOfWork } from '@aquastream/application';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEventCatalogueContract } from './event-catalogue.contract.js';
import { describeEventJobQueriesContract } from './event-job-queries.contract.js';
import { anOption, aRecord, DAY, NOW, uuid } from './event-record.fixture.js';

export type EventStore = {
  readonly repo: EventRepository;
  readonly uow: UnitOfWork;
  /** An organisation and categories for the events to point at (foreign keys in SQL). */
  seedOrganization(id: string): Promise<void>;
  seedCategory(id: string, parentId: string | null): Promise<void>;
  close(): Promise<void>;
};

/**
 * What every EventRepository must do (SQL on SQLite and PostgreSQL, in-memory): the same answers, the same refusals.
 * Each block opens a store of its own, since the catalogue and job queries read every event in it.
 */
export function describeEventRepositoryContract(name: string, make: () => Promise<EventStore>): void {
  describe(`EventRepository contract: ${name}`, () => {
    describeRecordsContract(make);
    describeSeatsContract(make);
    describeEventCatalogueContract(make);
    describeEventJobQueriesContract(make);
  });
}

function useStore(make: () => Promise<EventStore>): { store: () => EventStore; org: string } {
  let store: EventStore | undefined;
  const org = uuid();
  beforeAll(async () => {
    store = await make();
    await store.seedOrganization(org);
  });
  afterAll(async () => store?.close());
  return { store: () => store as EventStore, org };
}

async function inserted(s: EventStore, record: EventRecord): Promise<EventRecord> {
  await s.uow.run((tx) => s.repo.insert(tx, record));
  return record;
}

function describeRecordsContract(make: () => Promise<EventStore>): void {
  describe('records', () => {
    const { store, org } = useStore(make);

    it('round-trips every field of a record', async () => {
      const s = store();
      const category = uuid();
      await s.seedCategory(category, null);
      const options = [anOption({ quantity: 5 }), anOption({ price: 0, active: false })];
      const record = aRecord(org, {
        status: 'IN_REVIEW',
        publishAt: NOW + DAY,
        priceOptions: options,
        rejectionReason: 'needs a photo',
        rescheduledAt: NOW - 1,
        crew: { status: 'PENDING', request: { size: 2, skills: ['skipper', 'medic'] }, crewId: null, attempts: 2, nextAttemptAt: NOW + 60_000, lastError: 'timeout' },
        details: {
          categoryId: category,
          featured: true,
          priceOptionDescriptions: { [options[0]?.id ?? '']: 'Grown-ups', [options[1]?.id ?? '']: null },
        },
        avgRating: 4.67,
        reviewCount: 3,
        version: 4,
      });
      await inserted(s, record);
      expect(await s.repo.findById(null, record.state.id)).toEqual(record);
    });

    it('keeps nulls as nulls', async () => {
      const s = store();
      const record = aRecord(org, {
        endsAt: null,
        publishedAt: null,
        details: { description: null, shortDescription: null, location: null, imageUrl: null },
      });
      await inserted(s, record);
      expect(await s.repo.findById(null, record.state.id)).toEqual(record);
    });

    it('answers null for an unknown id and a copy for a known one', async () => {
      const s = store();
      expect(await s.repo.findById(null, uuid())).toBeNull();
      const record = await inserted(s, aRecord(org));
      const first = await s.repo.findById(null, record.state.id);
      (first as { state: { title: string } }).state.title = 'changed by the caller';
      expect((await s.repo.findById(null, record.state.id))?.state.title).toBe(record.state.title);
    });

    it('refuses a second event with the same id as a ConflictError', async () => {
      const s = store();
      const record = await inserted(s, aRecord(org));
      await expect(s.uow.run((tx) => s.repo.insert(tx, record))).rejects.toBeInstanceOf(ConflictError);
    });

    it('finds several by id in the order asked, skipping unknown ones and repeats', async () => {
      const s = store();
      const a = await inserted(s, aRecord(org));
      const b = await inserted(s, aRecord(org));
      const found = await s.repo.findByIds(null, [b.state.id, uuid(), a.state.id, b.state.id]);
      expect(found.map((r) => r.state.id)).toEqual([b.state.id, a.state.id]);
      expect(await s.repo.findByIds(null, [])).toEqual([]);
    });

    it('sees uncommitted writes inside the transaction only', async () => {
      const s = store();
      const record = aRecord(org);
      await expect(
        s.uow.run(async (tx) => {
          await s.repo.insert(tx, record);
          expect((await s.repo.findById(tx, record.state.id))?.state.id).toBe(record.state.id);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect(await s.repo.findById(null, record.state.id)).toBeNull();
    });

    it('updates everything but the counters, review stats and creation time, and bumps the version', async () => {
      const s = store();
      const record = await inserted(s, aRecord(org, { seatsTaken: 3, priceOptions: [anOption({ seatsTaken: 3 })], avgRating: 4.5, reviewCount: 2 }));
      const category = uuid();
      await s.seedCategory(category, null);
      const changed: EventRecord = {
        ...record,
        state: {
          ...record.state,
          title: 'Moonlight kayak tour',
          status: 'CANCELED',
          capacity: 30,
          seatsTaken: 99,
          cancelReason: 'storm',
          canceledAt: NOW,
          priceOptions: record.state.priceOptions.map((o) => ({ ...o, price: 99_000, seatsTaken: 50 })),
          crew: { status: 'RELEASED', request: { size: 1, skills: [] }, crewId: 'crew-9', attempts: 0, nextAttemptAt: null, lastError: null },
        },
        details: { ...record.details, categoryId: category, featured: true, location: null },
        avgRating: 1,
        reviewCount: 40,
        createdAt: NOW + DAY,
        updatedAt: NOW,
        version: 77,
      };
      expect(await s.uow.run((tx) => s.repo.update(tx, changed, 1))).toBe(true);
      expect(await s.repo.findById(null, record.state.id)).toEqual({
        ...changed,
        state: { ...changed.state, seatsTaken: 3, priceOptions: changed.state.priceOptions.map((o) => ({ ...o, seatsTaken: 3 })) },
        avgRating: 4.5,
        reviewCount: 2,
        createdAt: record.createdAt,
        version: 2,
      });
    });

    it('refuses an update from a stale version and changes nothing', async () => {
      const s = store();
      const record = await inserted(s, aRecord(org, { version: 3 }));
      const stale = { ...record, state: { ...record.state, title: 'Stale' } };
      expect(await s.uow.run((tx) => s.repo.update(tx, stale, 2))).toBe(false);
      expect(await s.repo.findById(null, record.state.id)).toEqual(record);
      expect(await s.uow.run((tx) => s.repo.update(tx, stale, 3))).toBe(true);
    });

    it('refuses a capacity below the seats taken at that moment, but takes one equal to them', async () => {
      const s = store();
      const record = await inserted(s, aRecord(org, { capacity: 10 }));
      await s.uow.run((tx) => s.repo.adjustSeats(tx, record.state.id, { eventDelta: 6, option: null, requirePublished: true }));
      const cut = (capacity: number): EventRecord => ({ ...record, state: { ...record.state, capacity } });
      expect(await s.uow.run((tx) => s.repo.update(tx, cut(5), 1))).toBe(false);
      expect((await s.repo.findById(null, record.state.id))?.state.capacity).toBe(10);
      expect(await s.uow.run((tx) => s.repo.update(tx, cut(6), 1))).toBe(true);
    });

    it('refuses a quota below an option\'s seats taken, leaving the event row untouched too', async () => {
      const s = store();
      const [first, option] = [anOption({ name: 'First' }), anOption({ quantity: 8 })];
      const record = await inserted(s, aRecord(org, { priceOptions: [first, option] }));
      await s.uow.run((tx) => s.repo.adjustSeats(tx, record.state.id, { eventDelta: 4, option: { id: option.id, delta: 4 }, requirePublished: true }));
      // The first option's change is valid and written before the second one fails: it must be undone as well.
      const cut: EventRecord = {
        ...record,
        state: { ...record.state, title: 'Must not stick', priceOptions: [{ ...first, name: 'Renamed' }, { ...option, quantity: 3 }] },
      };
      expect(await s.uow.run((tx) => s.repo.update(tx, cut, 1))).toBe(false);
      const after = await s.repo.findById(null, record.state.id);
      expect(after?.state.title).toBe(record.state.title);
      expect(after?.version).toBe(1);
      expect(after?.state.priceOptions.map((o) => [o.name, o.quantity])).toEqual([['First', null], [option.name, 8]]);
    });

    it('replaces options by id: new ones start at 0 taken, dropped ones disappear, the list order is kept', async () => {
      const s = store();
      const [keep, drop] = [anOption({ name: 'Keep' }), anOption({ name: 'Drop' })];
      const record = await inserted(s, aRecord(org, { priceOptions: [keep, drop] }));
      await s.uow.run((tx) => s.repo.adjustSeats(tx, record.state.id, { eventDelta: 2, option: { id: keep.id, delta: 2 }, requirePublished: false }));
      const added = anOption({ name: 'Added', seatsTaken: 7 });
      const next: EventRecord = {
        ...record,
        state: { ...record.state, priceOptions: [added, { ...keep, name: 'Kept' }] },
        details: { ...record.details, priceOptionDescriptions: { [added.id]: 'New one', [keep.id]: null } },
      };
      expect(await s.uow.run((tx) => s.repo.update(tx, next, 1))).toBe(true);
      const after = await s.repo.findById(null, record.state.id);
      expect(after?.state.priceOptions).toEqual([
        { ...added, seatsTaken: 0 },
        { ...keep, name: 'Kept', seatsTaken: 2 },
      ]);
      expect(after?.details.priceOptionDescriptions).toEqual({ [added.id]: 'New one', [keep.id]: null });
    });

    it('refuses to drop an option that holds seats', async () => {
      const s = store();
      const [a, b] = [anOption(), anOption()];
      const record = await inserted(s, aRecord(org, { priceOptions: [a, b] }));
      await s.uow.run((tx) => s.repo.adjustSeats(tx, record.state.id, { eventDelta: 1, option: { id: b.id, delta: 1 }, requirePublished: false }));
      const next = { ...record, state: { ...record.state, priceOptions: [a] } };
      expect(await s.uow.run((tx) => s.repo.update(tx, next, 1))).toBe(false);
      expect((await s.repo.findById(null, record.state.id))?.state.priceOptions.map((o) => o.id)).toEqual([a.id, b.id]);
    });

    it('deletes an event', async () => {
      const s = store();
      const record = await inserted(s, aRecord(org, { status: 'DRAFT' }));
      await s.uow.run((tx) => s.repo.delete(tx, record.state.id));
      expect(await s.repo.findById(null, record.state.id)).toBeNull();
    });

    it('overwrites the counters for reconcile (options not named go to 0) and sets review stats', async () => {
      const s = store();
      const [a, b] = [anOption(), anOption()];
      const record = await inserted(s, aRecord(org, { priceOptions: [a, b] }));
      await s.uow.run((tx) => s.repo.adjustSeats(tx, record.state.id, { eventDelta: 3, option: { id: b.id, delta: 3 }, requirePublished: false }));
      await s.uow.run(async (tx) => {
        await s.repo.overwriteSeatCounters(tx, record.state.id, 5, { [a.id]: 2 });
        await s.repo.setReviewStats(tx, record.state.id, 4.67, 3);
      });
      const after = await s.repo.findById(null, record.state.id);
      expect(after?.state.seatsTaken).toBe(5);
      expect(after?.state.priceOptions.map((o) => o.seatsTaken)).toEqual([2, 0]);
      expect([after?.avgRating, after?.reviewCount, after?.version]).toEqual([4.67, 3, 1]);
      await s.uow.run((tx) => s.repo.setReviewStats(tx, record.state.id, null, 0));
      expect((await s.repo.findById(null, record.state.id))?.avgRating).toBeNull();
    });
  });
}

function describeSeatsContract(make: () => Promise<EventStore>): void {
  describe('adjustSeats', () => {
    const { store, org } = useStore(make);
    const adjust = (s: EventStore, id: string, eventDelta: number, option: { id: string; delta: number } | null = null, requirePublished = true) =>
      s.uow.run((tx) => s.repo.adjustSeats(tx, id, { eventDelta, option, requirePublished }));
    const counters = async (s: EventStore, id: string): Promise<number[]> => {
      const r = await s.repo.findById(null, id);
      return [r?.state.seatsTaken ?? -1, ...(r?.state.priceOptions.map((o) => o.seatsTaken) ?? [])];
    };

    it('takes seats up to the capacity exactly, and no further', async () => {
      const s = store();
      const { state } = await inserted(s, aRecord(org, { capacity: 5 }));
      expect(await adjust(s, state.id, 3)).toBe('OK');
      expect(await adjust(s, state.id, 3)).toBe('EVENT_FULL');
      expect(await adjust(s, state.id, 2)).toBe('OK');
      expect(await adjust(s, state.id, 1)).toBe('EVENT_FULL');
      expect(await counters(s, state.id)).toEqual([5, 0]);
    });

    it('gives seats back, never below zero', async () => {
      const s = store();
      const { state } = await inserted(s, aRecord(org));
      expect(await adjust(s, state.id, 2)).toBe('OK');
      expect(await adjust(s, state.id, -3)).toBe('EVENT_FULL');
      expect(await adjust(s, state.id, -2)).toBe('OK');
      expect(await counters(s, state.id)).toEqual([0, 0]);
    });

    it('needs a PUBLISHED event only when asked to', async () => {
      const s = store();
      const { state } = await inserted(s, aRecord(org, { status: 'CANCELED' }));
      expect(await adjust(s, state.id, 1)).toBe('NOT_BOOKABLE');
      expect(await adjust(s, state.id, 1, null, false)).toBe('OK');
      expect(await adjust(s, uuid(), 1)).toBe('NOT_BOOKABLE');
      expect(await counters(s, state.id)).toEqual([1, 0]);
    });

    it('moves the option quota with the event counter, both or neither', async () => {
      const s = store();
      const option = anOption({ quantity: 3 });
      const { state } = await inserted(s, aRecord(org, { capacity: 10, priceOptions: [option, anOption()] }));
      expect(await adjust(s, state.id, 2, { id: option.id, delta: 2 })).toBe('OK');
      expect(await adjust(s, state.id, 2, { id: option.id, delta: 2 })).toBe('PRICE_OPTION_SOLD_OUT');
      expect(await counters(s, state.id)).toEqual([2, 2, 0]);
      expect(await adjust(s, state.id, 1, { id: option.id, delta: 1 })).toBe('OK');
      expect(await adjust(s, state.id, -1, { id: option.id, delta: -4 })).toBe('PRICE_OPTION_SOLD_OUT');
      expect(await adjust(s, state.id, 1, { id: uuid(), delta: 1 })).toBe('PRICE_OPTION_SOLD_OUT');
      expect(await counters(s, state.id)).toEqual([3, 3, 0]);
    });

    it('reports the event first when both counters would overflow', async () => {
      const s = store();
      const option = anOption({ quantity: 2 });
      const { state } = await inserted(s, aRecord(org, { capacity: 2, priceOptions: [option] }));
      expect(await adjust(s, state.id, 3, { id: option.id, delta: 3 })).toBe('EVENT_FULL');
      expect(await counters(s, state.id)).toEqual([0, 0]);
    });

    it('limits an option without a quota by the event only, and may move the option alone', async () => {
      const s = store();
      const option = anOption({ quantity: null });
      const { state } = await inserted(s, aRecord(org, { capacity: 4, priceOptions: [option] }));
      expect(await adjust(s, state.id, 4, { id: option.id, delta: 4 })).toBe('OK');
      expect(await adjust(s, state.id, 0, { id: option.id, delta: -1 })).toBe('OK');
      expect(await counters(s, state.id)).toEqual([4, 3]);
    });

    it('is undone with the transaction it ran in', async () => {
      const s = store();
      const option = anOption({ quantity: 5 });
      const { state } = await inserted(s, aRecord(org, { priceOptions: [option] }));
      await expect(
        s.uow.run(async (tx) => {
          expect(await s.repo.adjustSeats(tx, state.id, { eventDelta: 2, option: { id: option.id, delta: 2 }, requirePublished: true })).toBe('OK');
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect(await counters(s, state.id)).toEqual([0, 0]);
    });

    it('never oversells under concurrent reservations, whichever counter runs out first', async () => {
      const s = store();
      const option = anOption({ quantity: 7 });
      const { state } = await inserted(s, aRecord(org, { capacity: 10, priceOptions: [option, anOption()] }));
      const attempts = await Promise.all(
        Array.from({ length: 40 }, (_, i) => adjust(s, state.id, 1, i % 2 === 0 ? { id: option.id, delta: 1 } : null)),
      );
      expect(attempts.filter((r) => r === 'OK')).toHaveLength(10);
      const [taken, optionTaken] = await counters(s, state.id);
      expect(taken).toBe(10);
      expect(optionTaken).toBeLessThanOrEqual(7);
      expect(attempts.filter((r, i) => r === 'OK' && i % 2 === 0)).toHaveLength(optionTaken ?? -1);
    });

    it('does not touch the version (counters are not edits)', async () => {
      const s = store();
      const { state } = await inserted(s, aRecord(org));
      await adjust(s, state.id, 1);
      expect((await s.repo.findById(null, state.id))?.version).toBe(1);
    });

    it('tells NOT_BOOKABLE from EVENT_FULL with an option too, and moves neither counter', async () => {
      const s = store();
      const option = anOption({ quantity: 5 });
      const { state } = await inserted(s, aRecord(org, { status: 'CANCELED', capacity: 3, priceOptions: [option] }));
      expect(await adjust(s, state.id, 1, { id: option.id, delta: 1 })).toBe('NOT_BOOKABLE');
      expect(await adjust(s, uuid(), 1, { id: option.id, delta: 1 })).toBe('NOT_BOOKABLE');
      expect(await adjust(s, state.id, 4, { id: option.id, delta: 4 }, false)).toBe('EVENT_FULL');
      expect(await adjust(s, state.id, 3, { id: option.id, delta: 3 }, false)).toBe('OK');
      expect(await counters(s, state.id)).toEqual([3, 3]);
    });

    it('locks several events and reads them, in id order, skipping unknown ids and repeats', async () => {
      const s = store();
      const records = [await inserted(s, aRecord(org)), await inserted(s, aRecord(org)), await inserted(s, aRecord(org))];
      const ids = records.map((r) => r.state.id);
      await adjust(s, ids[1]!, 2);
      const locked = await s.uow.run((tx) => s.repo.lockMany(tx, [ids[2]!, uuid(), ids[0]!, ids[1]!, ids[2]!]));
      expect(locked.map((r) => r.state.id)).toEqual([...ids].sort());
      expect(locked.find((r) => r.state.id === ids[1])?.state.seatsTaken).toBe(2);
      expect(await s.uow.run((tx) => s.repo.lockMany(tx, []))).toEqual([]);
    });

    it('gives back seats of several events and options at once, each counter never below zero', async () => {
      const s = store();
      const [a1, a2, b1] = [anOption({ quantity: 5 }), anOption(), anOption()];
      const a = await inserted(s, aRecord(org, { capacity: 10, priceOptions: [a1, a2] }));
      const b = await inserted(s, aRecord(org, { capacity: 10, priceOptions: [b1] }));
      await adjust(s, a.state.id, 3, { id: a1.id, delta: 3 });
      await adjust(s, a.state.id, 2, { id: a2.id, delta: 2 });
      await adjust(s, b.state.id, 4, { id: b1.id, delta: 4 });
      const refused = await s.uow.run((tx) =>
        s.repo.releaseSeats(tx, [
          { eventId: a.state.id, seats: 4, byOption: { [a1.id]: 2, [a2.id]: 2 } },
          { eventId: b.state.id, seats: 1, byOption: { [b1.id]: 1 } },
        ]),
      );
      expect(refused).toEqual([]);
      expect(await counters(s, a.state.id)).toEqual([1, 1, 0]);
      expect(await counters(s, b.state.id)).toEqual([3, 3]);
      // Below zero on the event, on an option, or an unknown option: that event is reported (the caller rolls back).
      expect(await s.uow.run((tx) => s.repo.releaseSeats(tx, [{ eventId: a.state.id, seats: 2, byOption: { [a1.id]: 1 } }]))).toEqual([a.state.id]);
      expect(await s.uow.run((tx) => s.repo.releaseSeats(tx, [{ eventId: b.state.id, seats: 1, byOption: { [b1.id]: 4 } }]))).toEqual([b.state.id]);
      expect(await s.uow.run((tx) => s.repo.releaseSeats(tx, [{ eventId: b.state.id, seats: 1, byOption: { [uuid()]: 1 } }]))).toEqual([b.state.id]);
      expect(await s.uow.run((tx) => s.repo.releaseSeats(tx, []))).toEqual([]);
    });
  });
}
