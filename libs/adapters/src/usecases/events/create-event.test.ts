import { DEFAULT_REFUND_POLICY } from '@aquastream/domain';
import { describe, expect, it } from 'vitest';
import {
  admin,
  buyer,
  CREW,
  DAY,
  draftBody,
  errorOf,
  eventWorld,
  guest,
  manager,
  ORG,
  OTHER_ORG,
  owner,
  staff,
  T0,
  user,
  value,
} from './event-world.test-support.js';

describe('CreateEventUseCase', () => {
  it('creates a DRAFT in the only organisation the organiser runs, with the DESIGN defaults', async () => {
    const w = await eventWorld();
    const view = value(await w.create.execute(owner, draftBody()));
    expect(view).toMatchObject({
      status: 'DRAFT',
      organizationId: ORG,
      creatorId: 'owner-1',
      timeZone: 'UTC',
      bookingDeadlineHours: 24,
      maxTicketsPerBooking: 10,
      refundPolicy: DEFAULT_REFUND_POLICY,
      dynamicPricing: [],
      groupDiscounts: [],
      capacity: 10,
      seatsAvailable: 10,
      price: 90_000,
      featured: false,
      avgRating: null,
      reviewCount: 0,
      createdAt: T0,
      updatedAt: T0,
      crew: { status: 'NONE', crewId: null },
    });
    expect(view.priceOptions.map((o) => [o.name, o.description, o.quantity, o.seatsAvailable])).toEqual([
      ['Adult', 'Grown-ups', null, 10],
      ['Child', null, 4, 4],
    ]);
    expect(await w.events.findById(null, view.id)).not.toBeNull();
    const [created] = await w.messages('event.created');
    expect(created).toMatchObject({ subject: view.id, actorId: 'owner-1', correlationId: 'corr-owner-1' });
    const { items } = await w.audit.query({ entityId: view.id, page: 1, size: 10 });
    expect(items.map((a) => [a.entity, a.from, a.to])).toEqual([['EVENT', null, 'DRAFT']]);
  });

  it('keeps the descriptive fields', async () => {
    const w = await eventWorld();
    const location = { name: 'Pier 3', address: 'Embankment 1', latitude: 55.75, longitude: 37.61 };
    const view = value(
      await w.create.execute(owner, draftBody({ description: '  Three hours  ', shortDescription: 'Kayaks', location, imageUrl: 'https://x.org/a.jpg' })),
    );
    expect(view).toMatchObject({ description: 'Three hours', shortDescription: 'Kayaks', location, imageUrl: 'https://x.org/a.jpg' });
  });

  it('asks guests to sign in and refuses people who are not organisers', async () => {
    const w = await eventWorld();
    expect(errorOf(await w.create.execute(guest, draftBody()))).toBe('NOT_AUTHENTICATED');
    expect(errorOf(await w.create.execute(buyer, draftBody({ organizationId: ORG })))).toBe('FORBIDDEN');
  });

  it('needs the organisation named when the caller runs none or several, admins included', async () => {
    const w = await eventWorld();
    const twoOrgs = user('o-2', ['ORGANIZER'], [
      { organizationId: ORG, role: 'OWNER' },
      { organizationId: OTHER_ORG, role: 'MANAGER' },
    ]);
    expect(errorOf(await w.create.execute(twoOrgs, draftBody()))).toBe('ORGANIZATION_REQUIRED');
    expect(errorOf(await w.create.execute(admin, draftBody()))).toBe('ORGANIZATION_REQUIRED');
    expect(errorOf(await w.create.execute(staff, draftBody()))).toBe('ORGANIZATION_REQUIRED');
    expect(value(await w.create.execute(twoOrgs, draftBody({ organizationId: OTHER_ORG }))).organizationId).toBe(OTHER_ORG);
    expect(value(await w.create.execute(admin, draftBody({ organizationId: ORG }))).creatorId).toBe('admin-1');
  });

  it('hides organisations the caller is not in, and refuses staff', async () => {
    const w = await eventWorld();
    expect(errorOf(await w.create.execute(owner, draftBody({ organizationId: OTHER_ORG })))).toBe('ORGANIZATION_NOT_FOUND');
    expect(errorOf(await w.create.execute(admin, draftBody({ organizationId: '00000000-0000-7000-8000-0000000000ff' })))).toBe(
      'ORGANIZATION_NOT_FOUND',
    );
    expect(errorOf(await w.create.execute(staff, draftBody({ organizationId: ORG })))).toBe('FORBIDDEN');
    expect(value(await w.create.execute(manager, draftBody())).organizationId).toBe(ORG);
  });

  it('lets only admins feature an event', async () => {
    const w = await eventWorld();
    expect(errorOf(await w.create.execute(owner, draftBody({ featured: true })))).toBe('FORBIDDEN');
    expect(value(await w.create.execute(admin, draftBody({ organizationId: ORG, featured: true }))).featured).toBe(true);
  });

  it('answers INVALID_EVENT for bad rule fields and bad descriptive fields, naming the field', async () => {
    const w = await eventWorld();
    const field = async (body: Parameters<typeof draftBody>[0]) => {
      const r = await w.create.execute(owner, draftBody(body));
      return r.ok ? 'OK' : `${r.error.type}:${'field' in r.error ? r.error.field : ''}`;
    };
    expect(await field({ capacity: 0 })).toBe('INVALID_EVENT:capacity');
    expect(await field({ startsAt: T0 - DAY })).toBe('INVALID_EVENT:startsAt');
    expect(await field({ imageUrl: 'ftp://x.org/a.jpg' })).toBe('INVALID_EVENT:imageUrl');
    expect(await field({ location: { name: 'Pier', latitude: 10 } })).toBe('INVALID_EVENT:location.longitude');
    expect(await field({ location: { name: 'Pier', latitude: 91, longitude: 0 } })).toBe('INVALID_EVENT:location.latitude');
    expect(await field({ location: { name: ' ' } })).toBe('INVALID_EVENT:location.name');
    expect(await field({ shortDescription: 'x'.repeat(501) })).toBe('INVALID_EVENT:shortDescription');
    expect(await field({ priceOptions: [{ name: 'A', price: 1, description: 'x'.repeat(1001) }] })).toBe('INVALID_EVENT:priceOptions[0].description');
    expect(await field({ refundPolicy: [{ minHoursBefore: 48, percent: 50 }, { minHoursBefore: 24, percent: 80 }] })).toMatch(/^INVALID_REFUND_POLICY/);
    expect(await w.events.listIds(null, 10)).toEqual([]);
  });

  it('needs an existing category', async () => {
    const w = await eventWorld();
    const missing = '00000000-0000-7000-8000-0000000000c1';
    expect(errorOf(await w.create.execute(owner, draftBody({ categoryId: missing })))).toBe('CATEGORY_NOT_FOUND');
    await w.db.run((tx) => w.categories.insert(tx, { id: missing, name: 'Boats', slug: 'boats', parentId: null, position: 0, createdAt: T0, updatedAt: T0 }));
    expect(value(await w.create.execute(owner, draftBody({ categoryId: missing }))).categoryId).toBe(missing);
  });

  it('asks the crew service after saving, and records the crew it assigns', async () => {
    const w = await eventWorld();
    const view = value(await w.create.execute(owner, draftBody({ crew: { size: 2, skills: ['skipper'] } })));
    expect(view.crew).toEqual({ status: 'ASSIGNED', crewId: 'crew-1' });
    expect(w.crewClient.requests).toEqual([{ eventId: view.id, size: 2, skills: ['skipper'], startsAt: T0 + 3 * DAY, endsAt: null }]);
    expect((await w.messages('crew.assigned')).map((m) => m.data)).toEqual([{ eventId: view.id, crewId: 'crew-1' }]);
  });

  it('still creates the event when the crew service fails, leaving the request PENDING for the retry job', async () => {
    const w = await eventWorld();
    w.crewClient.failNext();
    const view = value(await w.create.execute(owner, draftBody({ crew: { size: 2, skills: ['skipper'] } })));
    expect(view.crew).toEqual({ status: 'PENDING', crewId: null });
    const stored = await w.events.findById(null, view.id);
    expect(stored?.state.crew).toMatchObject({ attempts: 1, nextAttemptAt: T0 + CREW.baseDelayMs, lastError: 'crew service unavailable' });
    expect(await w.messages('event.created')).toHaveLength(1);
  });
});
