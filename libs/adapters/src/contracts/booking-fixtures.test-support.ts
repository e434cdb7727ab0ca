import { randomUUID } from 'node:crypto';
import type { EventRecord, EventRepository, OrganizationRepository, UnitOfWork } from '@aquastream/application';
import { DEFAULT_REFUND_POLICY, type Booking, type EventState, type Instant } from '@aquastream/domain';

// Fixtures shared by the booking and payment contract suites: rows the stores need to point at (foreign keys in SQL).

export const T0: Instant = Date.UTC(2026, 2, 1, 12, 0, 0, 250);
export const HOUR = 3_600_000;

export type EventSeeding = {
  readonly uow: UnitOfWork;
  readonly events: EventRepository;
  readonly organizations: OrganizationRepository;
};

export function anEventRecord(organizationId: string, overrides: Partial<EventState> = {}): EventRecord {
  const id = overrides.id ?? randomUUID();
  const state: EventState = {
    id,
    organizationId,
    creatorId: 'organiser-1',
    title: 'Sunset kayak tour',
    status: 'PUBLISHED',
    startsAt: T0 + 30 * 24 * HOUR,
    endsAt: null,
    timeZone: 'UTC',
    publishAt: null,
    publishedAt: T0,
    capacity: 20,
    seatsTaken: 0,
    currency: 'EUR',
    priceOptions: [{ id: randomUUID(), name: 'Adult', price: 5_000, quantity: null, seatsTaken: 0, active: true }],
    bookingDeadlineHours: 24,
    maxTicketsPerBooking: 10,
    refundPolicy: DEFAULT_REFUND_POLICY,
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
  return {
    state,
    details: {
      description: null,
      shortDescription: null,
      categoryId: null,
      location: null,
      imageUrl: null,
      featured: false,
      priceOptionDescriptions: {},
    },
    avgRating: null,
    reviewCount: 0,
    createdAt: T0,
    updatedAt: T0,
    version: 1,
  };
}

/** An organisation with one published event in it; returns the event. */
export async function seedEvent(s: EventSeeding, overrides: Partial<EventState> = {}, organizationId?: string): Promise<EventState> {
  const orgId = organizationId ?? (await seedOrganization(s));
  const record = anEventRecord(orgId, overrides);
  await s.uow.run((tx) => s.events.insert(tx, record));
  return record.state;
}

export async function seedOrganization(s: EventSeeding): Promise<string> {
  const id = randomUUID();
  await s.uow.run((tx) =>
    s.organizations.insert(tx, { id, name: `org ${id}`, slug: `org-${id}`, reviewRequired: false, moderateReviews: false, createdAt: T0 }),
  );
  return id;
}

export function aBooking(event: EventState, overrides: Partial<Booking> = {}): Booking {
  const option = event.priceOptions[0];
  if (option === undefined) throw new Error('the event has no price option');
  const quantity = overrides.quantity ?? 2;
  const total = option.price * quantity;
  return {
    id: randomUUID(),
    eventId: event.id,
    userId: `user-${randomUUID()}`,
    priceOptionId: option.id,
    quantity,
    status: 'PENDING_PAYMENT',
    pricing: {
      currency: event.currency,
      unitPrice: option.price,
      quantity,
      subtotal: total,
      dynamicMultiplier: 1,
      groupDiscount: 0,
      promoDiscount: 0,
      total,
    },
    totalAmount: total,
    currency: event.currency,
    paymentDeadline: T0 + 30 * 60_000,
    ticketCode: null,
    refundPolicy: event.refundPolicy,
    promoCodeId: null,
    paidAmount: 0,
    refund: null,
    waitlistEntryId: null,
    cancelReason: null,
    checkedInAt: null,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}
