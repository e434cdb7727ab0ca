// @aquastream/domain — the pure rules of Aquastream Events. No I/O, no clock, no randomness, no dependencies.
export * from './shared/result.js';
export * from './shared/errors.js';
export * from './shared/money.js';
export * from './shared/time.js';
export * from './shared/domain-event.js';
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
export * from './capacity/capacity.js';
