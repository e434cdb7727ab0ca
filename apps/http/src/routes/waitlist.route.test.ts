import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { book, cancelBooking, event, member, organiser, person, world, type Person, type World } from './waitlist.fixtures.test-support.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A full event (capacity 1, its seat PENDING_PAYMENT by `holder`) and the organiser. */
async function fullEvent(w: World) {
  const org = await organiser(w);
  const ev = await event(w, org, { capacity: 1 });
  const holder = await person(w);
  const booking = await book(w, holder, ev.id);
  return { org, ev, holder, booking };
}

const join = (w: World, p: Person | null, eventId: string, body: unknown = { quantity: 1 }) =>
  w.call('POST', `/api/v1/events/${eventId}/waitlist`, { ...(p ? { token: p.token } : {}), body });

describe('POST /events/{id}/waitlist', () => {
  it('joins a full event: 201, WAITING, position 1, with the exact shape and a Location', async () => {
    const w = world();
    const { ev } = await fullEvent(w);
    const late = await person(w);
    const res = await join(w, late, ev.id);
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      id: expect.stringMatching(UUID),
      eventId: ev.id,
      userId: late.id,
      quantity: 1,
      status: 'WAITING',
      position: 1,
      offerExpiresAt: null,
      createdAt: expect.stringMatching(ISO),
    });
    expect(res.headers.get('location')).toBe(`/api/v1/waitlist/${res.json.id}`);
    const second = await join(w, await person(w), ev.id, { quantity: 1, priceOptionId: ev.priceOptionId });
    expect(second.json).toMatchObject({ status: 'WAITING', position: 2 });
  });

  it('answers the contract’s conflicts', async () => {
    const w = world();
    const { org, ev, holder } = await fullEvent(w);
    const late = await person(w);
    await join(w, late, ev.id);
    expect((await join(w, late, ev.id)).json).toMatchObject({ status: 409, code: 'ALREADY_WAITLISTED' });
    expect((await join(w, holder, ev.id)).json).toMatchObject({ status: 409, code: 'ALREADY_BOOKED' });
    expect((await join(w, org, ev.id)).json).toMatchObject({ status: 403, code: 'OWN_EVENT' });
    const open = await event(w, org, { capacity: 5 });
    expect((await join(w, late, open.id)).json).toMatchObject({ status: 409, code: 'SEATS_AVAILABLE', seatsAvailable: 5 });
    expect((await join(w, late, ev.id, { quantity: 50 })).json).toMatchObject({ status: 422, code: 'QUANTITY_LIMIT' });
    const other = await person(w);
    expect((await join(w, other, ev.id, { quantity: 1, priceOptionId: randomUUID() })).json).toMatchObject({ status: 422, code: 'INVALID_PRICE_OPTION' });
  });

  it('hides drafts and unknown events (404), needs a token (401), validates the body (400)', async () => {
    const w = world();
    const org = await organiser(w);
    const draft = await event(w, org, { publish: false });
    const user = await person(w);
    expect((await join(w, user, draft.id)).json).toMatchObject({ status: 404, code: 'EVENT_NOT_FOUND' });
    expect((await join(w, user, randomUUID())).json).toMatchObject({ status: 404, code: 'EVENT_NOT_FOUND' });
    expect((await join(w, null, draft.id)).status).toBe(401);
    const bad = await join(w, user, draft.id, { quantity: 0, priceOptionId: 'x' });
    expect(bad.status).toBe(400);
    expect((bad.json.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['priceOptionId', 'quantity']);
    expect((await join(w, user, 'not-a-uuid')).status).toBe(400);
  });

  it('lets only admins set a priority', async () => {
    const w = world();
    const { ev } = await fullEvent(w);
    expect((await join(w, await person(w), ev.id, { quantity: 1, priority: -5 })).json).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    const admin = await person(w, ['ADMIN']);
    expect((await join(w, admin, ev.id, { quantity: 1, priority: -5 })).status).toBe(201);
  });
});

describe('GET /events/{id}/waitlist', () => {
  it('lists the line for the organisers and admins, and refuses others', async () => {
    const w = world();
    const { org, ev } = await fullEvent(w);
    const a = await person(w);
    const b = await person(w);
    await join(w, a, ev.id);
    await join(w, b, ev.id);
    const res = await w.call('GET', `/api/v1/events/${ev.id}/waitlist?size=1`, { token: org.token });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ page: 1, size: 1, totalElements: 2, totalPages: 2 });
    expect(res.json.data).toEqual([expect.objectContaining({ userId: a.id, position: 1, status: 'WAITING' })]);
    const manager = await member(w, org, 'MANAGER');
    expect((await w.call('GET', `/api/v1/events/${ev.id}/waitlist`, { token: manager.token })).json.totalElements).toBe(2);
    const admin = await person(w, ['ADMIN']);
    expect((await w.call('GET', `/api/v1/events/${ev.id}/waitlist?status=OFFERED`, { token: admin.token })).json.totalElements).toBe(0);
    expect((await w.call('GET', `/api/v1/events/${ev.id}/waitlist`, { token: a.token })).json).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    const stranger = await organiser(w);
    expect((await w.call('GET', `/api/v1/events/${ev.id}/waitlist`, { token: stranger.token })).status).toBe(403);
    expect((await w.call('GET', `/api/v1/events/${ev.id}/waitlist`)).status).toBe(401);
    expect((await w.call('GET', `/api/v1/events/${ev.id}/waitlist?status=NOPE`, { token: org.token })).status).toBe(400);
    expect((await w.call('GET', `/api/v1/events/${ev.id}/waitlist?size=101`, { token: org.token })).status).toBe(400);
  });
});

describe('GET /waitlist', () => {
  it('lists the caller’s entries, newest first, position only while WAITING', async () => {
    const w = world();
    const first = await fullEvent(w);
    const second = await fullEvent(w);
    const me = await person(w);
    await join(w, await person(w), second.ev.id);
    const older = await join(w, me, first.ev.id);
    w.clock.advance(1000);
    const newer = await join(w, me, second.ev.id);
    await w.call('DELETE', `/api/v1/waitlist/${older.json.id}`, { token: me.token });
    const res = await w.call('GET', '/api/v1/waitlist', { token: me.token });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ page: 1, size: 20, totalElements: 2, totalPages: 1 });
    expect((res.json.data as { id: string; status: string; position: number | null }[]).map((e) => [e.id, e.status, e.position])).toEqual([
      [newer.json.id, 'WAITING', 2],
      [older.json.id, 'LEFT', null],
    ]);
    expect((await w.call('GET', '/api/v1/waitlist', { token: (await person(w)).token })).json.data).toEqual([]);
    expect((await w.call('GET', '/api/v1/waitlist')).status).toBe(401);
    expect((await w.call('GET', '/api/v1/waitlist?page=0', { token: me.token })).status).toBe(400);
  });
});

describe('POST /waitlist/{id}/claim', () => {
  /** A full event whose seat is freed: the waiting person gets an OFFERED entry. */
  async function offered(w: World) {
    const full = await fullEvent(w);
    const late = await person(w);
    const entry = (await join(w, late, full.ev.id)).json;
    await cancelBooking(w, full.holder, full.booking.id);
    return { ...full, late, entry };
  }

  it('turns an offer into a PENDING_PAYMENT booking: 201 with the booking shape and a Location', async () => {
    const w = world();
    const { ev, late, entry } = await offered(w);
    const mine = await w.call('GET', '/api/v1/waitlist', { token: late.token });
    expect(mine.json.data[0]).toMatchObject({ status: 'OFFERED', position: null, offerExpiresAt: expect.stringMatching(ISO) });
    const res = await w.call('POST', `/api/v1/waitlist/${entry.id}/claim`, { token: late.token });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      id: expect.stringMatching(UUID),
      eventId: ev.id,
      userId: late.id,
      priceOptionId: ev.priceOptionId,
      quantity: 1,
      status: 'PENDING_PAYMENT',
      totalAmount: 1999,
      currency: 'RUB',
      pricing: { unitPrice: 1999, quantity: 1, subtotal: 1999, dynamicMultiplier: 1, groupDiscount: 0, promoDiscount: 0, total: 1999 },
      paymentDeadline: expect.stringMatching(ISO),
      ticketCode: null,
      refund: null,
      createdAt: expect.stringMatching(ISO),
      updatedAt: expect.stringMatching(ISO),
    });
    expect(res.headers.get('location')).toBe(`/api/v1/bookings/${res.json.id}`);
    const again = await w.call('POST', `/api/v1/waitlist/${entry.id}/claim`, { token: late.token });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ code: 'WAITLIST_ENTRY_NOT_ACTIVE' });
  });

  it('replays the first answer for the same Idempotency-Key', async () => {
    const w = world();
    const { late, entry } = await offered(w);
    const headers = { 'Idempotency-Key': `claim-${entry.id}` };
    const first = await w.call('POST', `/api/v1/waitlist/${entry.id}/claim`, { token: late.token, headers });
    const replay = await w.call('POST', `/api/v1/waitlist/${entry.id}/claim`, { token: late.token, headers });
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.json.id).toBe(first.json.id);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });

  it('answers OFFER_EXPIRED after the window, 409 while still waiting, 404 to anyone but the owner', async () => {
    const w = world();
    const { late, entry, holder } = await offered(w);
    expect((await w.call('POST', `/api/v1/waitlist/${entry.id}/claim`, { token: holder.token })).json).toMatchObject({
      status: 404,
      code: 'WAITLIST_ENTRY_NOT_FOUND',
    });
    expect((await w.call('POST', `/api/v1/waitlist/${randomUUID()}/claim`, { token: late.token })).status).toBe(404);
    expect((await w.call('POST', `/api/v1/waitlist/${entry.id}/claim`)).status).toBe(401);
    expect((await w.call('POST', '/api/v1/waitlist/nope/claim', { token: late.token })).status).toBe(400);
    w.clock.advance(w.config.waitlistOfferMinutes * 60_000 + 1);
    expect((await w.call('POST', `/api/v1/waitlist/${entry.id}/claim`, { token: late.token })).json).toMatchObject({
      status: 409,
      code: 'OFFER_EXPIRED',
    });

    const { ev } = await fullEvent(w);
    const waiting = (await join(w, late, ev.id)).json;
    const early = await w.call('POST', `/api/v1/waitlist/${waiting.id}/claim`, { token: late.token });
    expect(early.status).toBe(409);
    expect(early.json).toMatchObject({ code: 'WAITLIST_ENTRY_NOT_ACTIVE' });
  });
});

describe('DELETE /waitlist/{id}', () => {
  it('leaves the line: 200 with the entry LEFT; again answers it unchanged; the next person moves up', async () => {
    const w = world();
    const { ev } = await fullEvent(w);
    const a = await person(w);
    const b = await person(w);
    const entry = (await join(w, a, ev.id)).json;
    await join(w, b, ev.id);
    const res = await w.call('DELETE', `/api/v1/waitlist/${entry.id}`, { token: a.token });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ...entry, status: 'LEFT', position: null });
    expect((await w.call('DELETE', `/api/v1/waitlist/${entry.id}`, { token: a.token })).json).toMatchObject({ status: 'LEFT' });
    expect((await w.call('GET', '/api/v1/waitlist', { token: b.token })).json.data[0].position).toBe(1);
  });

  it('is the owner’s only: 404 for others, 401 for guests, 400 for a malformed id', async () => {
    const w = world();
    const { ev, org } = await fullEvent(w);
    const a = await person(w);
    const entry = (await join(w, a, ev.id)).json;
    expect((await w.call('DELETE', `/api/v1/waitlist/${entry.id}`, { token: org.token })).json).toMatchObject({
      status: 404,
      code: 'WAITLIST_ENTRY_NOT_FOUND',
    });
    expect((await w.call('DELETE', `/api/v1/waitlist/${entry.id}`)).status).toBe(401);
    expect((await w.call('DELETE', '/api/v1/waitlist/123', { token: a.token })).status).toBe(400);
  });
});

describe('the acceptance scenario', () => {
  it('a full event answers EVENT_FULL and the late person joins the waitlist first in line', async () => {
    const w = world();
    const { ev } = await fullEvent(w);
    const late = await person(w);
    const full = await w.deps.useCases.bookings.create.execute(
      { actor: await w.deps.useCases.access.resolveActor.execute({ sub: late.id, roles: ['USER'] }), correlationId: 'c' },
      { eventId: ev.id, quantity: 1 },
    );
    expect(full).toMatchObject({ ok: false, error: { type: 'EVENT_FULL', waitlistJoinable: true } });
    expect((await join(w, late, ev.id)).json).toMatchObject({ status: 'WAITING', position: 1 });
  });
});
