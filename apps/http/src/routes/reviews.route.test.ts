import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { book, event, HOUR, member, organiser, person, world, type Person, type World } from './waitlist.fixtures.test-support.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A free event one hour ahead, `attendees` confirmed on it, then the clock moved past its start. */
async function attended(w: World, count = 2, options: { readonly moderateReviews?: boolean } = {}) {
  const org = await organiser(w, options);
  const ev = await event(w, org, { price: 0, startsInHours: 1 });
  const attendees: Person[] = [];
  for (let i = 0; i < count; i++) {
    const p = await person(w);
    expect((await book(w, p, ev.id)).status).toBe('CONFIRMED');
    attendees.push(p);
  }
  w.clock.advance(2 * HOUR);
  return { org, ev, attendees };
}

const review = (w: World, p: Person | null, body: unknown) => w.call('POST', '/api/v1/reviews', { ...(p ? { token: p.token } : {}), body });

describe('POST /reviews', () => {
  it('an attendee reviews a started event: 201, the exact shape, a Location', async () => {
    const w = world();
    const { ev, attendees } = await attended(w, 1);
    const [a] = attendees as [Person];
    const res = await review(w, a, { eventId: ev.id, rating: 4, content: '  Calm water\u0000, great skipper. ' });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      id: expect.stringMatching(UUID),
      eventId: ev.id,
      userId: a.id,
      rating: 4,
      content: 'Calm water, great skipper.',
      status: 'ACTIVE',
      helpfulCount: 0,
      replies: [],
      createdAt: expect.stringMatching(ISO),
      updatedAt: expect.stringMatching(ISO),
    });
    expect(res.headers.get('location')).toBe(`/api/v1/reviews/${res.json.id}`);
    expect((await review(w, a, { eventId: ev.id, rating: 5 })).json).toMatchObject({ status: 409, code: 'ALREADY_REVIEWED' });
  });

  it('refuses people without a confirmed booking, and reviews before the start (403 REVIEW_NOT_ALLOWED)', async () => {
    const w = world();
    const { ev } = await attended(w, 1);
    expect((await review(w, await person(w), { eventId: ev.id, rating: 5 })).json).toMatchObject({ status: 403, code: 'REVIEW_NOT_ALLOWED' });
    const later = await event(w, await organiser(w), { price: 0, startsInHours: 5 });
    const early = await person(w);
    await book(w, early, later.id);
    expect((await review(w, early, { eventId: later.id, rating: 5 })).json).toMatchObject({ status: 403, code: 'REVIEW_NOT_ALLOWED' });
  });

  it('validates the body (400 for a rating outside 1–5 or too long content), 404 for an unknown event, 401 for guests', async () => {
    const w = world();
    const { ev, attendees } = await attended(w, 1);
    const [a] = attendees as [Person];
    for (const rating of [0, 6, 4.5, '5', null]) {
      const res = await review(w, a, { eventId: ev.id, rating });
      expect(res.status, String(rating)).toBe(400);
      expect(res.json.errors).toEqual([expect.objectContaining({ field: 'rating' })]);
    }
    const long = await review(w, a, { eventId: ev.id, rating: 5, content: 'x'.repeat(5001) });
    expect(long.status).toBe(400);
    expect(long.json.errors).toEqual([expect.objectContaining({ field: 'content' })]);
    // 5 000 emoji are 5 000 characters (10 000 UTF-16 units): accepted.
    expect((await review(w, a, { eventId: ev.id, rating: 5, content: '🛶'.repeat(5000) })).status).toBe(201);
    expect((await review(w, a, { eventId: randomUUID(), rating: 5 })).json).toMatchObject({ status: 404, code: 'EVENT_NOT_FOUND' });
    expect((await review(w, null, { eventId: ev.id, rating: 5 })).status).toBe(401);
  });

  it('is PENDING when the organisation moderates reviews, seen by its author and admins only', async () => {
    const w = world();
    const { ev, attendees } = await attended(w, 1, { moderateReviews: true });
    const [a] = attendees as [Person];
    const res = await review(w, a, { eventId: ev.id, rating: 2 });
    expect(res.json.status).toBe('PENDING');
    expect((await w.call('GET', `/api/v1/reviews?eventId=${ev.id}`)).json).toMatchObject({ totalElements: 0, avgRating: null, reviewCount: 0 });
    expect((await w.call('GET', `/api/v1/reviews?eventId=${ev.id}`, { token: a.token })).json.data).toMatchObject([{ id: res.json.id }]);
    const admin = await person(w, ['ADMIN']);
    expect((await w.call('GET', '/api/v1/reviews?status=PENDING&size=100', { token: admin.token })).json.data).toContainEqual(
      expect.objectContaining({ id: res.json.id }),
    );
  });
});

describe('PATCH /reviews/{id}', () => {
  it('the author edits; others get 403 (or 404 when they cannot see it); 400 for bad input', async () => {
    const w = world();
    const { ev, attendees } = await attended(w, 2);
    const [a, b] = attendees as [Person, Person];
    const created = (await review(w, a, { eventId: ev.id, rating: 5, content: 'Great' })).json;
    w.clock.advance(1000);
    const res = await w.call('PATCH', `/api/v1/reviews/${created.id}`, { token: a.token, body: { rating: 3, content: null } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ...created, rating: 3, content: '', updatedAt: expect.stringMatching(ISO) });
    expect(res.json.updatedAt).not.toBe(created.updatedAt);
    expect((await w.call('PATCH', `/api/v1/reviews/${created.id}`, { token: b.token, body: { rating: 1 } })).json).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
    });
    expect((await w.call('PATCH', `/api/v1/reviews/${randomUUID()}`, { token: a.token, body: { rating: 1 } })).json).toMatchObject({
      status: 404,
      code: 'REVIEW_NOT_FOUND',
    });
    expect((await w.call('PATCH', `/api/v1/reviews/${created.id}`, { token: a.token, body: { rating: 9 } })).status).toBe(400);
    expect((await w.call('PATCH', `/api/v1/reviews/${created.id}`, { body: { rating: 1 } })).status).toBe(401);
    expect((await w.call('PATCH', '/api/v1/reviews/x', { token: a.token, body: { rating: 1 } })).status).toBe(400);
  });
});

describe('GET /reviews', () => {
  it('is public, filters by event (with avgRating) and user, sorts by helpful or recent', async () => {
    const w = world();
    const { ev, attendees } = await attended(w, 3);
    const [a, b, c] = attendees as [Person, Person, Person];
    const ra = (await review(w, a, { eventId: ev.id, rating: 5 })).json;
    w.clock.advance(1000);
    const rb = (await review(w, b, { eventId: ev.id, rating: 2 })).json;
    await w.call('POST', `/api/v1/reviews/${ra.id}/helpful`, { token: c.token });

    const recent = await w.call('GET', `/api/v1/reviews?eventId=${ev.id}`);
    expect(recent.status).toBe(200);
    expect(recent.json).toMatchObject({ page: 1, size: 20, totalElements: 2, totalPages: 1, avgRating: 3.5, reviewCount: 2 });
    expect((recent.json.data as { id: string }[]).map((r) => r.id)).toEqual([rb.id, ra.id]);
    const byHelpful = await w.call('GET', `/api/v1/reviews?eventId=${ev.id}&sort=helpful`);
    expect((byHelpful.json.data as { id: string; helpfulCount: number }[]).map((r) => [r.id, r.helpfulCount])).toEqual([
      [ra.id, 1],
      [rb.id, 0],
    ]);
    const mine = await w.call('GET', `/api/v1/reviews?userId=${b.id}`);
    expect(mine.json).toMatchObject({ totalElements: 1, avgRating: null, reviewCount: null });
    expect(mine.json.data[0].id).toBe(rb.id);
  });

  it('keeps the status filter for admins (403 for others), 400 for bad values, 404 for an unknown event', async () => {
    const w = world();
    const user = await person(w);
    const admin = await person(w, ['ADMIN']);
    expect((await w.call('GET', '/api/v1/reviews?status=REJECTED', { token: user.token })).json).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect((await w.call('GET', '/api/v1/reviews?status=REJECTED')).status).toBe(403);
    expect((await w.call('GET', `/api/v1/reviews?status=REJECTED&userId=${user.id}`, { token: user.token })).status).toBe(200);
    expect((await w.call('GET', '/api/v1/reviews?status=REJECTED', { token: admin.token })).status).toBe(200);
    expect((await w.call('GET', '/api/v1/reviews?sort=best')).status).toBe(400);
    expect((await w.call('GET', '/api/v1/reviews?status=HIDDEN', { token: admin.token })).status).toBe(400);
    expect((await w.call('GET', '/api/v1/reviews?eventId=nope')).status).toBe(400);
    expect((await w.call('GET', '/api/v1/reviews?size=0')).status).toBe(400);
    expect((await w.call('GET', `/api/v1/reviews?eventId=${randomUUID()}`)).json).toMatchObject({ status: 404, code: 'EVENT_NOT_FOUND' });
  });
});

describe('POST /reviews/{id}/replies', () => {
  it('organisers of the event’s organisation and admins reply (201 with the review and its replies)', async () => {
    const w = world();
    const { org, ev, attendees } = await attended(w, 1);
    const created = (await review(w, attendees[0] ?? null, { eventId: ev.id, rating: 4 })).json;
    const res = await w.call('POST', `/api/v1/reviews/${created.id}/replies`, { token: org.token, body: { content: 'Thank you!' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/v1/reviews/${created.id}`);
    expect(res.json).toEqual({
      ...created,
      replies: [{ id: expect.stringMatching(UUID), authorId: org.id, content: 'Thank you!', createdAt: expect.stringMatching(ISO) }],
    });
    const manager = await member(w, org, 'MANAGER');
    expect((await w.call('POST', `/api/v1/reviews/${created.id}/replies`, { token: manager.token, body: { content: 'Yes' } })).status).toBe(201);
    const admin = await person(w, ['ADMIN']);
    const third = await w.call('POST', `/api/v1/reviews/${created.id}/replies`, { token: admin.token, body: { content: 'Noted' } });
    expect((third.json.replies as { content: string }[]).map((r) => r.content)).toEqual(['Thank you!', 'Yes', 'Noted']);
  });

  it('refuses staff, other organisers and users (403), guests (401); validates the text', async () => {
    const w = world();
    const { org, ev, attendees } = await attended(w, 1);
    const created = (await review(w, attendees[0] ?? null, { eventId: ev.id, rating: 4 })).json;
    const path = `/api/v1/reviews/${created.id}/replies`;
    const staff = await member(w, org, 'STAFF');
    for (const p of [staff, await organiser(w), await person(w)]) {
      expect((await w.call('POST', path, { token: p.token, body: { content: 'Hi' } })).json).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    }
    expect((await w.call('POST', path, { body: { content: 'Hi' } })).status).toBe(401);
    expect((await w.call('POST', path, { token: org.token, body: { content: '' } })).status).toBe(400);
    expect((await w.call('POST', path, { token: org.token, body: { content: 'x'.repeat(2001) } })).status).toBe(400);
    expect((await w.call('POST', path, { token: org.token, body: { content: ' \u0000 ' } })).json).toMatchObject({ status: 422, code: 'INVALID_REVIEW' });
    expect((await w.call('POST', `/api/v1/reviews/${randomUUID()}/replies`, { token: org.token, body: { content: 'Hi' } })).status).toBe(404);
  });
});

describe('POST /reviews/{id}/helpful', () => {
  it('counts one vote per person; a repeat is a no-op; one’s own review is 403 OWN_REVIEW', async () => {
    const w = world();
    const { ev, attendees } = await attended(w, 1);
    const [a] = attendees as [Person];
    const created = (await review(w, a, { eventId: ev.id, rating: 4 })).json;
    const path = `/api/v1/reviews/${created.id}/helpful`;
    const voter = await person(w);
    const res = await w.call('POST', path, { token: voter.token });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ...created, helpfulCount: 1 });
    expect((await w.call('POST', path, { token: voter.token })).json.helpfulCount).toBe(1);
    expect((await w.call('POST', path, { token: (await person(w)).token })).json.helpfulCount).toBe(2);
    expect((await w.call('POST', path, { token: a.token })).json).toMatchObject({ status: 403, code: 'OWN_REVIEW' });
    expect((await w.call('POST', path)).status).toBe(401);
    expect((await w.call('POST', `/api/v1/reviews/${randomUUID()}/helpful`, { token: voter.token })).status).toBe(404);
    expect((await w.call('POST', '/api/v1/reviews/1/helpful', { token: voter.token })).status).toBe(400);
  });
});

describe('POST /reviews/{id}/moderate', () => {
  it('admins reject and restore; the event’s rating follows; others are refused', async () => {
    const w = world();
    const { org, ev, attendees } = await attended(w, 1);
    const created = (await review(w, attendees[0] ?? null, { eventId: ev.id, rating: 4 })).json;
    const path = `/api/v1/reviews/${created.id}/moderate`;
    const admin = await person(w, ['ADMIN']);
    const rejected = await w.call('POST', path, { token: admin.token, body: { status: 'REJECTED' } });
    expect(rejected.status).toBe(200);
    expect(rejected.json).toEqual({ ...created, status: 'REJECTED', updatedAt: expect.stringMatching(ISO) });
    expect((await w.call('GET', `/api/v1/reviews?eventId=${ev.id}`)).json).toMatchObject({ totalElements: 0, avgRating: null, reviewCount: 0 });
    expect((await w.call('POST', path, { token: admin.token, body: { status: 'ACTIVE' } })).json.status).toBe('ACTIVE');
    expect((await w.call('GET', `/api/v1/reviews?eventId=${ev.id}`)).json).toMatchObject({ totalElements: 1, avgRating: 4, reviewCount: 1 });

    expect((await w.call('POST', path, { token: org.token, body: { status: 'REJECTED' } })).json).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect((await w.call('POST', path, { token: (await person(w)).token, body: { status: 'REJECTED' } })).status).toBe(403);
    expect((await w.call('POST', path, { body: { status: 'REJECTED' } })).status).toBe(401);
    expect((await w.call('POST', path, { token: admin.token, body: { status: 'PENDING' } })).status).toBe(400);
    expect((await w.call('POST', `/api/v1/reviews/${randomUUID()}/moderate`, { token: admin.token, body: { status: 'ACTIVE' } })).status).toBe(404);
  });
});
