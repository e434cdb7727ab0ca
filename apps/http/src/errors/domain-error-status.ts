import type { DomainError, DomainErrorType } from '@aquastream/domain';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { problem, type Problem } from '../problem.js';

type Mapping = { readonly status: ContentfulStatusCode; readonly title: string };

/**
 * The one table from domain error to HTTP status (CONVENTIONS rule 6). `satisfies Record<DomainErrorType, …>` makes a
 * new error type that is not mapped here a compile error. 404 for "not found or not visible", 409 for state conflicts,
 * 422 for semantic rules, 403 for role or ownership, 400 for a malformed payment notification.
 */
export const DOMAIN_ERROR_STATUS = {
  EVENT_NOT_FOUND: { status: 404, title: 'Event not found' },
  EVENT_NOT_BOOKABLE: { status: 409, title: 'Event not bookable' },
  EVENT_NOT_EDITABLE: { status: 409, title: 'Event not editable' },
  EVENT_NOT_DELETABLE: { status: 409, title: 'Event not deletable' },
  INVALID_EVENT_TRANSITION: { status: 409, title: 'Invalid event transition' },
  REVIEW_REQUIRED: { status: 409, title: 'Review required before publishing' },
  CAPACITY_BELOW_SEATS_TAKEN: { status: 409, title: 'Capacity below seats taken' },
  INVALID_EVENT: { status: 422, title: 'Invalid event' },
  INVALID_REFUND_POLICY: { status: 422, title: 'Invalid refund policy' },
  INVALID_PRICING_RULES: { status: 422, title: 'Invalid pricing rules' },
  CREW_NOT_REQUESTABLE: { status: 409, title: 'Crew cannot be requested' },
  OWN_EVENT: { status: 403, title: 'Own event' },
  BOOKING_CLOSED: { status: 409, title: 'Booking closed' },
  QUANTITY_LIMIT: { status: 422, title: 'Quantity out of limits' },
  ALREADY_BOOKED: { status: 409, title: 'Already booked' },
  INVALID_PRICE_OPTION: { status: 422, title: 'Invalid price option' },
  INVALID_PROMO_CODE: { status: 422, title: 'Invalid promo code' },
  EVENT_FULL: { status: 409, title: 'Event full' },
  PRICE_OPTION_SOLD_OUT: { status: 409, title: 'Price option sold out' },
  EVENT_STARTED: { status: 409, title: 'Event started' },
  BOOKING_NOT_CANCELABLE: { status: 409, title: 'Booking not cancelable' },
  INVALID_BOOKING_TRANSITION: { status: 409, title: 'Invalid booking transition' },
  BOOKING_NOT_FOUND: { status: 404, title: 'Booking not found' },
  PAYMENT_MISMATCH: { status: 400, title: 'Payment does not match' },
  PAYMENT_NOT_REFUNDABLE: { status: 409, title: 'Payment not refundable' },
  REFUND_EXCEEDS_PAYMENT: { status: 422, title: 'Refund exceeds payment' },
  INVALID_REFUND_AMOUNT: { status: 422, title: 'Invalid refund amount' },
  CURRENCY_MISMATCH: { status: 422, title: 'Currency mismatch' },
  SEATS_AVAILABLE: { status: 409, title: 'Seats available' },
  ALREADY_WAITLISTED: { status: 409, title: 'Already waitlisted' },
  OFFER_EXPIRED: { status: 409, title: 'Offer expired' },
  WAITLIST_ENTRY_NOT_ACTIVE: { status: 409, title: 'Waitlist entry not active' },
  REVIEW_NOT_ALLOWED: { status: 403, title: 'Review not allowed' },
  ALREADY_REVIEWED: { status: 409, title: 'Already reviewed' },
  INVALID_REVIEW: { status: 422, title: 'Invalid review' },
  OWN_REVIEW: { status: 403, title: 'Own review' },
  REVIEW_NOT_FOUND: { status: 404, title: 'Review not found' },
  INVALID_PROMO_DEFINITION: { status: 422, title: 'Invalid promo code definition' },
  TICKET_NOT_FOUND: { status: 404, title: 'Ticket not found' },
  TICKET_NOT_VALID: { status: 409, title: 'Ticket not valid' },
  ALREADY_CHECKED_IN: { status: 409, title: 'Already checked in' },
  FORBIDDEN: { status: 403, title: 'Forbidden' },
} as const satisfies Record<DomainErrorType, Mapping>;

/** A domain error as a problem document; its own members (`waitlistJoinable`, `reason`, …) become extension members. */
export function domainErrorProblem(error: DomainError): Problem {
  const { type, detail, ...extra } = error;
  const { status, title } = DOMAIN_ERROR_STATUS[type];
  return problem(status, type, title, detail, extra);
}
