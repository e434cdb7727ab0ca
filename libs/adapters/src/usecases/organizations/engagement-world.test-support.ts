// A small world for the organisation, category, promo-code, review and favorite use-case tests: the in-memory store,
// a fixed clock, sequence ids, and the use cases as createUseCases wires them for every app.
import type { EventRecord, Organization, UseCaseContext } from '@aquastream/application';
import { createBooking, systemActor, type Booking, type EventState, type MemberRole, type PromoCode, type Role } from '@aquastream/domain';
import { createMemoryStorage } from '../../composition/storage.js';
import { composeForTest } from '../../composition/use-cases.test-support.js';
import { InMemoryDatabase } from '../../memory/in-memory-database.js';
import { FixedClock } from '../../testing/fixed-clock.js';
import { SequenceIdGenerator } from '../../testing/sequence-id-generator.js';

export const T0 = Date.UTC(2026, 8, 1, 10, 0, 0);
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
export const ORG = '00000000-0000-7000-8000-0000000a0001';
export const OTHER_ORG = '00000000-0000-7000-8000-0000000a0002';
export const OPTION = '00000000-0000-7000-8000-0000000b0001';
export const FREE_OPTION = '00000000-0000-7000-8000-0000000b0002';

export function user(id: string, roles: readonly Role[] = ['USER'], memberships: { organizationId: string; role: MemberRole }[] = []): UseCaseContext {
  return { actor: { kind: 'user', id, roles, memberships }, correlationId: `corr-${id}` };
}
export const guest: UseCaseContext = { actor: { kind: 'guest' }, correlationId: 'corr-guest' };
export const cli: UseCaseContext = { actor: systemActor('cli:alice'), correlationId: 'corr-cli' };
export const admin = user('admin-1', ['ADMIN']);
export const owner = user('owner-1', ['USER', 'ORGANIZER'], [{ organizationId: ORG, role: 'OWNER' }]);
export const manager = user('manager-1', ['USER', 'ORGANIZER'], [{ organizationId: ORG, role: 'MANAGER' }]);
export const staff = user('staff-1', ['USER'], [{ organizationId: ORG, role: 'STAFF' }]);
export const otherOwner = user('owner-2', ['USER', 'ORGANIZER'], [{ organizationId: OTHER_ORG, role: 'OWNER' }]);
export const alice = user('alice');
export const bob = user('bob');

let eventSeq = 0;

export function anEventState(overrides: Partial<EventState> = {}): EventState {
  eventSeq += 1;
  return {
    id: `00000000-0000-7000-8000-e${eventSeq.toString(16).padStart(11, '0')}`,
    organizationId: ORG,
    creatorId: 'owner-1',
    title: 'Sunset kayak tour',
    status: 'PUBLISHED',
    startsAt: T0 + 10 * DAY,
    endsAt: null,
    timeZone: 'UTC',
    publishAt: null,
    publishedAt: T0 - DAY,
    capacity: 10,
    seatsTaken: 0,
    currency: 'EUR',
    priceOptions: [
      { id: OPTION, name: 'Seat', price: 10_000, quantity: null, seatsTaken: 0, active: true },
      { id: FREE_OPTION, name: 'Guest', price: 0, quantity: null, seatsTaken: 0, active: true },
    ],
    bookingDeadlineHours: 24,
    maxTicketsPerBooking: 4,
    refundPolicy: [{ minHoursBefore: 0, percent: 100 }],
    dynamicPricing: [],
    groupDiscounts: [],
    rescheduledAt: null,
    rejectionReason: null,
    cancelReason: null,
    canceledAt: null,
    completedAt: null,
    crew: { status: 'NONE', request: null, crewId: null, attempts: 0, nextAttemptAt: null, lastError: null },
    ...overrides,
  };
}

export function engagementWorld() {
  const db = new InMemoryDatabase();
  const storage = createMemoryStorage(db);
  const { organizations, categories, promoCodes: promos, reviews, favorites, events, bookings, outbox, audit } = storage;
  const clock = new FixedClock(T0);
  const ids = new SequenceIdGenerator();
  const uc = composeForTest(storage, { clock, ids });

  return {
    db, clock, ids, organizations, categories, promos, reviews, favorites, events, bookings, outbox, audit,
    resolveActor: uc.access.resolveActor,
    createOrganization: uc.organizations.create,
    getOrganization: uc.organizations.get,
    listOrganizations: uc.organizations.list,
    updateOrganization: uc.organizations.update,
    addMember: uc.organizations.addMember,
    listMembers: uc.organizations.listMembers,
    changeMemberRole: uc.organizations.changeMemberRole,
    removeMember: uc.organizations.removeMember,
    createCategory: uc.categories.create,
    updateCategory: uc.categories.update,
    listCategories: uc.categories.list,
    getCategory: uc.categories.get,
    createPromo: uc.promoCodes.create,
    updatePromo: uc.promoCodes.update,
    getPromo: uc.promoCodes.get,
    listPromos: uc.promoCodes.list,
    validatePromo: uc.promoCodes.validate,
    createReview: uc.reviews.create,
    updateReview: uc.reviews.update,
    listReviews: uc.reviews.list,
    reply: uc.reviews.reply,
    voteHelpful: uc.reviews.voteHelpful,
    moderate: uc.reviews.moderate,
    addFavorite: uc.favorites.add,
    removeFavorite: uc.favorites.remove,
    listFavorites: uc.favorites.list,

    /** The organisations of the fixture actors (ORG: owner-1, manager-1, staff-1; OTHER_ORG: owner-2). */
    async seedOrganizations(policies: Partial<Pick<Organization, 'reviewRequired' | 'moderateReviews'>> = {}): Promise<void> {
      await db.run(async (tx) => {
        for (const [id, slug] of [[ORG, 'aqua'], [OTHER_ORG, 'other']] as const) {
          await organizations.insert(tx, { id, name: slug, slug, reviewRequired: false, moderateReviews: false, createdAt: T0 - DAY, ...(id === ORG ? policies : {}) });
        }
        await organizations.addMember(tx, { organizationId: ORG, userId: 'owner-1', role: 'OWNER', createdAt: T0 - DAY });
        await organizations.addMember(tx, { organizationId: ORG, userId: 'manager-1', role: 'MANAGER', createdAt: T0 - DAY + 1 });
        await organizations.addMember(tx, { organizationId: ORG, userId: 'staff-1', role: 'STAFF', createdAt: T0 - DAY + 2 });
        await organizations.addMember(tx, { organizationId: OTHER_ORG, userId: 'owner-2', role: 'OWNER', createdAt: T0 - DAY });
      });
    },

    async seedEvent(overrides: Partial<EventState> = {}, details: Partial<EventRecord['details']> = {}): Promise<EventState> {
      const state = anEventState(overrides);
      const record: EventRecord = {
        state,
        details: {
          description: null, shortDescription: 'On the water', categoryId: null, location: null, imageUrl: null, featured: false,
          priceOptionDescriptions: {}, ...details,
        },
        avgRating: null, reviewCount: 0, createdAt: T0 - 2 * DAY, updatedAt: T0 - 2 * DAY, version: 1,
      };
      await db.run((tx) => events.insert(tx, record));
      return state;
    },

    async seedPromo(overrides: Partial<PromoCode> = {}): Promise<PromoCode> {
      const promo: PromoCode = {
        id: ids.next(), code: 'SUMMER10', organizationId: ORG, eventId: null, discountPercent: 10, discountAmount: null,
        currency: null, startsAt: T0 - DAY, endsAt: null, maxUses: null, usesCount: 0, isActive: true, ...overrides,
      };
      await db.run((tx) => promos.insert(tx, promo));
      return promo;
    },

    /** A free booking as the booking use case makes it (CONFIRMED at once): the domain decides, seats taken atomically. */
    async book(eventId: string, userId: string): Promise<Booking> {
      return db.run(async (tx) => {
        const record = await events.findById(tx, eventId);
        const made = createBooking({
          event: record?.state ?? null, userId, isMemberOfOrganization: false, quantity: 1, priceOptionId: FREE_OPTION,
          promoCode: null, promo: null, hasActiveBooking: await bookings.hasActiveBooking(tx, eventId, userId),
          now: clock.now(), bookingId: ids.next(), ticketCode: `AQ-${userId}-${eventId.slice(-4)}`, ttlMinutes: 30,
        });
        if (!made.ok) throw new Error(made.error.type);
        const taken = await events.adjustSeats(tx, eventId, { eventDelta: 1, option: { id: FREE_OPTION, delta: 1 }, requirePublished: true });
        if (taken !== 'OK') throw new Error(taken);
        await bookings.insert(tx, made.value.booking);
        return made.value.booking;
      });
    },

    async event(id: string): Promise<EventRecord> {
      const record = await events.findById(null, id);
      if (record === null) throw new Error(`no event ${id}`);
      return record;
    },

    async messages(type?: string) {
      const { items } = await outbox.list({ page: 1, size: 1000, ...(type ? { type: type as never } : {}) });
      return [...items].reverse();
    },
  };
}

export type EngagementWorld = ReturnType<typeof engagementWorld>;
