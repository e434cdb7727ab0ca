import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  BOOKING_KEYS,
  bookOverHttp,
  booked,
  event,
  HOUR,
  ISO,
  member,
  organiser,
  paid,
  person,
  world,
  type Organiser,
  type Person,
  type World,
} from './bookings.fixtures.test-support.js';

const ids = (rows: unknown): string[] => (rows as { id: string }[]).map((r) => r.id);

let w: World;
let org: Organiser;
let user: Person;
let ev: { id: string; priceOptionId: string };

beforeEach(async () => {
  w = world();
  org = await organiser(w);
  user = await person(w);
  ev = await event(w, org, { capacity: 5 });
});

describe('POST /bookings', () => {
  it('answers 201, a Location and the contract shape; seats are held', async () => {
    const res = await bookOverHttp(w, user, { eventId: ev.id, quantity: 2 });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/v1/bookings/${res.json.id}`);
    expect(Object.keys(res.json).sort()).toEqual(BOOKING_KEYS);
    expect(res.json).toMatchObject({
      eventId: ev.id,
      userId: user.id,
      priceOptionId: ev.priceOptionId,
      quantity: 2,
      status: 'PENDING_PAYMENT',
      totalAmount: 3998,
      currency: 'RUB',
      pricing: { unitPrice: 1999, quantity: 2, subtotal: 3998, dynamicMultiplier: 1, groupDiscount: 0, promoDiscount: 0, total: 3998 },
      ticketCode: null,
      refund: null,
    });
    expect(Object.keys(res.json.pricing).sort()).toEqual(['dynamicMultiplier', 'groupDiscount', 'promoDiscount', 'quantity', 'subtotal', 'total', 'unitPrice']);
    for (const key of ['paymentDeadline', 'createdAt', 'updatedAt']) expect(res.json[key]).toMatch(ISO);
    expect(Date.parse(res.json.paymentDeadline)).toBeGreaterThan(w.clock.now());
    const seen = await w.call('GET', `/api/v1/bookings/${res.json.id}`, { token: user.token });
    expect(seen.json).toEqual(res.json);
  });

  it('a free booking is CONFIRMED at once with a ticket code', async () => {
    const free = await event(w, org, { price: 0 });
    const res = await bookOverHttp(w, user, { eventId: free.id, quantity: 1 });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ status: 'CONFIRMED', totalAmount: 0 });
    expect(res.json.ticketCode).toMatch(/^[A-Z0-9-]{8,}$/);
  });

  it('a full event answers 409 EVENT_FULL offering the waitlist', async () => {
    const small = await event(w, org, { capacity: 1 });
    await booked(w, await person(w), small.id);
    const res = await bookOverHttp(w, user, { eventId: small.id, quantity: 1 });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.json).toMatchObject({ code: 'EVENT_FULL', waitlistJoinable: true });
  });

  it('answers the rule that failed first', async () => {
    await booked(w, user, ev.id);
    expect((await bookOverHttp(w, user, { eventId: ev.id, quantity: 1 })).json).toMatchObject({ status: 409, code: 'ALREADY_BOOKED' });
    const other = await person(w);
    expect((await bookOverHttp(w, other, { eventId: ev.id, quantity: 0 })).json).toMatchObject({ status: 422, code: 'QUANTITY_LIMIT' });
    expect((await bookOverHttp(w, other, { eventId: ev.id, quantity: 1, priceOptionId: randomUUID() })).json).toMatchObject({
      status: 422,
      code: 'INVALID_PRICE_OPTION',
    });
    expect((await bookOverHttp(w, other, { eventId: ev.id, quantity: 1, promoCode: 'NOPE' })).json).toMatchObject({
      status: 422,
      code: 'INVALID_PROMO_CODE',
      reason: 'UNKNOWN',
    });
    expect((await bookOverHttp(w, other, { eventId: randomUUID(), quantity: 1 })).json).toMatchObject({ status: 404, code: 'EVENT_NOT_FOUND' });
    const draft = await event(w, org, { publish: false });
    expect((await bookOverHttp(w, other, { eventId: draft.id, quantity: 1 })).json).toMatchObject({ status: 404, code: 'EVENT_NOT_FOUND' });
    expect((await bookOverHttp(w, org, { eventId: ev.id, quantity: 1 })).json).toMatchObject({ status: 403, code: 'OWN_EVENT' });
  });

  it('guests are asked to sign in; bad input is a 400 problem with errors[]', async () => {
    const guest = await w.call('POST', '/api/v1/bookings', { body: { eventId: ev.id, quantity: 1 } });
    expect(guest.status).toBe(401);
    expect(guest.json.code).toBe('NOT_AUTHENTICATED');
    const malformed = await w.call('POST', '/api/v1/bookings', { token: user.token, body: '{"eventId":' });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
    const invalid = await bookOverHttp(w, user, { eventId: 'not-a-uuid', quantity: 'two', promoCode: 5 });
    expect(invalid.status).toBe(400);
    expect(invalid.json.code).toBe('VALIDATION_FAILED');
    expect((invalid.json.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['eventId', 'promoCode', 'quantity']);
    expect((await bookOverHttp(w, user, { eventId: ev.id, quantity: 1.5 })).status).toBe(400);
  });

  it('Idempotency-Key: a retry replays the first answer and books once; another body is 422', async () => {
    const headers = { 'Idempotency-Key': 'book-retry-0001' };
    const first = await bookOverHttp(w, user, { eventId: ev.id, quantity: 1 }, headers);
    const again = await bookOverHttp(w, user, { eventId: ev.id, quantity: 1 }, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await bookOverHttp(w, user, { eventId: ev.id, quantity: 2 }, headers);
    expect(other.json).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    const mine = await w.call('GET', '/api/v1/bookings', { token: user.token });
    expect(mine.json.totalElements).toBe(1);
  });
});

describe('GET /bookings', () => {
  it('lists the caller’s own bookings by default, newest first, as a page', async () => {
    const first = await booked(w, user, ev.id);
    w.clock.advance(1000);
    const second = await booked(w, user, (await event(w, org)).id);
    await booked(w, await person(w), ev.id);
    const res = await w.call('GET', '/api/v1/bookings?page=1&size=10', { token: user.token });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ page: 1, size: 10, totalElements: 2, totalPages: 1 });
    expect(ids(res.json.data)).toEqual([second.id, first.id]);
    expect(Object.keys(res.json.data[0]).sort()).toEqual(BOOKING_KEYS);
  });

  it('organisation scope: members see their events’ bookings, filtered by event and status', async () => {
    const a = await booked(w, user, ev.id);
    const b = await booked(w, await person(w), ev.id);
    await paid(w, user, a.id);
    const elsewhere = await organiser(w);
    await booked(w, user, (await event(w, elsewhere)).id);

    const byOrg = await w.call('GET', `/api/v1/bookings?organizationId=${org.orgId}`, { token: org.token });
    expect(byOrg.json.totalElements).toBe(2);
    const staff = await member(w, org, 'STAFF');
    const byEvent = await w.call('GET', `/api/v1/bookings?scope=organization&eventId=${ev.id}&status=CONFIRMED`, { token: staff.token });
    expect(byEvent.status).toBe(200);
    expect(ids(byEvent.json.data)).toEqual([a.id]);
    const pending = await w.call('GET', `/api/v1/bookings?scope=organization&status=PENDING_PAYMENT,EXPIRED`, { token: org.token });
    expect(ids(pending.json.data)).toEqual([b.id]);
    const admin = await person(w, ['ADMIN']);
    expect((await w.call('GET', '/api/v1/bookings?scope=organization', { token: admin.token })).json.totalElements).toBe(3);
  });

  it('refuses outsiders, guests and bad filters', async () => {
    expect((await w.call('GET', '/api/v1/bookings?scope=organization', { token: user.token })).json).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect((await w.call('GET', `/api/v1/bookings?organizationId=${org.orgId}`, { token: user.token })).json).toMatchObject({
      status: 404,
      code: 'ORGANIZATION_NOT_FOUND',
    });
    const other = await organiser(w);
    expect((await w.call('GET', `/api/v1/bookings?scope=organization&eventId=${ev.id}`, { token: other.token })).status).toBe(403);
    expect((await w.call('GET', '/api/v1/bookings')).status).toBe(401);
    for (const q of ['status=PAID', 'status=CONFIRMED,', 'size=101', 'page=0', 'scope=everyone', 'eventId=42']) {
      const res = await w.call('GET', `/api/v1/bookings?${q}`, { token: user.token });
      expect(res.status, q).toBe(400);
      expect(res.json.code, q).toBe('VALIDATION_FAILED');
    }
  });
});

describe('GET /bookings/{id}', () => {
  it('owner, the event’s organisation (any role) and admins see it; others get 404', async () => {
    const b = await booked(w, user, ev.id);
    const staff = await member(w, org, 'STAFF');
    for (const who of [user, org, staff, await person(w, ['ADMIN'])]) {
      expect((await w.call('GET', `/api/v1/bookings/${b.id}`, { token: who.token })).status).toBe(200);
    }
    for (const who of [await person(w), await organiser(w)]) {
      expect((await w.call('GET', `/api/v1/bookings/${b.id}`, { token: who.token })).json).toMatchObject({ status: 404, code: 'BOOKING_NOT_FOUND' });
    }
    expect((await w.call('GET', `/api/v1/bookings/${b.id}`)).status).toBe(401);
    expect((await w.call('GET', '/api/v1/bookings/not-a-uuid', { token: user.token })).status).toBe(400);
  });
});

describe('POST /bookings/{id}/cancel', () => {
  it('an unpaid booking is canceled with refund null and its seats come back', async () => {
    const b = await booked(w, user, ev.id, 2);
    const res = await w.call('POST', `/api/v1/bookings/${b.id}/cancel`, { token: user.token });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual(BOOKING_KEYS);
    expect(res.json).toMatchObject({ status: 'CANCELED', refund: null });
    const again = await w.call('POST', `/api/v1/bookings/${b.id}/cancel`, { token: user.token, body: {} });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(res.json);
    expect((await bookOverHttp(w, await person(w), { eventId: ev.id, quantity: 5 })).status).toBe(201);
  });

  it('ten days ahead the owner gets everything back; the refund is on the booking', async () => {
    const b = await booked(w, user, ev.id);
    await paid(w, user, b.id);
    const res = await w.call('POST', `/api/v1/bookings/${b.id}/cancel`, { token: user.token, body: { reason: 'plans changed' } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'CANCELED', refund: { amount: 1999, percent: 100 } });
    expect(['PENDING', 'COMPLETED']).toContain(res.json.refund.status);
  });

  it('by policy for the owner (50 % a day and a half ahead); an admin may choose the percentage', async () => {
    const soon = await event(w, org, { startsInHours: 36 });
    const b = await booked(w, user, soon.id);
    await paid(w, user, b.id);
    const quote = await w.call('GET', `/api/v1/bookings/${b.id}/refund-quote`, { token: user.token });
    expect(quote.json).toMatchObject({ bookingId: b.id, percent: 50, amount: 1000, refundable: 1999, basis: 'POLICY' });
    expect((await w.call('POST', `/api/v1/bookings/${b.id}/cancel`, { token: user.token, body: { refundPercent: 100 } })).json).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
    });
    const admin = await person(w, ['ADMIN']);
    const res = await w.call('POST', `/api/v1/bookings/${b.id}/cancel`, { token: admin.token, body: { refundPercent: 25, reason: 'goodwill' } });
    expect(res.json).toMatchObject({ status: 'CANCELED', refund: { amount: 500, percent: 25 } });
  });

  it('staff may not cancel; strangers get 404; bad input is 400', async () => {
    const b = await booked(w, user, ev.id);
    const staff = await member(w, org, 'STAFF');
    expect((await w.call('POST', `/api/v1/bookings/${b.id}/cancel`, { token: staff.token })).json).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect((await w.call('POST', `/api/v1/bookings/${b.id}/cancel`, { token: (await person(w)).token })).status).toBe(404);
    expect((await w.call('POST', `/api/v1/bookings/${b.id}/cancel`, { token: user.token, body: { refundPercent: 101 } })).status).toBe(400);
    expect((await w.call('POST', `/api/v1/bookings/${b.id}/cancel`, { token: user.token, body: { reason: 7 } })).status).toBe(400);
    expect((await w.call('POST', `/api/v1/bookings/${b.id}/cancel`)).status).toBe(401);
    const organiserCancel = await w.call('POST', `/api/v1/bookings/${b.id}/cancel`, { token: org.token, body: { reason: 'weather' } });
    expect(organiserCancel.json).toMatchObject({ status: 'CANCELED', refund: null });
  });

  it('a confirmed booking cannot be canceled once the event started', async () => {
    const b = await booked(w, user, ev.id);
    await paid(w, user, b.id);
    w.clock.advance(241 * HOUR);
    expect((await w.call('POST', `/api/v1/bookings/${b.id}/cancel`, { token: user.token })).json).toMatchObject({ status: 409, code: 'EVENT_STARTED' });
  });
});

describe('GET /bookings/{id}/refund-quote', () => {
  it('quotes an unpaid booking at 0 and refuses a canceled one', async () => {
    const b = await booked(w, user, ev.id);
    const quote = await w.call('GET', `/api/v1/bookings/${b.id}/refund-quote`, { token: user.token });
    expect(quote.status).toBe(200);
    expect(Object.keys(quote.json).sort()).toEqual(['amount', 'basis', 'bookingId', 'hoursBeforeStart', 'percent', 'refundable']);
    expect(quote.json).toMatchObject({ percent: 100, amount: 0 });
    await w.call('POST', `/api/v1/bookings/${b.id}/cancel`, { token: user.token });
    expect((await w.call('GET', `/api/v1/bookings/${b.id}/refund-quote`, { token: user.token })).json).toMatchObject({
      status: 409,
      code: 'BOOKING_NOT_CANCELABLE',
    });
    expect((await w.call('GET', `/api/v1/bookings/${b.id}/refund-quote`, { token: (await person(w)).token })).status).toBe(404);
  });
});

describe('GET /bookings/{id}/ticket', () => {
  it('a CONFIRMED booking downloads a PDF; others are 409 problems', async () => {
    const b = await booked(w, user, ev.id);
    const pending = await w.call('GET', `/api/v1/bookings/${b.id}/ticket`, { token: user.token });
    expect(pending.status).toBe(409);
    expect(pending.headers.get('content-type')).toContain('application/problem+json');
    expect(pending.json).toMatchObject({ code: 'TICKET_NOT_VALID', status: 409, currentStatus: 'PENDING_PAYMENT' });
    await paid(w, user, b.id);
    for (const who of [user, org, await person(w, ['ADMIN'])]) {
      const res = await w.app.request(`/api/v1/bookings/${b.id}/ticket`, { headers: { authorization: `Bearer ${who.token}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
    expect((await w.call('GET', `/api/v1/bookings/${b.id}/ticket`, { token: (await person(w)).token })).status).toBe(404);
    expect((await w.call('GET', `/api/v1/bookings/${b.id}/ticket`)).status).toBe(401);
  });
});
