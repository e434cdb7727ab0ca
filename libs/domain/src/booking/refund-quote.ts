import type { EventState } from '../event/event.types.js';
import { quoteRefund, type RefundQuote } from '../refund/refund-policy.js';
import { domainError, type DomainError } from '../shared/errors.js';
import { DomainInvariantError, err, ok, type Result } from '../shared/result.js';
import type { Instant } from '../shared/time.js';
import type { Booking } from './booking.types.js';
import { assertBookingOfEvent } from './new-booking.js';

/** Who cancels a booking: its owner refunds by policy, the event's organiser or an admin 100 % (DESIGN §3.3). */
export type BookingCanceler = 'OWNER' | 'ORGANIZER' | 'ADMIN';

export type CancelRefundInput = {
  readonly by: BookingCanceler;
  /** An admin's chosen percentage (0–100); `null` = 100 %. Only admins may set it. */
  readonly overridePercent: number | null;
  readonly now: Instant;
  /** Minor units of this booking's payment already refunded (several partial refunds add up). */
  readonly alreadyRefunded: number;
};

/**
 * A reschedule promises 100 % (DESIGN §3.1) to those who booked the old times. A booking made after the
 * reschedule was made knowing the new times, so its own policy applies.
 */
export const rescheduledSinceBooking = (booking: Booking, event: EventState): boolean =>
  event.rescheduledAt !== null && event.rescheduledAt > booking.createdAt;

function overrideFor(by: BookingCanceler, overridePercent: number | null): number | null {
  switch (by) {
    case 'OWNER':
    case 'ORGANIZER':
      if (overridePercent !== null) {
        throw new DomainInvariantError('INVALID_ARGUMENT', `only an admin may choose the refund percentage, not ${by}`);
      }
      return by === 'OWNER' ? null : 100;
    case 'ADMIN':
      return overridePercent ?? 100;
  }
}

/**
 * What a cancel by `by` now pays back, from the policy copied onto the booking (later edits to the event's
 * policy do not count) and the event's current start time.
 */
export function quoteCancelRefund(booking: Booking, event: EventState, input: CancelRefundInput): RefundQuote {
  assertBookingOfEvent(booking, event);
  return quoteRefund({
    paidAmount: booking.paidAmount,
    alreadyRefunded: input.alreadyRefunded,
    policy: booking.refundPolicy,
    startsAt: event.startsAt,
    now: input.now,
    rescheduled: rescheduledSinceBooking(booking, event),
    overridePercent: overrideFor(input.by, input.overridePercent),
  });
}

export type RefundQuoteError = Extract<DomainError, { type: 'BOOKING_NOT_CANCELABLE' | 'EVENT_STARTED' }>;

/**
 * GET /bookings/{id}/refund-quote: what the owner would get back by canceling now. Where a cancel could
 * not refund anything (already canceled, expired, confirmed and started) the answer says why instead.
 * An unpaid booking quotes its percentage with an amount of 0.
 */
export function bookingRefundQuote(
  booking: Booking,
  event: EventState,
  now: Instant,
  alreadyRefunded: number,
): Result<RefundQuote, RefundQuoteError> {
  switch (booking.status) {
    case 'CANCELED':
    case 'EXPIRED':
      return err(domainError('BOOKING_NOT_CANCELABLE', `the booking is ${booking.status}`, { status: booking.status }));
    case 'CONFIRMED':
      if (now >= event.startsAt) return err(domainError('EVENT_STARTED', 'the event has started'));
      break;
    case 'PENDING_PAYMENT':
      break;
  }
  return ok(quoteCancelRefund(booking, event, { by: 'OWNER', overridePercent: null, now, alreadyRefunded }));
}
