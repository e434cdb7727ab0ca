import type { AppError, AppErrorType } from '@aquastream/application';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { problem, type Problem } from '../problem.js';

type Mapping = { readonly status: ContentfulStatusCode; readonly title: string };

/**
 * The one table from domain and application error to HTTP status (CONVENTIONS rule 6). `satisfies Record<DomainErrorType, …>` makes a
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
  // Application errors (libs/application/src/errors.ts).
  NOT_AUTHENTICATED: { status: 401, title: 'Not authenticated' },
  ORGANIZATION_NOT_FOUND: { status: 404, title: 'Organization not found' },
  PAYMENT_NOT_FOUND: { status: 404, title: 'Payment not found' },
  WAITLIST_ENTRY_NOT_FOUND: { status: 404, title: 'Waitlist entry not found' },
  FAQ_NOT_FOUND: { status: 404, title: 'FAQ entry not found' },
  CATEGORY_NOT_FOUND: { status: 404, title: 'Category not found' },
  PROMO_CODE_NOT_FOUND: { status: 404, title: 'Promo code not found' },
  MEMBER_NOT_FOUND: { status: 404, title: 'Member not found' },
  ORGANIZATION_SLUG_TAKEN: { status: 409, title: 'Organization slug taken' },
  PROMO_CODE_TAKEN: { status: 409, title: 'Promo code taken' },
  ALREADY_MEMBER: { status: 409, title: 'Already a member' },
  ORGANIZATION_REQUIRED: { status: 422, title: 'Organization required' },
  INVALID_REQUEST: { status: 422, title: 'Invalid request' },
  CATEGORY_CYCLE: { status: 422, title: 'Category cycle' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'Idempotency key reused' },
  IDEMPOTENCY_KEY_IN_PROGRESS: { status: 409, title: 'Idempotency key in progress' },
  PAYMENT_GATEWAY_UNAVAILABLE: { status: 503, title: 'Payment gateway unavailable' },
  PAYMENT_OPEN: { status: 409, title: 'Payment open' },
  NOTHING_TO_PAY: { status: 409, title: 'Nothing to pay' },
} as const satisfies Record<AppErrorType, Mapping>;

/** A use case's error as a problem document; its own members (`waitlistJoinable`, `reason`, …) become extension members. */
export function domainErrorProblem(error: AppError): Problem {
  const { type, detail, ...members } = error;
  const { status, title } = DOMAIN_ERROR_STATUS[type];
  // Some errors name the state of the thing refused (`{ status: 'CANCELED' }`); in a problem document `status` is the
  // HTTP status, so that member is published as `currentStatus`.
  const { status: current, ...extra } = members as Record<string, unknown>;
  return problem(status, type, title, detail, current === undefined ? extra : { ...extra, currentStatus: current });
}
