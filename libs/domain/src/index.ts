// @aquastream/domain — the pure rules of Aquastream Events. No I/O, no clock, no randomness, no dependencies.
// Time is an Instant (epoch milliseconds) passed in as `now`; ids and ticket codes are arguments.

// shared
export * from './shared/result.js';
export * from './shared/errors.js';
export * from './shared/money.js';
export * from './shared/time.js';
export * from './shared/domain-event.js';

// types
export type * from './event/event.types.js';
export { TERMINAL_EVENT_STATUSES } from './event/event.types.js';
export type * from './booking/booking.types.js';
export { ACTIVE_BOOKING_STATUSES } from './booking/booking.types.js';
export type * from './pricing/pricing.types.js';
export type * from './refund/refund.types.js';
export type * from './payment/payment.types.js';
export type * from './waitlist/waitlist.types.js';
export { ACTIVE_WAITLIST_STATUSES } from './waitlist/waitlist.types.js';
export type * from './review/review.types.js';
export type * from './access/actor.types.js';

// rules
export * from './capacity/capacity.js';

// event
export * from './event/cancel-event-cascade.js';
export * from './event/cancel-event.js';
export * from './event/complete-event.js';
export * from './event/create-event.js';
export * from './event/event-rules.js';
export * from './event/publish-event.js';
export * from './event/review-event.js';
export * from './event/update-event.js';

// crew
export * from './crew/crew.js';

// booking
export * from './booking/booking-from-offer.js';
export * from './booking/booking-status.js';
export * from './booking/buyer-checks.js';
export * from './booking/cancel-booking.js';
export * from './booking/check-in.js';
export * from './booking/create-booking.js';
export * from './booking/expire-booking.js';
export * from './booking/new-booking.js';
export * from './booking/pay-booking.js';
export * from './booking/refund-quote.js';

// refund
export * from './refund/refund-policy.js';

// pricing
export * from './pricing/pricing-rules.js';
export * from './pricing/pricing.js';
export * from './pricing/promo-code.js';

// payment
export * from './payment/payment.js';

// waitlist
export * from './waitlist/cancel-waitlist.js';
export * from './waitlist/claim-offer.js';
export * from './waitlist/expire-offers.js';
export * from './waitlist/join-waitlist.js';
export * from './waitlist/leave-waitlist.js';
export * from './waitlist/offer-seats.js';
export * from './waitlist/waitlist-order.js';
export * from './waitlist/waitlist-rules.js';

// review
export * from './review/create-review.js';
export * from './review/helpful-vote.js';
export * from './review/moderate-review.js';
export * from './review/rating-summary.js';
export * from './review/review-access.js';
export * from './review/review-content.js';
export * from './review/review-reply.js';

// access
export * from './access/actor.js';
export * from './access/booking-access.js';
export * from './access/event-access.js';
export * from './access/organization-access.js';
