import { describe, expect, it } from 'vitest';
import { admin, buyer, DAY, errorOf, eventWorld, guest, HOUR, ORG, OTHER_ORG, outsider, owner, staff, T0, user, value, type EventWorld } from './event-world.test-support.js';

const ownerOfOther = user('owner-2', ['ORGANIZER'], [{ organizationId: OTHER_ORG, role: 'OWNER' }]);

async function catalogue(w: EventWorld) {
  const kayak = await w.published({ title: 'Kayak tour', startsAt: T0 + 2 * DAY });
  const regatta = await w.published({ title: 'Regatta', startsAt: T0 + DAY });
  const draft = await w.draft({ title: 'Draft kayak' });
  const otherDraft = value(await w.create.execute(ownerOfOther, { title: 'Other draft', startsAt: T0 + DAY, capacity: 3, currency: 'EUR', priceOptions: [{ name: 'S', price: 1 }] }));
  const started = await w.published({ title: 'Started', startsAt: T0 + HOUR });
  w.clock.set(T0 + 2 * HOUR);
  return { kayak, regatta, draft, otherDraft, started };
}

const idsOf = (page: { data: readonly { id: string }[] }): string[] => page.data.map((e) => e.id);

describe('SearchCatalogueUseCase', () => {
  it('lists published events not yet started by default, as event views in pages', async () => {
    const w = await eventWorld();
    const e = await catalogue(w);
    const page = value(await w.search.execute(guest, {}));
    expect(idsOf(page)).toEqual([e.regatta.id, e.kayak.id]);
    expect(page).toMatchObject({ page: 1, size: 20, totalElements: 2, totalPages: 1 });
    expect(page.data[0]).toMatchObject({ title: 'Regatta', seatsAvailable: 10, price: 90_000 });
    expect(idsOf(value(await w.search.execute(guest, { sort: '-startsAt', size: 1, page: 1 })))).toEqual([e.kayak.id]);
    expect(idsOf(value(await w.search.execute(guest, { q: 'KAYAK' })))).toEqual([e.kayak.id]);
  });

  it('gives guests and outsiders only the public statuses they ask for', async () => {
    const w = await eventWorld();
    const e = await catalogue(w);
    expect(idsOf(value(await w.search.execute(guest, { statuses: ['DRAFT'] })))).toEqual([]);
    expect(idsOf(value(await w.search.execute(buyer, { statuses: ['DRAFT', 'PUBLISHED'] })))).toEqual([e.started.id, e.regatta.id, e.kayak.id]);
  });

  it('shows members their organisation\'s drafts and admins every draft', async () => {
    const w = await eventWorld();
    const e = await catalogue(w);
    expect(idsOf(value(await w.search.execute(staff, { statuses: ['DRAFT'] })))).toEqual([e.draft.id]);
    expect(idsOf(value(await w.search.execute(outsider, { statuses: ['DRAFT'] })))).toEqual([e.otherDraft.id]);
    expect(idsOf(value(await w.search.execute(admin, { statuses: ['DRAFT'] })))).toEqual([e.otherDraft.id, e.draft.id]);
    expect(idsOf(value(await w.search.execute(owner, { statuses: ['DRAFT'], organizationId: OTHER_ORG })))).toEqual([]);
    expect(idsOf(value(await w.search.execute(admin, { statuses: ['DRAFT'], organizationId: ORG })))).toEqual([e.draft.id]);
  });

  it('filters by a category id or slug, subcategories included', async () => {
    const w = await eventWorld();
    const [boats, kayaks] = ['00000000-0000-7000-8000-0000000000c1', '00000000-0000-7000-8000-0000000000c2'];
    await w.db.run(async (tx) => {
      await w.categories.insert(tx, { id: boats, name: 'Boats', slug: 'boats', parentId: null, position: 0, createdAt: T0, updatedAt: T0 });
      await w.categories.insert(tx, { id: kayaks, name: 'Kayaks', slug: 'kayaks', parentId: boats, position: 0, createdAt: T0, updatedAt: T0 });
    });
    const inKayaks = await w.published({ categoryId: kayaks });
    const inBoats = await w.published({ categoryId: boats, startsAt: T0 + 4 * DAY });
    await w.published();
    expect(idsOf(value(await w.search.execute(guest, { category: 'boats' })))).toEqual([inKayaks.id, inBoats.id]);
    expect(idsOf(value(await w.search.execute(guest, { category: kayaks })))).toEqual([inKayaks.id]);
    expect(value(await w.search.execute(guest, { category: 'no-such-category' })).totalElements).toBe(0);
  });

  it('refuses bad paging and an overlong text', async () => {
    const w = await eventWorld();
    expect(errorOf(await w.search.execute(guest, { size: 101 }))).toBe('INVALID_REQUEST');
    expect(errorOf(await w.search.execute(guest, { page: 0 }))).toBe('INVALID_REQUEST');
    expect(errorOf(await w.search.execute(guest, { q: 'x'.repeat(201) }))).toBe('INVALID_REQUEST');
  });
});
