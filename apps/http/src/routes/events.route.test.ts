import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { at, book, draft, eventBody, HOUR, member, organiser, person, published, world } from './events.fixtures.test-support.js';

const EVENT_KEYS = [
  'avgRating', 'bookingDeadlineHours', 'cancelReason', 'capacity', 'categoryId', 'createdAt', 'creatorId', 'crew', 'currency',
  'description', 'dynamicPricing', 'endsAt', 'featured', 'groupDiscounts', 'id', 'imageUrl', 'location', 'maxTicketsPerBooking',
  'organizationId', 'price', 'priceOptions', 'publishAt', 'publishedAt', 'refundPolicy', 'rejectionReason', 'reviewCount',
  'seatsAvailable', 'shortDescription', 'startsAt', 'status', 'timeZone', 'title', 'updatedAt',
];
/** The typed parts of a JSON answer the tests read. */
const fieldsOf = (json: { errors: { field: string }[] }) => json.errors.map((e) => e.field);
const dataOf = (json: { data: { id: string }[] }) => json.data;
const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('POST /events', () => {
  it('creates a DRAFT: 201, Location, the contract’s shape with instants in UTC and the defaults', async () => {
    const w = world();
    const org = await organiser(w);
    const res = await w.call('POST', '/api/v1/events', { token: org.token, body: eventBody(w, org) });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/v1/events/${res.json.id}`);
    const e = res.json;
    expect(Object.keys(e).sort()).toEqual(EVENT_KEYS);
    expect(e).toMatchObject({
      status: 'DRAFT',
      creatorId: org.id,
      organizationId: org.orgId,
      title: 'Sunset kayak tour',
      timeZone: 'Europe/Moscow',
      startsAt: new Date(w.clock.now() + 240 * HOUR).toISOString(),
      endsAt: new Date(w.clock.now() + 243 * HOUR).toISOString(),
      location: { name: 'Pier 3', address: 'Embankment 12', latitude: 55.75, longitude: 37.61 },
      capacity: 10,
      seatsAvailable: 10,
      currency: 'RUB',
      price: 1999,
      maxTicketsPerBooking: 10,
      refundPolicy: [
        { minHoursBefore: 168, percent: 100 },
        { minHoursBefore: 48, percent: 80 },
        { minHoursBefore: 24, percent: 50 },
      ],
      dynamicPricing: [],
      groupDiscounts: [],
      featured: false,
      avgRating: null,
      reviewCount: 0,
      publishAt: null,
      publishedAt: null,
      crew: { status: 'NONE', crewId: null },
    });
    expect(e.priceOptions).toEqual([{ id: expect.any(String), name: 'Standard', description: null, price: 1999, quantity: null, seatsAvailable: 10, active: true }]);
    expect(e.createdAt).toMatch(ISO_MS);
  });

  it('takes the organiser’s only organisation when organizationId is left out', async () => {
    const w = world();
    const org = await organiser(w);
    const { organizationId: _left, ...body } = eventBody(w, org);
    const res = await w.call('POST', '/api/v1/events', { token: org.token, body });
    expect(res.status).toBe(201);
    expect(res.json.organizationId).toBe(org.orgId);
  });

  it('answers bad input with a problem document listing every bad field', async () => {
    const w = world();
    const org = await organiser(w);
    const res = await w.call('POST', '/api/v1/events', { token: org.token, body: { organizationId: org.orgId, title: '', capacity: -1, startsAt: 'tomorrow' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.json.code).toBe('VALIDATION_FAILED');
    const fields = fieldsOf(res.json);
    expect(fields).toEqual(expect.arrayContaining(['title', 'capacity', 'startsAt', 'currency', 'priceOptions']));
  });

  it.each([
    ['a local time without offset', { startsAt: '2026-12-01T10:00:00' }, 'startsAt'],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['a negative price', { priceOptions: [{ name: 'S', price: -1 }] }, 'priceOptions.0.price'],
    ['a refund percent above 100', { refundPolicy: [{ minHoursBefore: 1, percent: 120 }] }, 'refundPolicy.0.percent'],
    ['a lower-case currency', { currency: 'rub' }, 'currency'],
  ])('refuses %s with 400', async (_what, override, field) => {
    const w = world();
    const org = await organiser(w);
    const res = await w.call('POST', '/api/v1/events', { token: org.token, body: eventBody(w, org, override) });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.json)).toContain(field);
  });

  it('answers semantic rule failures with 422 (startsAt in the past, increasing refund tiers)', async () => {
    const w = world();
    const org = await organiser(w);
    const past = await w.call('POST', '/api/v1/events', { token: org.token, body: eventBody(w, org, { startsAt: at(w, -1), endsAt: null }) });
    expect(past.status).toBe(422);
    expect(past.json.code).toBe('INVALID_EVENT');
    const policy = await w.call('POST', '/api/v1/events', {
      token: org.token,
      body: eventBody(w, org, { refundPolicy: [{ minHoursBefore: 100, percent: 10 }, { minHoursBefore: 10, percent: 90 }] }),
    });
    expect(policy.status).toBe(422);
    expect(policy.json.code).toBe('INVALID_REFUND_POLICY');
  });

  it('needs a token (401), the organiser role (403) and a place in the organisation', async () => {
    const w = world();
    const org = await organiser(w);
    const body = eventBody(w, org);
    expect((await w.call('POST', '/api/v1/events', { body })).status).toBe(401);
    const user = await person(w);
    expect((await w.call('POST', '/api/v1/events', { token: user.token, body })).json.code).toBe('FORBIDDEN');
    const other = await organiser(w);
    expect((await w.call('POST', '/api/v1/events', { token: other.token, body })).json.code).toBe('ORGANIZATION_NOT_FOUND');
    const staff = await member(w, org, 'STAFF');
    expect((await w.call('POST', '/api/v1/events', { token: staff.token, body })).status).toBe(403);
    const manager = await member(w, org, 'MANAGER');
    expect((await w.call('POST', '/api/v1/events', { token: manager.token, body })).status).toBe(201);
    const admin = await person(w, ['ADMIN']);
    expect((await w.call('POST', '/api/v1/events', { token: admin.token, body: { ...body, featured: true } })).json.featured).toBe(true);
    expect((await w.call('POST', '/api/v1/events', { token: org.token, body: { ...body, featured: true } })).status).toBe(403);
  });
});

describe('GET /events/{id}', () => {
  it('hides a draft from the public and other organisers until it is published', async () => {
    const w = world();
    const org = await organiser(w);
    const e = await draft(w, org);
    const guest = await w.call('GET', `/api/v1/events/${e.id}`);
    expect(guest.status).toBe(404);
    expect(guest.json.code).toBe('EVENT_NOT_FOUND');
    const other = await organiser(w);
    expect((await w.call('GET', `/api/v1/events/${e.id}`, { token: other.token })).status).toBe(404);
    expect((await w.call('GET', `/api/v1/events/${e.id}`, { token: org.token })).json.status).toBe('DRAFT');
    const staff = await member(w, org, 'STAFF');
    expect((await w.call('GET', `/api/v1/events/${e.id}`, { token: staff.token })).status).toBe(200);
    const admin = await person(w, ['ADMIN']);
    expect((await w.call('GET', `/api/v1/events/${e.id}`, { token: admin.token })).status).toBe(200);

    await w.call('POST', `/api/v1/events/${e.id}/publish`, { token: org.token, body: {} });
    const seen = await w.call('GET', `/api/v1/events/${e.id}`);
    expect(seen.status).toBe(200);
    expect(Object.keys(seen.json).sort()).toEqual(EVENT_KEYS);
    expect(seen.json.status).toBe('PUBLISHED');
  });

  it('answers 400 for a malformed id and 404 for an unknown one', async () => {
    const w = world();
    expect((await w.call('GET', '/api/v1/events/not-a-uuid')).status).toBe(400);
    expect((await w.call('GET', `/api/v1/events/${randomUUID()}`)).json.code).toBe('EVENT_NOT_FOUND');
  });
});

describe('GET /events', () => {
  it('lists published events that have not started, soonest first, as a page; echoes the correlation id', async () => {
    const w = world();
    const org = await organiser(w);
    const later = await published(w, org, { startsAt: at(w, 300), endsAt: null });
    const sooner = await published(w, org, { startsAt: at(w, 100), endsAt: null });
    await draft(w, org);
    const res = await w.call('GET', '/api/v1/events', { headers: { 'x-correlation-id': 'corr-123' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-correlation-id')).toBe('corr-123');
    expect(res.json).toMatchObject({ page: 1, size: 20, totalElements: 2, totalPages: 1 });
    expect(dataOf(res.json).map((e) => e.id)).toEqual([sooner.id, later.id]);
    expect(Object.keys(res.json.data[0]).sort()).toEqual(EVENT_KEYS);

    const reversed = await w.call('GET', '/api/v1/events?sort=-startsAt&size=1&page=2');
    expect(reversed.json).toMatchObject({ page: 2, size: 1, totalElements: 2, totalPages: 2 });
    expect(reversed.json.data[0].id).toBe(sooner.id);

    w.clock.advance(150 * HOUR);
    expect(dataOf((await w.call('GET', '/api/v1/events', { token: org.token })).json).map((e) => e.id)).toEqual([later.id]);
  });

  it('filters by text, time window, organisation, featured and price order', async () => {
    const w = world();
    const org = await organiser(w);
    const other = await organiser(w);
    const kayak = await published(w, org, { title: 'Kayak at dawn', startsAt: at(w, 100), endsAt: null, priceOptions: [{ name: 'S', price: 5000 }] });
    const regatta = await published(w, other, { title: 'Regatta', startsAt: at(w, 200), endsAt: null, priceOptions: [{ name: 'S', price: 1000 }] });
    const ids = async (query: string) => dataOf((await w.call('GET', `/api/v1/events?${query}`)).json).map((e) => e.id);
    expect(await ids('q=kayak')).toEqual([kayak.id]);
    expect(await ids(`from=${encodeURIComponent(at(w, 150))}`)).toEqual([regatta.id]);
    expect(await ids(`to=${encodeURIComponent(at(w, 150))}`)).toEqual([kayak.id]);
    expect(await ids(`organizationId=${other.orgId}`)).toEqual([regatta.id]);
    expect(await ids('sort=price')).toEqual([regatta.id, kayak.id]);
    expect(await ids('featured=true')).toEqual([]);
    expect(await ids('featured=false')).toHaveLength(2);
  });

  it('shows drafts to their organisers through status (comma list or repeated), never to guests', async () => {
    const w = world();
    const org = await organiser(w);
    const d = await draft(w, org);
    const p = await published(w, org);
    const ids = async (query: string, token?: string) =>
      dataOf((await w.call('GET', `/api/v1/events?${query}`, token === undefined ? {} : { token })).json).map((e) => e.id).sort();
    expect(await ids('status=DRAFT,PUBLISHED', org.token)).toEqual([d.id, p.id].sort());
    expect(await ids('status=DRAFT&status=PUBLISHED', org.token)).toEqual([d.id, p.id].sort());
    expect(await ids('status=DRAFT,PUBLISHED')).toEqual([p.id]);
    const stranger = await organiser(w);
    expect(await ids('status=DRAFT', stranger.token)).toEqual([]);
  });

  it.each(['size=101', 'page=0', 'sort=title', 'status=LIVE', 'featured=yes', 'from=tomorrow', 'organizationId=x'])('answers 400 for %s', async (query) => {
    const w = world();
    const res = await w.call('GET', `/api/v1/events?${query}`);
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('VALIDATION_FAILED');
  });
});

describe('PATCH /events/{id}', () => {
  it('edits any subset and reschedules a published event, telling attendees why', async () => {
    const w = world();
    const org = await organiser(w);
    const e = await published(w, org);
    const res = await w.call('PATCH', `/api/v1/events/${e.id}`, {
      token: org.token,
      body: { title: 'Sunrise kayak tour', startsAt: at(w, 250), endsAt: at(w, 252), reason: 'better light' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ title: 'Sunrise kayak tour', startsAt: new Date(w.clock.now() + 250 * HOUR).toISOString(), status: 'PUBLISHED' });
    const sent = await w.storage.outbox.list({ type: 'event.rescheduled', subject: e.id, page: 1, size: 10 });
    expect(sent.items).toHaveLength(1);
    expect(sent.items[0]?.data).toMatchObject({ reason: 'better light' });
  });

  it('refuses a capacity below the seats taken (409), edits of a canceled event (409) and bad input (400)', async () => {
    const w = world();
    const org = await organiser(w);
    const e = await published(w, org, { priceOptions: [{ name: 'Free', price: 0 }] });
    await book(w, await person(w), e.id, 3);
    const low = await w.call('PATCH', `/api/v1/events/${e.id}`, { token: org.token, body: { capacity: 2 } });
    expect(low.status).toBe(409);
    expect(low.json.code).toBe('CAPACITY_BELOW_SEATS_TAKEN');
    expect((await w.call('PATCH', `/api/v1/events/${e.id}`, { token: org.token, body: { capacity: 'many' } })).status).toBe(400);
    await w.call('POST', `/api/v1/events/${e.id}/cancel`, { token: org.token, body: { reason: 'storm' } });
    const late = await w.call('PATCH', `/api/v1/events/${e.id}`, { token: org.token, body: { title: 'x' } });
    expect(late.status).toBe(409);
    expect(late.json.code).toBe('EVENT_NOT_EDITABLE');
  });

  it('is for the event’s organisers and admins', async () => {
    const w = world();
    const org = await organiser(w);
    const e = await published(w, org);
    const body = { title: 'Renamed' };
    expect((await w.call('PATCH', `/api/v1/events/${e.id}`, { body })).status).toBe(401);
    expect((await w.call('PATCH', `/api/v1/events/${e.id}`, { token: (await person(w)).token, body })).status).toBe(403);
    expect((await w.call('PATCH', `/api/v1/events/${e.id}`, { token: (await organiser(w)).token, body })).status).toBe(403);
    expect((await w.call('PATCH', `/api/v1/events/${e.id}`, { token: (await member(w, org, 'STAFF')).token, body })).status).toBe(403);
    expect((await w.call('PATCH', `/api/v1/events/${e.id}`, { token: (await person(w, ['ADMIN'])).token, body })).status).toBe(200);
  });
});

describe('DELETE /events/{id}', () => {
  it('deletes a DRAFT (204) and refuses a published event (409)', async () => {
    const w = world();
    const org = await organiser(w);
    const d = await draft(w, org);
    const res = await w.call('DELETE', `/api/v1/events/${d.id}`, { token: org.token });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await w.call('GET', `/api/v1/events/${d.id}`, { token: org.token })).status).toBe(404);
    const p = await published(w, org);
    const refused = await w.call('DELETE', `/api/v1/events/${p.id}`, { token: org.token });
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('EVENT_NOT_DELETABLE');
  });

  it('is for the event’s organisers: guests 401, others 404 for a draft they cannot see', async () => {
    const w = world();
    const org = await organiser(w);
    const d = await draft(w, org);
    expect((await w.call('DELETE', `/api/v1/events/${d.id}`)).status).toBe(401);
    expect((await w.call('DELETE', `/api/v1/events/${d.id}`, { token: (await organiser(w)).token })).status).toBe(404);
    expect((await w.call('DELETE', `/api/v1/events/${d.id}`, { token: (await person(w, ['ADMIN'])).token })).status).toBe(204);
  });
});
