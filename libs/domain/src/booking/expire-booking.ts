import { releaseSeats } from '../capacity/capacity.js';
import type { EventState } from '../event/event.types.js';
import { domainEvent, type DomainEvent } from '../shared/domain-event.js';
import { DomainInvariantError } from '../shared/result.js';
import { addMinutes, type Instant } from '../shared/time.js';
import type { Booking } from './booking.types.js';
import { assertBookingOfEvent } from './new-booking.js';

export type ExpireBookingCommand = {
  readonly event: EventState;
  readonly now: Instant;
  readonly graceMinutes: number;
};

type Unchanged<K extends string> = {
  readonly outcome: K;
  readonly booking: Booking;
  readonly event: EventState;
  readonly events: readonly [];
  readonly promoUseToRelease: null;
};

export type ExpireBookingOutcome =
  | {
      readonly outcome: 'expired';
      readonly booking: Booking;
      /** The event with the booking's seats given back: the caller offers them to the waitlist. */
      readonly event: EventState;
      readonly events: readonly DomainEvent[];
      /** The promo code whose use the booking had reserved, to release; `null` when it had none. */
      readonly promoUseToRelease: string | null;
    }
  /** Still within its deadline + grace: a payment may yet confirm it. */
  | Unchanged<'not_due'>
  /** Paid, canceled or already expired: a repeated or late expiry moves nothing. */
  | Unchanged<'not_pending'>;

/** Instant after which an unpaid booking may be expired; a payment up to and including it still confirms. */
export const expiresAfter = (booking: Pick<Booking, 'paymentDeadline'>, graceMinutes: number): Instant =>
  addMinutes(booking.paymentDeadline, graceMinutes);

/**
 * The expiry job's step for one booking (DESIGN §3.3, §6). Asking the gateway about an open payment first is
 * the application's part; this only decides and gives the seats back.
 */
export function expireBooking(booking: Booking, command: ExpireBookingCommand): ExpireBookingOutcome {
  const { event, now } = command;
  assertBookingOfEvent(booking, event);
  if (!Number.isFinite(command.graceMinutes) || command.graceMinutes < 0) {
    throw new DomainInvariantError('INVALID_ARGUMENT', `grace must be a non-negative number of minutes, got ${command.graceMinutes}`);
  }
  if (booking.status !== 'PENDING_PAYMENT') {
    return { outcome: 'not_pending', booking, event, events: [], promoUseToRelease: null };
  }
  if (now <= expiresAfter(booking, command.graceMinutes)) {
    return { outcome: 'not_due', booking, event, events: [], promoUseToRelease: null };
  }
  const expired: Booking = { ...booking, status: 'EXPIRED', updatedAt: now };
  return {
    outcome: 'expired',
    booking: expired,
    event: releaseSeats(event, booking.quantity, booking.priceOptionId),
    events: [
      domainEvent('booking.expired', booking.id, {
        bookingId: booking.id,
        eventId: booking.eventId,
        userId: booking.userId,
        quantity: booking.quantity,
      }),
    ],
    promoUseToRelease: booking.promoCodeId,
  };
}
