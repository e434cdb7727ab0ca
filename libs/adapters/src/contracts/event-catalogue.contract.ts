import type { CatalogueQuery, EventRecord } from '@aquastream/application';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from './event-repository.contract.js';
import { anOption, aRecord, DAY, HOUR, NOW, uuid } from './event-record.fixture.js';

/** The catalogue's filters, sorts and paging over one fixed set of events. */
export function describeEventCatalogueContract(make: () => Promise<EventStore>): void {
  describe('search (the catalogue)', () => {
    let store: EventStore | undefined;
    const [orgA, orgB] = [uuid(), uuid()];
    const [boats, kayaks, workshops] = [uuid(), uuid(), uuid()];
    const e: Record<string, EventRecord> = {};

    beforeAll(async () => {
      const s = await make();
      store = s;
      await s.seedOrganization(orgA);
      await s.seedOrganization(orgB);
      await s.seedCategory(boats, null);
      await s.seedCategory(kayaks, boats);
      await s.seedCategory(workshops, null);
      const add = (key: string, org: string, overrides: Parameters<typeof aRecord>[1]): void => {
        e[key] = aRecord(org, overrides);
      };
      add('kayak', orgA, {
        title: 'Sunset Kayak tour', startsAt: NOW + DAY, capacity: 20, seatsTaken: 5, priceOptions: [anOption({ price: 100 })],
        details: { categoryId: boats, featured: true, description: 'Paddle at dusk' }, avgRating: 4.5, reviewCount: 2,
      });
      add('regatta', orgA, {
        title: 'Regatta 100% fun', startsAt: NOW + 2 * DAY, seatsTaken: 10,
        priceOptions: [anOption({ price: 50 }), anOption({ price: 10, active: false })],
        details: { categoryId: kayaks, description: 'Sailing' },
      });
      add('workshop', orgB, {
        title: 'Workshop', startsAt: NOW + 2 * DAY, seatsTaken: 1, priceOptions: [anOption({ price: 5, active: false })],
        details: { categoryId: workshops, description: 'Learn to KAYAK safely' }, avgRating: 3, reviewCount: 1,
      });
      add('started', orgB, { title: 'Already started', startsAt: NOW - HOUR, endsAt: null });
      add('draft', orgA, { title: 'Draft', status: 'DRAFT', publishedAt: null, startsAt: NOW + 3 * DAY });
      add('scheduled', orgB, { title: 'Scheduled', status: 'SCHEDULED', publishedAt: null, publishAt: NOW + DAY, startsAt: NOW + 4 * DAY });
      add('canceled', orgA, { title: 'Canceled', status: 'CANCELED', startsAt: NOW + 5 * DAY });
      add('completed', orgB, { title: 'Completed', status: 'COMPLETED', startsAt: NOW - 10 * DAY, endsAt: null });
      await s.uow.run(async (tx) => {
        for (const record of Object.values(e)) await s.repo.insert(tx, record);
      });
    });
    afterAll(async () => store?.close());

    const search = async (query: Partial<CatalogueQuery>): Promise<{ keys: string[]; total: number }> => {
      const found = await (store as EventStore).repo.search({ page: 1, size: 20, sort: 'startsAt', now: NOW, ...query });
      const byId = new Map(Object.entries(e).map(([key, r]) => [r.state.id, key]));
      return { keys: found.items.map((r) => byId.get(r.state.id) ?? r.state.id), total: found.total };
    };

    it('lists PUBLISHED events not yet started by default, soonest first, ties by id', async () => {
      expect(await search({})).toEqual({ keys: ['kayak', 'regatta', 'workshop'], total: 3 });
    });

    it('answers whole records', async () => {
      const found = await (store as EventStore).repo.search({ page: 1, size: 1, sort: 'startsAt', now: NOW });
      expect(found.items).toEqual([e['kayak']]);
    });

    it('sorts by start descending, lowest active price, rating and popularity', async () => {
      expect((await search({ sort: '-startsAt' })).keys).toEqual(['regatta', 'workshop', 'kayak']);
      expect((await search({ sort: 'price' })).keys).toEqual(['regatta', 'kayak', 'workshop']);
      expect((await search({ sort: 'rating' })).keys).toEqual(['kayak', 'workshop', 'regatta']);
      expect((await search({ sort: 'popularity' })).keys).toEqual(['regatta', 'kayak', 'workshop']);
    });

    it('pages with a total', async () => {
      expect(await search({ page: 2, size: 2 })).toEqual({ keys: ['workshop'], total: 3 });
      expect(await search({ page: 3, size: 2 })).toEqual({ keys: [], total: 3 });
    });

    it('matches text in the title or description, ignoring case, with % and _ taken literally', async () => {
      expect((await search({ q: 'kayak' })).keys).toEqual(['kayak', 'workshop']);
      expect((await search({ q: 'PADDLE' })).keys).toEqual(['kayak']);
      expect((await search({ q: '%' })).keys).toEqual(['regatta']);
      expect((await search({ q: '_' })).keys).toEqual([]);
    });

    it('filters by categories, start window (inclusive), featured and organisation', async () => {
      expect((await search({ categoryIds: [boats, kayaks] })).keys).toEqual(['kayak', 'regatta']);
      expect((await search({ categoryIds: [] })).keys).toEqual([]);
      expect((await search({ from: NOW + 2 * DAY, to: NOW + 2 * DAY })).keys).toEqual(['regatta', 'workshop']);
      expect((await search({ to: NOW + DAY })).keys).toEqual(['kayak']);
      expect((await search({ featured: true })).keys).toEqual(['kayak']);
      expect((await search({ featured: false })).keys).toEqual(['regatta', 'workshop']);
      expect((await search({ organizationId: orgB })).keys).toEqual(['workshop']);
    });

    it('shows non-public statuses only of the organisations it is told, started ones included', async () => {
      const statuses = ['DRAFT', 'SCHEDULED', 'PUBLISHED'] as const;
      expect((await search({ statuses, visibleOrganizationIds: [orgA] })).keys).toEqual(['started', 'kayak', 'regatta', 'workshop', 'draft']);
      expect((await search({ statuses: ['DRAFT', 'SCHEDULED'], visibleOrganizationIds: 'ALL' })).keys).toEqual(['draft', 'scheduled']);
      expect((await search({ statuses: ['DRAFT', 'CANCELED', 'COMPLETED'] })).keys).toEqual(['completed', 'canceled']);
      expect((await search({ statuses: ['SCHEDULED'], visibleOrganizationIds: [] })).total).toBe(0);
    });
  });
}
