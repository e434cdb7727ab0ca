// A small world for the waitlist use-case tests: the in-memory store, a fixed clock, and the use cases as
// createUseCases wires them for every app. Public bookings and cancels are made here with the domain and the ports, so
// these tests do not depend on the booking use cases.
import type { EventRecord, IdGenerator, UseCaseContext } from '@aquastream/application';
import {
  cancelBooking,
  createBooking,
  systemActor,
  type Booking,
  type EventState,
  type MemberRole,
  type Role,
  type WaitlistEntry,
} from '@aquastream/domain';
import { createMemoryStorage, type Storage } from '../../composition/storage.js';
import { composeForTest } from '../../composition/use-cases.test-support.js';
import { InMemoryDatabase } from '../../memory/in-memory-database.js';
import { FixedClock } from '../../testing/fixed-clock.js';
import { SequenceIdGenerator } from '../../testing/sequence-id-generator.js';

export const T0 = Date.UTC(2026, 11, 1, 10, 0, 0);
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const OFFER_MINUTES = 30;
export const ORG = '00000000-0000-7000-8000-00000000a001';
export const OPTION = '00000000-0000-7000-8000-00000000b001';

export function user(id: string, roles: readonly Role[] = ['USER'], memberships: { organizationId: string; role: MemberRole }[] = []): UseCaseContext {
  return { actor: { kind: 'user', id, roles, memberships }, correlationId: `corr-${id}` };
}
export const guest: UseCaseContext = { actor: { kind: 'guest' }, correlationId: 'corr-guest' };
export const scheduler: UseCaseContext = { actor: systemActor('scheduler'), correlationId: 'corr-job' };
export const admin = user('admin-1', ['ADMIN']);
export const owner = user('owner-1', ['ORGANIZER'], [{ organizationId: ORG, role: 'OWNER' }]);
export const manager = user('manager-1', ['ORGANIZER'], [{ organizationId: ORG, role: 'MANAGER' }]);
export const staff = user('staff-1', ['USER'], [{ organizationId: ORG, role: 'STAFF' }]);

let eventSeq = 0;

export function anEventState(overrides: Partial<EventState> = {}): EventState {
  eventSeq += 1;
  return {
    id: `00000000-0000-7000-8000-e${eventSeq.toString(16).padStart(11, '0')}`,
    organizationId: ORG,
    creatorId: 'owner-1',
    title: 'Sunset kayak tour',
    status: 'PUBLISHED',
    startsAt: T0 + 10 * 24 * HOUR,
    endsAt: null,
    timeZone: 'UTC',
    publishAt: null,
    publishedAt: T0 - 24 * HOUR,
    capacity: 4,
    seatsTaken: 0,
    currency: 'EUR',
    priceOptions: [{ id: OPTION, name: 'Seat', price: 2_500, quantity: null, seatsTaken: 0, active: true }],
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

/** The ports the waitlist use cases touch; the in-memory store here, SQL ones in the PostgreSQL race tests. */
type WaitlistPorts = 'uow' | 'events' | 'bookings' | 'waitlist' | 'outbox' | 'audit';

/** The stores a world runs on: the in-memory ones here, the SQL ones in the PostgreSQL race tests. */
export type WaitlistStores = Pick<Storage, WaitlistPorts> & Partial<Omit<Storage, WaitlistPorts>> & {
  readonly ids: IdGenerator;
  /** Anything an event row needs first (its organisation, in SQL). */
  prepareEvent?(state: EventState): Promise<EventState>;
};

export function waitlistWorld(settings: WorldSettings = {}) {
  const db = new InMemoryDatabase();
  const storage = createMemoryStorage(db);
  return { ...buildWorld({ ...storage, ids: new SequenceIdGenerator() }, settings), db, waitlist: storage.waitlist };
}

type WorldSettings = { offerMinutes?: number; bookingTtlMinutes?: number };

/**
 * A port a world was not given. The waitlist use cases never call one, so the race tests may hand in only the SQL
 * stores above; a call anyway fails loudly instead of reaching some other store.
 */
function notGiven<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get(_target, member) {
      throw new Error(`the waitlist world was given no ${name} store (${String(member)} was asked for)`);
    },
  });
}

export function buildWorld(stores: WaitlistStores, settings: WorldSettings = {}) {
  const { uow: db, events, bookings, waitlist, outbox, audit, ids } = stores;
  const storage: Storage = {
    kind: stores.kind ?? 'memory',
    faqs: stores.faqs ?? notGiven('faqs'),
    payments: stores.payments ?? notGiven('payments'),
    organizations: stores.organizations ?? notGiven('organizations'),
    categories: stores.categories ?? notGiven('categories'),
    promoCodes: stores.promoCodes ?? notGiven('promoCodes'),
    reviews: stores.reviews ?? notGiven('reviews'),
    favorites: stores.favorites ?? notGiven('favorites'),
    idempotency: stores.idempotency ?? notGiven('idempotency'),
    outboxClaims: stores.outboxClaims ?? notGiven('outboxClaims'),
    reminders: stores.reminders ?? notGiven('reminders'),
    jobRuns: stores.jobRuns ?? notGiven('jobRuns'),
    uow: db, events, bookings, waitlist, outbox, audit,
  };
  const clock = new FixedClock(T0);
  let ticket = 0;
  const ticketCodes = { next: () => `AQ-TICKET-${(ticket += 1)}` };
  const uc = composeForTest(storage, {
    clock, ids, ticketCodes,
    settings: { waitlistOfferMinutes: settings.offerMinutes ?? OFFER_MINUTES, bookingTtlMinutes: settings.bookingTtlMinutes ?? 30 },
  });
  const { recorder, offers } = uc.services;

  const world = {
    uow: db, clock, ids, events, bookings, waitlist, outbox, audit, recorder, offers,
    join: uc.waitlist.join,
    listMine: uc.waitlist.listMine,
    listForEvent: uc.waitlist.listForEvent,
    claim: uc.waitlist.claim,
    leave: uc.waitlist.leave,
    expire: uc.waitlist.expireOffers,
    cancelForEvent: uc.services.waitlistCanceler,
    process: uc.waitlist.process,

    async seedEvent(overrides: Partial<EventState> = {}): Promise<EventState> {
      const base = anEventState(overrides);
      const state = stores.prepareEvent ? await stores.prepareEvent(base) : base;
      const record: EventRecord = {
        state,
        details: {
          description: null, shortDescription: null, categoryId: null, location: null, imageUrl: null, featured: false,
          priceOptionDescriptions: {},
        },
        avgRating: null, reviewCount: 0, createdAt: T0 - 48 * HOUR, updatedAt: T0 - 48 * HOUR, version: 1,
      };
      await db.run((tx) => events.insert(tx, record));
      return state;
    },

    async event(id: string): Promise<EventState> {
      const record = await events.findById(null, id);
      if (record === null) throw new Error(`no event ${id}`);
      return record.state;
    },

    /** A direct booking as the booking use case makes it: the domain decides, one conditional update takes the seats. */
    async book(eventId: string, userId: string, quantity: number, priceOptionId: string | null = null): Promise<Booking | null> {
      return db.run(async (tx) => {
        const record = await events.findById(tx, eventId);
        const made = createBooking({
          event: record?.state ?? null, userId, isMemberOfOrganization: false, quantity, priceOptionId,
          promoCode: null, promo: null, hasActiveBooking: await bookings.hasActiveBooking(tx, eventId, userId),
          now: clock.now(), bookingId: ids.next(), ticketCode: `AQ-DIRECT-${userId}`, ttlMinutes: 30,
        });
        if (!made.ok) return null;
        const { booking } = made.value;
        const taken = await events.adjustSeats(tx, eventId, {
          eventDelta: quantity, option: { id: booking.priceOptionId, delta: quantity }, requirePublished: true,
        });
        if (taken !== 'OK') return null;
        await bookings.insert(tx, booking);
        return booking;
      });
    },

    /** A cancel as the booking use case makes it: compare-and-set, seats back, then the line is offered the seats. */
    async cancel(bookingId: string, ctx: UseCaseContext = scheduler): Promise<number> {
      return db.run(async (tx) => {
        const booking = await bookings.findById(tx, bookingId);
        const record = booking && (await events.findById(tx, booking.eventId));
        if (!booking || !record) throw new Error(`no booking ${bookingId}`);
        const canceled = cancelBooking(booking, {
          event: record.state, by: 'ADMIN', actorId: 'admin', reason: 'test', now: clock.now(), alreadyRefunded: 0,
        });
        if (!canceled.ok) throw new Error(canceled.error.type);
        if (!(await bookings.transition(tx, canceled.value.booking, booking.status))) return 0;
        const released = await events.adjustSeats(tx, booking.eventId, {
          eventDelta: -booking.quantity, option: { id: booking.priceOptionId, delta: -booking.quantity }, requirePublished: false,
        });
        if (released !== 'OK') throw new Error(`release failed: ${released}`);
        return offers.offer(tx, ctx, booking.eventId);
      });
    },

    async entry(id: string): Promise<WaitlistEntry> {
      const e = await waitlist.findById(null, id);
      if (e === null) throw new Error(`no entry ${id}`);
      return e;
    },

    async messages(type?: string) {
      const { items } = await outbox.list({ page: 1, size: 1000, ...(type ? { type: type as never } : {}) });
      return [...items].reverse();
    },

    async auditOf(entityId: string) {
      const { items } = await audit.query({ entityId, page: 1, size: 1000 });
      return [...items].reverse();
    },
  };
  return world;
}

export type WaitlistWorld = ReturnType<typeof buildWorld>;
