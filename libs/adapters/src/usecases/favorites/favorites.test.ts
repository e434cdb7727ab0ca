import { describe, expect, it } from 'vitest';
import { alice, bob, cli, engagementWorld, guest, otherOwner, owner, T0 } from '../organizations/engagement-world.test-support.js';
import { errorType, value } from '../waitlist/results.test-support.js';

async function world() {
  const w = engagementWorld();
  await w.seedOrganizations();
  return w;
}

describe('favorites', () => {
  it('add is idempotent: the first add changes, a repeat does not and keeps the first time', async () => {
    const w = await world();
    const event = await w.seedEvent();
    expect(value(await w.addFavorite.execute(alice, { eventId: event.id }))).toEqual({ eventId: event.id, changed: true });
    w.clock.advance(1000);
    expect(value(await w.addFavorite.execute(alice, { eventId: event.id }))).toEqual({ eventId: event.id, changed: false });
    const list = value(await w.listFavorites.execute(alice, { page: 1, size: 10 }));
    expect(list.data).toHaveLength(1);
    expect(list.data[0]?.favoritedAt).toBe(T0);
  });

  it('remove is idempotent, also for an event that was never a favorite', async () => {
    const w = await world();
    const event = await w.seedEvent();
    value(await w.addFavorite.execute(alice, { eventId: event.id }));
    expect(value(await w.removeFavorite.execute(alice, { eventId: event.id }))).toEqual({ eventId: event.id, changed: true });
    expect(value(await w.removeFavorite.execute(alice, { eventId: event.id }))).toEqual({ eventId: event.id, changed: false });
    expect(value(await w.removeFavorite.execute(alice, { eventId: 'never' })).changed).toBe(false);
    expect(value(await w.listFavorites.execute(alice, { page: 1, size: 10 })).totalElements).toBe(0);
  });

  it('lists the caller’s favorites newest first as event summaries, paged, and nobody else’s', async () => {
    const w = await world();
    const first = await w.seedEvent({ title: 'Regatta' });
    const second = await w.seedEvent({ title: 'Sunset tour' }, { imageUrl: 'https://img/x.jpg' });
    value(await w.addFavorite.execute(alice, { eventId: first.id }));
    w.clock.advance(1000);
    value(await w.addFavorite.execute(alice, { eventId: second.id }));
    value(await w.addFavorite.execute(bob, { eventId: first.id }));
    const page = value(await w.listFavorites.execute(alice, { page: 1, size: 1 }));
    expect(page).toMatchObject({ totalElements: 2, totalPages: 2 });
    expect(page.data).toEqual([
      {
        eventId: second.id,
        favoritedAt: T0 + 1000,
        event: {
          id: second.id, organizationId: second.organizationId, title: 'Sunset tour', shortDescription: 'On the water', categoryId: null,
          status: 'PUBLISHED', startsAt: second.startsAt, endsAt: null, timeZone: 'UTC', location: null, imageUrl: 'https://img/x.jpg',
          currency: 'EUR', price: 0, seatsAvailable: 10, avgRating: null, reviewCount: 0,
        },
      },
    ]);
    expect(value(await w.listFavorites.execute(alice, { page: 2, size: 1 })).data.map((f) => f.event.title)).toEqual(['Regatta']);
  });

  it('events the caller may not see: not found to add, left out of the list once hidden', async () => {
    const w = await world();
    const draft = await w.seedEvent({ status: 'DRAFT' });
    expect(errorType(await w.addFavorite.execute(alice, { eventId: draft.id }))).toBe('EVENT_NOT_FOUND');
    expect(errorType(await w.addFavorite.execute(otherOwner, { eventId: draft.id }))).toBe('EVENT_NOT_FOUND');
    expect(errorType(await w.addFavorite.execute(alice, { eventId: 'missing' }))).toBe('EVENT_NOT_FOUND');
    // The organisation sees its draft, so its owner may keep it; once deleted it drops out of the list.
    value(await w.addFavorite.execute(owner, { eventId: draft.id }));
    expect(value(await w.listFavorites.execute(owner, { page: 1, size: 10 })).data).toHaveLength(1);
    await w.db.run((tx) => w.events.delete(tx, draft.id));
    expect(value(await w.listFavorites.execute(owner, { page: 1, size: 10 })).data).toEqual([]);
  });

  it('guests sign in first; the CLI keeps no favorites', async () => {
    const w = await world();
    const event = await w.seedEvent();
    expect(errorType(await w.addFavorite.execute(guest, { eventId: event.id }))).toBe('NOT_AUTHENTICATED');
    expect(errorType(await w.removeFavorite.execute(guest, { eventId: event.id }))).toBe('NOT_AUTHENTICATED');
    expect(errorType(await w.listFavorites.execute(guest, { page: 1, size: 10 }))).toBe('NOT_AUTHENTICATED');
    expect(errorType(await w.addFavorite.execute(cli, { eventId: event.id }))).toBe('FORBIDDEN');
  });
});
