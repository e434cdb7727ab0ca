// A small world for the event use-case tests: the in-memory store, a fixed clock, a fake crew service, and the use
// cases as createUseCases wires them for every app.
import type { CreateEventCommand, EventView, OutboxMessage, UseCaseContext } from '@aquastream/application';
import { DEFAULT_REFUND_POLICY, systemActor, type Booking, type BookingStatus, type MemberRole, type Result, type Role } from '@aquastream/domain';
import { composeForTest } from '../../composition/use-cases.test-support.js';
import { createMemoryStorage } from '../../composition/storage.js';
import { FakeCrewClient } from '../../memory/crew-client.fake.js';
import { InMemoryDatabase } from '../../memory/in-memory-database.js';
import { FixedClock } from '../../testing/fixed-clock.js';
import { SequenceIdGenerator } from '../../testing/sequence-id-generator.js';

export const T0 = Date.UTC(2026, 11, 1, 10, 0, 0);
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
export const ORG = '00000000-0000-7000-8000-00000000a001';
export const OTHER_ORG = '00000000-0000-7000-8000-00000000a002';
export const CREW = { maxAttempts: 3, baseDelayMs: MIN, claimMs: 2 * MIN };

export function user(id: string, roles: readonly Role[] = ['USER'], memberships: { organizationId: string; role: MemberRole }[] = []): UseCaseContext {
  return { actor: { kind: 'user', id, roles, memberships }, correlationId: `corr-${id}` };
}
export const guest: UseCaseContext = { actor: { kind: 'guest' }, correlationId: 'corr-guest' };
export const scheduler: UseCaseContext = { actor: systemActor('scheduler'), correlationId: 'corr-job' };
export const admin = user('admin-1', ['ADMIN']);
export const owner = user('owner-1', ['ORGANIZER'], [{ organizationId: ORG, role: 'OWNER' }]);
export const manager = user('manager-1', ['ORGANIZER'], [{ organizationId: ORG, role: 'MANAGER' }]);
export const staff = user('staff-1', ['ORGANIZER'], [{ organizationId: ORG, role: 'STAFF' }]);
export const outsider = user('outsider-1', ['ORGANIZER'], [{ organizationId: OTHER_ORG, role: 'OWNER' }]);
export const buyer = user('buyer-1');

/** The body of a valid `POST /events`, three days ahead. */
export const draftBody = (overrides: Partial<CreateEventCommand> = {}): CreateEventCommand => ({
  title: 'Sunset kayak tour',
  startsAt: T0 + 3 * DAY,
  capacity: 10,
  currency: 'RUB',
  priceOptions: [{ name: 'Adult', price: 150_000, description: 'Grown-ups' }, { name: 'Child', price: 90_000, quantity: 4 }],
  ...overrides,
});

/** The value of a Result the test expects to succeed (fails the test with the error otherwise). */
export function value<T>(r: Result<T, { type: string; detail: string }>): T {
  if (!r.ok) throw new Error(`expected success, got ${r.error.type}: ${r.error.detail}`);
  return r.value;
}

/** The error type of a Result the test expects to fail. */
export function errorOf<T>(r: Result<T, { type: string }>): string {
  return r.ok ? 'OK' : r.error.type;
}

export async function eventWorld() {
  const db = new InMemoryDatabase();
  const storage = createMemoryStorage(db);
  const { events, organizations, categories, bookings, waitlist, faqs: faq, outbox, audit } = storage;
  const clock = new FixedClock(T0);
  const ids = new SequenceIdGenerator();
  const crewClient = new FakeCrewClient();
  const uc = composeForTest(storage, { clock, ids, crew: crewClient, settings: { crew: CREW } });
  const { recorder, crew, offers } = uc.services;

  await db.run(async (tx) => {
    for (const [id, reviewRequired] of [[ORG, false], [OTHER_ORG, false]] as const) {
      await organizations.insert(tx, { id, name: `Org ${id}`, slug: `org-${id.slice(-4)}`, reviewRequired, moderateReviews: false, createdAt: T0 });
    }
  });

  const world = {
    db, clock, ids, events, organizations, categories, bookings, waitlist, faq, outbox, audit, crewClient, recorder, crew, offers,
    create: uc.events.create,
    get: uc.events.get,
    update: uc.events.update,
    remove: uc.events.delete,
    publish: uc.events.publish,
    unschedule: uc.events.unschedule,
    submit: uc.events.submit,
    approve: uc.events.approve,
    reject: uc.events.reject,
    publishDue: uc.events.publishDue,
    completeDue: uc.events.completeDue,
    requestCrew: uc.events.requestCrew,
    retryCrew: uc.events.retryCrewRequests,
    stats: uc.events.stats,
    attendees: uc.events.attendees,
    listFaq: uc.events.listFaq,
    addFaq: uc.events.addFaq,
    updateFaq: uc.events.updateFaq,
    deleteFaq: uc.events.deleteFaq,
    search: uc.events.search,
    joinWaitlist: uc.waitlist.join,

    /** A draft of ORG made by its owner. */
    async draft(overrides: Partial<CreateEventCommand> = {}): Promise<EventView> {
      return value(await world.create.execute(owner, draftBody(overrides)));
    },
    async published(overrides: Partial<CreateEventCommand> = {}): Promise<EventView> {
      const draft = await world.draft(overrides);
      return value(await world.publish.execute(owner, { eventId: draft.id }));
    },
    async setReviewRequired(organizationId: string, reviewRequired: boolean): Promise<void> {
      await db.run(async (tx) => {
        const org = await organizations.findById(tx, organizationId);
        if (org) await organizations.update(tx, { ...org, reviewRequired });
      });
    },
    /** Takes seats as a booking would, through the one conditional update. */
    async takeSeats(eventId: string, n: number, optionId: string | null = null): Promise<void> {
      const result = await db.run((tx) =>
        events.adjustSeats(tx, eventId, { eventDelta: n, option: optionId === null ? null : { id: optionId, delta: n }, requirePublished: true }),
      );
      if (result !== 'OK') throw new Error(`could not take ${n} seat(s): ${result}`);
    },
    async addBooking(eventId: string, priceOptionId: string, status: BookingStatus, quantity = 1, userId = `u-${ids.next()}`): Promise<Booking> {
      const booking = aBooking({ eventId, priceOptionId, status, quantity, userId, id: ids.next(), createdAt: clock.now() });
      await db.run((tx) => bookings.insert(tx, booking));
      return booking;
    },
    async messages(type?: OutboxMessage['type']): Promise<OutboxMessage[]> {
      const { items } = await outbox.list({ page: 1, size: 100, ...(type === undefined ? {} : { type }) });
      return [...items];
    },
  };
  return world;
}

export type EventWorld = Awaited<ReturnType<typeof eventWorld>>;

function aBooking(b: Pick<Booking, 'id' | 'eventId' | 'priceOptionId' | 'status' | 'quantity' | 'userId' | 'createdAt'>): Booking {
  const unitPrice = 1_000;
  const total = unitPrice * b.quantity;
  const confirmed = b.status === 'CONFIRMED';
  return {
    ...b,
    pricing: { currency: 'RUB', unitPrice, quantity: b.quantity, subtotal: total, dynamicMultiplier: 1, groupDiscount: 0, promoDiscount: 0, total },
    totalAmount: total,
    currency: 'RUB',
    paymentDeadline: b.createdAt + 30 * MIN,
    ticketCode: confirmed ? `AQ-${b.id.slice(-8).toUpperCase()}` : null,
    refundPolicy: DEFAULT_REFUND_POLICY,
    promoCodeId: null,
    paidAmount: confirmed ? total : 0,
    refund: null,
    waitlistEntryId: null,
    cancelReason: b.status === 'CANCELED' ? 'changed plans' : null,
    checkedInAt: null,
    updatedAt: b.createdAt,
  };
}
