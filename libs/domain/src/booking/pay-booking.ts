import { releaseSeats, reserveSeats } from '../capacity/capacity.js';
import type { EventState } from '../event/event.types.js';
import { domainEvent, type DomainEvent } from '../shared/domain-event.js';
import { DomainInvariantError } from '../shared/result.js';
import { addMinutes, type Instant } from '../shared/time.js';
import type { Booking } from './booking.types.js';
import { assertBookingOfEvent } from './new-booking.js';

export type PayBookingCommand = {
  readonly event: EventState;
  /** Minor units the gateway reported as received. */
  readonly paidAmount: number;
  readonly now: Instant;
  readonly graceMinutes: number;
  readonly ticketCode: string;
};

/** Why money that arrived cannot buy the booking and must go back in full. */
export type PaymentRefundReason = 'BOOKING_CANCELED' | 'SEATS_UNAVAILABLE' | 'EVENT_NOT_BOOKABLE';

type Outcome<K extends string, X extends object = object> = {
  readonly outcome: K;
  readonly booking: Booking;
  readonly event: EventState;
  readonly events: readonly DomainEvent[];
} & Readonly<X>;

export type PayBookingOutcome =
  /** Paid in time (deadline + grace): confirmed; the seats were already held. */
  | Outcome<'confirmed'>
  /** Paid too late, after the booking expired (or should have): confirmed again with freshly reserved seats. */
  | Outcome<'reinstated'>
  /** Nothing changes; the whole payment must be refunded. */
  | Outcome<'refund_required', { refundAmount: number; reason: PaymentRefundReason }>
  /** A repeated webhook: nothing changes. */
  | Outcome<'already_confirmed'>;

function confirm(booking: Booking, command: PayBookingCommand): { booking: Booking; events: readonly DomainEvent[] } {
  const confirmed: Booking = {
    ...booking,
    status: 'CONFIRMED',
    ticketCode: command.ticketCode,
    paidAmount: command.paidAmount,
    updatedAt: command.now,
  };
  const event = domainEvent('booking.confirmed', booking.id, {
    bookingId: booking.id,
    eventId: booking.eventId,
    userId: booking.userId,
    ticketCode: command.ticketCode,
    quantity: booking.quantity,
  });
  return { booking: confirmed, events: [event] };
}

const refundInFull = (booking: Booking, command: PayBookingCommand, reason: PaymentRefundReason): PayBookingOutcome => ({
  outcome: 'refund_required',
  booking,
  event: command.event,
  events: [],
  refundAmount: command.paidAmount,
  reason,
});

/**
 * A late payment buys the seats back only if the event still sells them: published, not started, and the
 * seats free right now (taken in one step). The promo use an expiry released is not taken again: the price
 * agreed when booking stands, and failing a paid booking over a promo counter would be worse.
 */
function reinstate(booking: Booking, command: PayBookingCommand, seatsHeld: boolean): PayBookingOutcome {
  const { event, now } = command;
  if (event.status !== 'PUBLISHED' || now >= event.startsAt) return refundInFull(booking, command, 'EVENT_NOT_BOOKABLE');
  // A pending booking past its grace still holds its seats (the expiry job has not run): expire-then-reserve.
  const base = seatsHeld ? releaseSeats(event, booking.quantity, booking.priceOptionId) : event;
  const reserved = reserveSeats(base, booking.quantity, booking.priceOptionId);
  if (!reserved.ok) return refundInFull(booking, command, 'SEATS_UNAVAILABLE');
  return { outcome: 'reinstated', event: reserved.value, ...confirm(booking, command) };
}

/** A successful payment reported by the gateway (DESIGN §3.3): money is never stuck, seats never counted twice. */
export function payBooking(booking: Booking, command: PayBookingCommand): PayBookingOutcome {
  assertBookingOfEvent(booking, command.event);
  if (!Number.isSafeInteger(command.paidAmount) || command.paidAmount < 0) {
    throw new DomainInvariantError('INVALID_AMOUNT', `paid amount must be non-negative minor units, got ${command.paidAmount}`);
  }
  if (!Number.isFinite(command.graceMinutes) || command.graceMinutes < 0) {
    throw new DomainInvariantError('INVALID_ARGUMENT', `grace must be a non-negative number of minutes, got ${command.graceMinutes}`);
  }
  switch (booking.status) {
    case 'PENDING_PAYMENT':
      if (command.now <= addMinutes(booking.paymentDeadline, command.graceMinutes)) {
        return { outcome: 'confirmed', event: command.event, ...confirm(booking, command) };
      }
      return reinstate(booking, command, true);
    case 'EXPIRED':
      return reinstate(booking, command, false);
    case 'CANCELED':
      return refundInFull(booking, command, 'BOOKING_CANCELED');
    case 'CONFIRMED':
      return { outcome: 'already_confirmed', booking, event: command.event, events: [] };
  }
}
