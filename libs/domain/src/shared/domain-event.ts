import type { Instant } from './time.js';

/**
 * The message types of the product (DESIGN §5) with their payloads, as data. The domain returns them from
 * every transition; the application wraps them in CloudEvents envelopes and writes them to the outbox.
 * Instants are epoch milliseconds here; the envelope renders them as ISO 8601.
 */
export interface DomainEventPayloads {
  'event.created': { eventId: string; organizationId: string; title: string; startsAt: Instant; status: string };
  'event.published': { eventId: string; organizationId: string; title: string; startsAt: Instant; publishedAt: Instant };
  'event.updated': { eventId: string; changedFields: readonly string[] };
  'event.rescheduled': {
    eventId: string;
    previousStartsAt: Instant;
    previousEndsAt: Instant | null;
    startsAt: Instant;
    endsAt: Instant | null;
    reason: string | null;
  };
  'event.canceled': { eventId: string; reason: string; canceledAt: Instant };
  'event.completed': { eventId: string; completedAt: Instant };
  'event.reminder': { eventId: string; bookingId: string; userId: string; window: '24h' | '1h'; startsAt: Instant };
  'booking.created': {
    bookingId: string;
    eventId: string;
    userId: string;
    quantity: number;
    status: string;
    totalAmount: number;
    currency: string;
    paymentDeadline: Instant;
  };
  'booking.confirmed': { bookingId: string; eventId: string; userId: string; ticketCode: string; quantity: number };
  'booking.canceled': {
    bookingId: string;
    eventId: string;
    userId: string;
    reason: string | null;
    canceledBy: string;
    refundAmount: number | null;
    refundPercent: number | null;
  };
  'booking.expired': { bookingId: string; eventId: string; userId: string; quantity: number };
  'payment.initiated': { paymentId: string; bookingId: string; amount: number; currency: string; gateway: string };
  'payment.completed': { paymentId: string; bookingId: string; amount: number; currency: string };
  'payment.failed': { paymentId: string; bookingId: string; reason: string | null };
  'payment.refunded': { paymentId: string; bookingId: string; amount: number; currency: string; refundedTotal: number };
  'waitlist.joined': { entryId: string; eventId: string; userId: string; quantity: number };
  'waitlist.offered': { entryId: string; eventId: string; userId: string; quantity: number; offerExpiresAt: Instant };
  'waitlist.offer_expired': { entryId: string; eventId: string; userId: string };
  'waitlist.claimed': { entryId: string; eventId: string; userId: string; bookingId: string };
  'review.created': { reviewId: string; eventId: string; userId: string; rating: number; status: string };
  'crew.assigned': { eventId: string; crewId: string };
  'crew.released': { eventId: string; crewId: string | null };
  'crew.assignment_failed': { eventId: string; attempts: number; lastError: string | null };
}

export type DomainEventType = keyof DomainEventPayloads;

/** `subject` is the id of the entity the message is about (the CloudEvents `subject`). */
export type DomainEvent = {
  [K in DomainEventType]: { readonly type: K; readonly subject: string; readonly data: Readonly<DomainEventPayloads[K]> };
}[DomainEventType];

export const DOMAIN_EVENT_TYPES = [
  'event.created', 'event.published', 'event.updated', 'event.rescheduled', 'event.canceled', 'event.completed',
  'event.reminder', 'booking.created', 'booking.confirmed', 'booking.canceled', 'booking.expired',
  'payment.initiated', 'payment.completed', 'payment.failed', 'payment.refunded', 'waitlist.joined',
  'waitlist.offered', 'waitlist.offer_expired', 'waitlist.claimed', 'review.created', 'crew.assigned',
  'crew.released', 'crew.assignment_failed',
] as const satisfies readonly DomainEventType[];

export function domainEvent<K extends DomainEventType>(
  type: K,
  subject: string,
  data: DomainEventPayloads[K],
): Extract<DomainEvent, { type: K }> {
  return { type, subject, data } as Extract<DomainEvent, { type: K }>;
}

/** What every transition returns: the next state plus the messages it causes. */
export type Transition<S> = { readonly state: S; readonly events: readonly DomainEvent[] };
