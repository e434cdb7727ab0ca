import { releaseSeats } from '../capacity/capacity.js';
import type { EventState } from '../event/event.types.js';
import { domainEvent, type DomainEvent } from '../shared/domain-event.js';
import { domainError, type DomainError } from '../shared/errors.js';
import { DomainInvariantError, err, ok, type Result } from '../shared/result.js';
import type { Instant } from '../shared/time.js';
import type { Booking, BookingRefund } from './booking.types.js';
import { assertBookingOfEvent } from './new-booking.js';
import { quoteCancelRefund, type BookingCanceler } from './refund-quote.js';

export type CancelBookingCommand = {
  readonly event: EventState;
  readonly by: BookingCanceler;
  readonly actorId: string;
  /** An admin's refund percentage (0–100); left out or `null` = 100 % for organisers and admins. */
  readonly overridePercent?: number | null;
  readonly reason: string | null;
  readonly now: Instant;
  /** Minor units of this booking's payment already refunded. */
  readonly alreadyRefunded: number;
  /**
   * Lets a `CONFIRMED` booking be canceled after the start. Only the cascade of an event cancel sets it (a storm
   * stops a trip that has begun, and those who paid get their money back); a single cancel never does, so it keeps
   * answering `EVENT_STARTED`. Refused for `OWNER`, whose refund after the start would be decided by no rule.
   */
  readonly allowAfterStart?: boolean;
};

export type CanceledBooking = {
  readonly booking: Booking;
  /** The event with the booking's seats given back (unchanged when the booking was already canceled). */
  readonly event: EventState;
  readonly events: readonly DomainEvent[];
  /** The promo code whose use must be released: set only for a booking that ends without being confirmed. */
  readonly promoUseToRelease: string | null;
};

export type CancelBookingError = Extract<DomainError, { type: 'BOOKING_NOT_CANCELABLE' | 'EVENT_STARTED' }>;

/** The refund a confirmed booking carries once canceled; a booking never paid (free) carries none. */
function refundFor(booking: Booking, event: EventState, command: CancelBookingCommand): BookingRefund | null {
  if (booking.paidAmount === 0) return null;
  const quote = quoteCancelRefund(booking, event, {
    by: command.by,
    overridePercent: command.overridePercent ?? null,
    now: command.now,
    alreadyRefunded: command.alreadyRefunded,
  });
  // Nothing to send back is a refund already settled, so that "paid" bookings always show one.
  return { amount: quote.amount, percent: quote.percent, status: quote.amount === 0 ? 'COMPLETED' : 'PENDING' };
}

/**
 * POST /bookings/{id}/cancel (DESIGN §3.3). Who may cancel is the caller's check; this decides what
 * canceling does. Repeating a cancel changes nothing, so seats are never given back twice.
 */
export function cancelBooking(booking: Booking, command: CancelBookingCommand): Result<CanceledBooking, CancelBookingError> {
  const { event, now } = command;
  assertBookingOfEvent(booking, event);
  if (command.allowAfterStart === true && command.by === 'OWNER') {
    throw new DomainInvariantError('INVALID_ARGUMENT', 'allowAfterStart is for an event cancel by an organiser or an admin');
  }
  let refund: BookingRefund | null;
  switch (booking.status) {
    case 'CANCELED':
      return ok({ booking, event, events: [], promoUseToRelease: null });
    case 'EXPIRED':
      return err(domainError('BOOKING_NOT_CANCELABLE', 'an expired booking cannot be canceled', { status: booking.status }));
    case 'CONFIRMED':
      if (now >= event.startsAt && command.allowAfterStart !== true) return err(domainError('EVENT_STARTED', 'the event has started'));
      refund = refundFor(booking, event, command);
      break;
    case 'PENDING_PAYMENT':
      refund = null;
      break;
  }
  const canceled: Booking = { ...booking, status: 'CANCELED', refund, cancelReason: command.reason, updatedAt: now };
  const message = domainEvent('booking.canceled', booking.id, {
    bookingId: booking.id,
    eventId: booking.eventId,
    userId: booking.userId,
    reason: command.reason,
    canceledBy: command.actorId,
    refundAmount: refund?.amount ?? null,
    refundPercent: refund?.percent ?? null,
  });
  return ok({
    booking: canceled,
    event: releaseSeats(event, booking.quantity, booking.priceOptionId),
    events: [message],
    promoUseToRelease: booking.status === 'PENDING_PAYMENT' ? booking.promoCodeId : null,
  });
}
