import type { EventState } from '../event/event.types.js';
import { domainError, type DomainError } from '../shared/errors.js';
import { err, ok, type Result } from '../shared/result.js';
import { addHours, type Instant } from '../shared/time.js';

export type BuyerCheckError = Extract<
  DomainError,
  { type: 'EVENT_NOT_FOUND' | 'EVENT_NOT_BOOKABLE' | 'OWN_EVENT' | 'BOOKING_CLOSED' | 'QUANTITY_LIMIT' | 'ALREADY_BOOKED' }
>;

export type BuyerCheckInput = {
  readonly event: EventState | null;
  readonly userId: string;
  /** Any role in the event's organisation: organisers do not buy their own events. */
  readonly isMemberOfOrganization: boolean;
  readonly quantity: number;
  /** The user holds a `PENDING_PAYMENT` or `CONFIRMED` booking for the event. */
  readonly hasActiveBooking: boolean;
  readonly now: Instant;
};

/** The instant bookings close, which also closes the waitlist: `startsAt − bookingDeadlineHours`. */
export const bookingClosesAt = (event: Pick<EventState, 'startsAt' | 'bookingDeadlineHours'>): Instant =>
  addHours(event.startsAt, -event.bookingDeadlineHours);

/**
 * Checks 1–5 of DESIGN §3.3, in their order, shared by a booking and a waitlist join so that a refused user gets
 * the same answer from both: the event is published (hidden states look absent: 404; ended ones: 409), it is not
 * the user's own, sales are open, the quantity is within limits, and the user holds no active booking.
 */
export function checkBuyer(input: BuyerCheckInput): Result<EventState, BuyerCheckError> {
  const { event, quantity } = input;
  if (event === null) return err(domainError('EVENT_NOT_FOUND', 'no such event'));
  switch (event.status) {
    case 'PUBLISHED':
      break;
    case 'DRAFT':
    case 'SCHEDULED':
    case 'IN_REVIEW':
      return err(domainError('EVENT_NOT_FOUND', 'no such event'));
    case 'CANCELED':
    case 'COMPLETED':
      return err(domainError('EVENT_NOT_BOOKABLE', `the event is ${event.status}`, { status: event.status }));
  }
  if (input.userId === event.creatorId || input.isMemberOfOrganization) {
    return err(domainError('OWN_EVENT', 'organisers cannot book events of their own organisation'));
  }
  const closedAt = bookingClosesAt(event);
  if (input.now >= closedAt) {
    return err(domainError('BOOKING_CLOSED', 'bookings for this event are closed', { closedAt }));
  }
  if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > event.maxTicketsPerBooking) {
    return err(
      domainError('QUANTITY_LIMIT', `quantity must be a whole number from 1 to ${event.maxTicketsPerBooking}`, {
        min: 1,
        max: event.maxTicketsPerBooking,
      }),
    );
  }
  if (input.hasActiveBooking) {
    return err(domainError('ALREADY_BOOKED', 'you already have an active booking for this event'));
  }
  return ok(event);
}
