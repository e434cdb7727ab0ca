import { describe, expect, it } from 'vitest';
import { at, book, draft, HOUR, member, organiser, person, published, world, type World } from './events.fixtures.test-support.js';

const post = (w: World, path: string, token?: string, body?: unknown, headers?: Record<string, string>) =>
  w.call('POST', `/api/v1/events/${path}`, { ...(token === undefined ? {} : { token }), ...(body === undefined ? {} : { body }), ...(headers ? { headers } : {}) });

describe('POST /events/{id}/publish and /unschedule', () => {
  it('publishes a draft now, with or without a body', async () => {
    const w = world();
    const org = await organiser(w);
    const a = await draft(w, org);
    const res = await post(w, `${a.id}/publish`, org.token);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: a.id, status: 'PUBLISHED', publishedAt: new Date(w.clock.now()).toISOString() });
    const b = await draft(w, org);
    expect((await post(w, `${b.id}/publish`, org.token, {})).json.status).toBe('PUBLISHED');
  });

  it('schedules for a future publishAt, and unschedule takes it back to DRAFT', async () => {
    const w = world();
    const org = await organiser(w);
    const e = await draft(w, org);
    const res = await post(w, `${e.id}/publish`, org.token, { publishAt: at(w, 24) });
    expect(res.json).toMatchObject({ status: 'SCHEDULED', publishAt: new Date(w.clock.now() + 24 * HOUR).toISOString() });
    expect((await w.call('GET', `/api/v1/events/${e.id}`)).status).toBe(404);
    const back = await post(w, `${e.id}/unschedule`, org.token);
    expect(back.status).toBe(200);
    expect(back.json.status).toBe('DRAFT');
    expect((await post(w, `${e.id}/unschedule`, org.token)).json.code).toBe('INVALID_EVENT_TRANSITION');
  });

  it('refuses a second publish (409), bad input (400), and callers outside the organisation', async () => {
    const w = world();
    const org = await organiser(w);
    const e = await published(w, org);
    expect((await post(w, `${e.id}/publish`, org.token)).json.code).toBe('INVALID_EVENT_TRANSITION');
    const d = await draft(w, org);
    expect((await post(w, `${d.id}/publish`, org.token, { publishAt: 'soon' })).status).toBe(400);
    expect((await post(w, `${d.id}/publish`)).status).toBe(401);
    expect((await post(w, `${d.id}/publish`, (await organiser(w)).token)).status).toBe(404);
    expect((await post(w, `${d.id}/publish`, (await member(w, org, 'STAFF')).token)).status).toBe(403);
    expect((await post(w, `${d.id}/publish`, (await member(w, org, 'MANAGER')).token)).status).toBe(200);
  });
});

describe('review: /submit, /approve, /reject', () => {
  async function reviewedOrganiser(w: World) {
    const org = await organiser(w);
    const admin = await person(w, ['ADMIN']);
    const res = await w.call('PATCH', `/api/v1/organizations/${org.orgId}`, { token: admin.token, body: { reviewRequired: true } });
    expect(res.status, res.text).toBe(200);
    return { org, admin };
  }

  it('sends a draft to review; an admin rejects it with a reason, then approves it', async () => {
    const w = world();
    const { org, admin } = await reviewedOrganiser(w);
    const e = await draft(w, org);
    expect((await post(w, `${e.id}/publish`, org.token)).json.code).toBe('REVIEW_REQUIRED');
    expect((await post(w, `${e.id}/submit`, org.token)).json.status).toBe('IN_REVIEW');
    expect((await post(w, `${e.id}/approve`, org.token)).status).toBe(403);
    expect((await post(w, `${e.id}/reject`, admin.token, { reason: '' })).status).toBe(400);
    const rejected = await post(w, `${e.id}/reject`, admin.token, { reason: 'describe the route' });
    expect(rejected.json).toMatchObject({ status: 'DRAFT', rejectionReason: 'describe the route' });
    await post(w, `${e.id}/submit`, org.token, { publishAt: at(w, 48) });
    const approved = await post(w, `${e.id}/approve`, admin.token, { publishAt: null });
    expect(approved.status).toBe(200);
    expect(approved.json.status).toBe('PUBLISHED');
  });

  it('approves into SCHEDULED when the organiser wished a later publication', async () => {
    const w = world();
    const { org, admin } = await reviewedOrganiser(w);
    const e = await draft(w, org);
    await post(w, `${e.id}/submit`, org.token, { publishAt: at(w, 48) });
    expect((await post(w, `${e.id}/approve`, admin.token)).json.status).toBe('SCHEDULED');
  });

  it('submit is refused for organisations without review (409)', async () => {
    const w = world();
    const org = await organiser(w);
    const e = await draft(w, org);
    expect((await post(w, `${e.id}/submit`, org.token)).json.code).toBe('INVALID_EVENT_TRANSITION');
  });
});

describe('POST /events/{id}/cancel', () => {
  it('cancels the event with its bookings and answers the event; canceling again answers it unchanged', async () => {
    const w = world();
    const org = await organiser(w);
    const e = await published(w, org, { priceOptions: [{ name: 'Free', price: 0 }] });
    const guest = await person(w);
    const booking = await book(w, guest, e.id, 2);
    const res = await post(w, `${e.id}/cancel`, org.token, { reason: 'storm warning' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: e.id, status: 'CANCELED', cancelReason: 'storm warning', seatsAvailable: 10 });
    const after = await w.call('GET', `/api/v1/bookings/${booking.id}`, { token: guest.token });
    expect(after.json.status).toBe('CANCELED');
    const again = await post(w, `${e.id}/cancel`, org.token, { reason: 'again' });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ status: 'CANCELED', cancelReason: 'storm warning' });
  });

  it('replays the first answer for the same Idempotency-Key and refuses the key with another body', async () => {
    const w = world();
    const org = await organiser(w);
    const e = await published(w, org);
    const headers = { 'idempotency-key': 'cancel-key-0001' };
    const first = await post(w, `${e.id}/cancel`, org.token, { reason: 'storm' }, headers);
    const replay = await post(w, `${e.id}/cancel`, org.token, { reason: 'storm' }, headers);
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.json).toEqual(first.json);
    const reused = await post(w, `${e.id}/cancel`, org.token, { reason: 'other' }, headers);
    expect(reused.status).toBe(422);
    expect(reused.json.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('needs a reason (400); refundPercent is for admins (403); guests 401, strangers 403', async () => {
    const w = world();
    const org = await organiser(w);
    const e = await published(w, org);
    expect((await post(w, `${e.id}/cancel`, org.token, {})).status).toBe(400);
    expect((await post(w, `${e.id}/cancel`, org.token, { reason: 'x', refundPercent: 101 })).status).toBe(400);
    expect((await post(w, `${e.id}/cancel`, org.token, { reason: 'x', refundPercent: 50 })).status).toBe(403);
    expect((await post(w, `${e.id}/cancel`, undefined, { reason: 'x' })).status).toBe(401);
    expect((await post(w, `${e.id}/cancel`, (await person(w)).token, { reason: 'x' })).status).toBe(403);
    const admin = await person(w, ['ADMIN']);
    expect((await post(w, `${e.id}/cancel`, admin.token, { reason: 'x', refundPercent: 50 })).json.status).toBe('CANCELED');
  });
});

describe('POST /events/{id}/crew', () => {
  it('requests a crew and answers the event with its crew status', async () => {
    const w = world();
    const org = await organiser(w);
    const e = await published(w, org);
    const res = await post(w, `${e.id}/crew`, org.token, { size: 2, skills: ['skipper'] });
    expect(res.status).toBe(200);
    expect(res.json.crew).toEqual({ status: 'ASSIGNED', crewId: expect.any(String) });
    expect((await post(w, `${e.id}/crew`, org.token, { size: 0, skills: [] })).status).toBe(400);
    expect((await post(w, `${e.id}/crew`, (await person(w)).token, { size: 1 })).status).toBe(403);
  });
});
