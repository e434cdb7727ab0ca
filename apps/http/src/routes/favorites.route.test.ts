import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contextOf, event, organiser, person, world } from './waitlist.fixtures.test-support.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('POST /favorites', () => {
  it('adds once (201 + Location), then answers 200 for a repeat', async () => {
    const w = world();
    const ev = await event(w, await organiser(w));
    const user = await person(w);
    const first = await w.call('POST', '/api/v1/favorites', { token: user.token, body: { eventId: ev.id } });
    expect(first.status).toBe(201);
    expect(first.json).toEqual({ eventId: ev.id, favorited: true });
    expect(first.headers.get('location')).toBe(`/api/v1/favorites/${ev.id}`);
    const again = await w.call('POST', '/api/v1/favorites', { token: user.token, body: { eventId: ev.id } });
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ eventId: ev.id, favorited: true });
    expect((await w.call('GET', '/api/v1/favorites', { token: user.token })).json.totalElements).toBe(1);
  });

  it('404 for unknown and draft events, 401 for guests, 400 for a bad body', async () => {
    const w = world();
    const org = await organiser(w);
    const draft = await event(w, org, { publish: false });
    const user = await person(w);
    expect((await w.call('POST', '/api/v1/favorites', { token: user.token, body: { eventId: draft.id } })).json).toMatchObject({
      status: 404,
      code: 'EVENT_NOT_FOUND',
    });
    expect((await w.call('POST', '/api/v1/favorites', { token: user.token, body: { eventId: randomUUID() } })).status).toBe(404);
    expect((await w.call('POST', '/api/v1/favorites', { body: { eventId: draft.id } })).status).toBe(401);
    const bad = await w.call('POST', '/api/v1/favorites', { token: user.token, body: { eventId: 42 } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual([expect.objectContaining({ field: 'eventId' })]);
    expect((await w.call('POST', '/api/v1/favorites', { token: user.token, body: '{"eventId":' })).status).toBe(400);
    // The organisation's own members see their draft, so they may keep it.
    expect((await w.call('POST', '/api/v1/favorites', { token: org.token, body: { eventId: draft.id } })).status).toBe(201);
  });
});

describe('GET /favorites', () => {
  it('lists event cards, newest first, with favoritedAt, paginated', async () => {
    const w = world();
    const org = await organiser(w);
    const older = await event(w, org);
    const newer = await event(w, org, { capacity: 3, price: 500 });
    const user = await person(w);
    await w.call('POST', '/api/v1/favorites', { token: user.token, body: { eventId: older.id } });
    w.clock.advance(1000);
    await w.call('POST', '/api/v1/favorites', { token: user.token, body: { eventId: newer.id } });
    const res = await w.call('GET', '/api/v1/favorites?size=1', { token: user.token });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ page: 1, size: 1, totalElements: 2, totalPages: 2 });
    expect(res.json.data).toEqual([
      {
        id: newer.id,
        organizationId: org.orgId,
        title: 'Sunset kayak tour',
        shortDescription: null,
        categoryId: null,
        status: 'PUBLISHED',
        startsAt: expect.stringMatching(ISO),
        endsAt: null,
        timeZone: 'UTC',
        location: null,
        imageUrl: null,
        currency: 'RUB',
        price: 500,
        seatsAvailable: 3,
        avgRating: null,
        reviewCount: 0,
        favoritedAt: expect.stringMatching(ISO),
      },
    ]);
    const second = await w.call('GET', '/api/v1/favorites?page=2&size=1', { token: user.token });
    expect((second.json.data as { id: string }[]).map((e) => e.id)).toEqual([older.id]);
  });

  it('keeps a canceled event, showing its status; 401 for guests; 400 for a bad page', async () => {
    const w = world();
    const org = await organiser(w);
    const ev = await event(w, org);
    const user = await person(w);
    await w.call('POST', '/api/v1/favorites', { token: user.token, body: { eventId: ev.id } });
    const canceled = await w.deps.useCases.events.cancel.execute(await contextOf(w, org), { eventId: ev.id, reason: 'storm' });
    expect(canceled.ok).toBe(true);
    expect((await w.call('GET', '/api/v1/favorites', { token: user.token })).json.data).toMatchObject([{ id: ev.id, status: 'CANCELED' }]);
    expect((await w.call('GET', '/api/v1/favorites')).status).toBe(401);
    expect((await w.call('GET', '/api/v1/favorites?size=500', { token: user.token })).status).toBe(400);
  });
});

describe('DELETE /favorites/{eventId}', () => {
  it('is idempotent: 204 with or without a favorite, even for an unknown event', async () => {
    const w = world();
    const ev = await event(w, await organiser(w));
    const user = await person(w);
    await w.call('POST', '/api/v1/favorites', { token: user.token, body: { eventId: ev.id } });
    const res = await w.call('DELETE', `/api/v1/favorites/${ev.id}`, { token: user.token });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await w.call('DELETE', `/api/v1/favorites/${ev.id}`, { token: user.token })).status).toBe(204);
    expect((await w.call('DELETE', `/api/v1/favorites/${randomUUID()}`, { token: user.token })).status).toBe(204);
    expect((await w.call('GET', '/api/v1/favorites', { token: user.token })).json.totalElements).toBe(0);
  });

  it('401 for guests, 400 for a malformed id', async () => {
    const w = world();
    const user = await person(w);
    expect((await w.call('DELETE', `/api/v1/favorites/${randomUUID()}`)).status).toBe(401);
    expect((await w.call('DELETE', '/api/v1/favorites/abc', { token: user.token })).status).toBe(400);
  });
});
