// A small world for the event use-case tests: the in-memory adapters, a fixed clock, a fake crew service, and the
// use cases wired as an app's container would.
import {
  AddEventFaqUseCase,
  ApproveEventUseCase,
  ChangeRecorder,
  CompleteDueEventsUseCase,
  CreateEventUseCase,
  DeleteEventFaqUseCase,
  DeleteEventUseCase,
  FulfilCrewRequestService,
  GetEventStatsUseCase,
  GetEventUseCase,
  JoinWaitlistUseCase,
  ListAttendeesUseCase,
  ListEventFaqUseCase,
  OfferFreedSeatsService,
  PublishDueEventsUseCase,
  PublishEventUseCase,
  RejectEventUseCase,
  RequestCrewUseCase,
  RetryCrewRequestsUseCase,
  SearchCatalogueUseCase,
  SubmitEventUseCase,
  UnscheduleEventUseCase,
  UpdateEventFaqUseCase,
  UpdateEventUseCase,
  type CreateEventCommand,
  type EventView,
  type OutboxMessage,
  type UseCaseContext,
} from '@aquastream/application';
import { DEFAULT_REFUND_POLICY, systemActor, type Booking, type BookingStatus, type MemberRole, type Result, type Role } from '@aquastream/domain';
import { InMemoryAuditLog } from '../../memory/audit-log.memory.js';
import { InMemoryBookingRepository } from '../../memory/booking.memory-repository.js';
import { InMemoryCategoryRepository } from '../../memory/category.memory-repository.js';
import { FakeCrewClient } from '../../memory/crew-client.fake.js';
import { InMemoryEventRepository } from '../../memory/event.memory-repository.js';
import { InMemoryFaqRepository } from '../../memory/faq.memory-repository.js';
import { InMemoryDatabase } from '../../memory/in-memory-database.js';
import { InMemoryOrganizationRepository } from '../../memory/organization.memory-repository.js';
import { InMemoryOutbox } from '../../memory/outbox.memory.js';
import { InMemoryWaitlistRepository } from '../../memory/waitlist.memory-repository.js';
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
  const clock = new FixedClock(T0);
  const ids = new SequenceIdGenerator();
  const events = new InMemoryEventRepository(db);
  const organizations = new InMemoryOrganizationRepository(db);
  const categories = new InMemoryCategoryRepository(db);
  const bookings = new InMemoryBookingRepository(db, events);
  const waitlist = new InMemoryWaitlistRepository(db);
  const faq = new InMemoryFaqRepository(db);
  const outbox = new InMemoryOutbox(db);
  const audit = new InMemoryAuditLog(db);
  const crewClient = new FakeCrewClient();
  const recorder = new ChangeRecorder(outbox, audit, ids, clock);
  const crew = new FulfilCrewRequestService(db, events, crewClient, recorder, clock, CREW);
  const offers = new OfferFreedSeatsService(events, waitlist, recorder, clock, { offerMinutes: 30 });

  await db.run(async (tx) => {
    for (const [id, reviewRequired] of [[ORG, false], [OTHER_ORG, false]] as const) {
      await organizations.insert(tx, { id, name: `Org ${id}`, slug: `org-${id.slice(-4)}`, reviewRequired, moderateReviews: false, createdAt: T0 });
    }
  });

  const world = {
    db, clock, ids, events, organizations, categories, bookings, waitlist, faq, outbox, audit, crewClient, recorder, crew, offers,
    create: new CreateEventUseCase(db, events, organizations, categories, recorder, crew, ids, clock),
    get: new GetEventUseCase(events),
    update: new UpdateEventUseCase(db, events, categories, recorder, offers, crew, ids, clock),
    remove: new DeleteEventUseCase(db, events, recorder),
    publish: new PublishEventUseCase(db, events, organizations, recorder, clock),
    unschedule: new UnscheduleEventUseCase(db, events, recorder, clock),
    submit: new SubmitEventUseCase(db, events, organizations, recorder, clock),
    approve: new ApproveEventUseCase(db, events, recorder, clock),
    reject: new RejectEventUseCase(db, events, recorder, clock),
    publishDue: new PublishDueEventsUseCase(db, events, recorder, clock),
    completeDue: new CompleteDueEventsUseCase(db, events, recorder, clock),
    requestCrew: new RequestCrewUseCase(db, events, recorder, crew, clock),
    retryCrew: new RetryCrewRequestsUseCase(events, crew, clock),
    stats: new GetEventStatsUseCase(events, bookings, waitlist),
    attendees: new ListAttendeesUseCase(events, bookings),
    listFaq: new ListEventFaqUseCase(events, faq),
    addFaq: new AddEventFaqUseCase(db, events, faq, recorder, ids, clock),
    updateFaq: new UpdateEventFaqUseCase(db, events, faq, recorder),
    deleteFaq: new DeleteEventFaqUseCase(db, events, faq, recorder),
    search: new SearchCatalogueUseCase(events, categories, clock),
    joinWaitlist: new JoinWaitlistUseCase(db, events, bookings, waitlist, recorder, clock, ids),

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
