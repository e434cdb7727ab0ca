import { releaseSeats, reserveSeats } from '../capacity/capacity.js';
import type { EventState } from '../event/event.types.js';
import { priceBooking } from '../pricing/pricing.js';
import type { DomainEvent } from '../shared/domain-event.js';
import { domainError, type DomainError } from '../shared/errors.js';
import { DomainInvariantError, err, ok, type Result } from '../shared/result.js';
import type { Instant } from '../shared/time.js';
import type { WaitlistEntry } from '../waitlist/waitlist.types.js';
import type { Booking } from './booking.types.js';
import { openBooking, resolvePriceOption } from './new-booking.js';

export type BookingFromOfferInput = {
  readonly event: EventState;
  /** The offered entry being claimed (`OFFERED`, or already `CLAIMED` by the same transaction). */
  readonly entry: WaitlistEntry;
  readonly now: Instant;
  readonly bookingId: string;
  /** Used only when the total is 0 and the booking is confirmed at once. */
  readonly ticketCode: string;
  readonly ttlMinutes: number;
};

export type BookingFromOffer = {
  readonly booking: Booking;
  /** Same event-level count (the offer already held the seats); the option's quota now counts them. */
  readonly event: EventState;
  readonly events: readonly DomainEvent[];
};

export type BookingFromOfferError = Extract<
  DomainError,
  { type: 'EVENT_NOT_BOOKABLE' | 'BOOKING_CLOSED' | 'INVALID_PRICE_OPTION' | 'EVENT_FULL' | 'PRICE_OPTION_SOLD_OUT' }
>;

/**
 * The booking a waitlist claim creates (DESIGN §3.5). The window, the owner and the entry's own transition
 * belong to the waitlist rules; this turns the held seats into a `PENDING_PAYMENT` booking priced and timed
 * like a direct one. The claim is not refused after the booking deadline (the claimant joined before it),
 * only once the event has started, since the payment deadline could not lie in the future any more.
 * No promo code: a claim carries no body.
 */
export function createBookingFromOffer(input: BookingFromOfferInput): Result<BookingFromOffer, BookingFromOfferError> {
  const { event, entry, now } = input;
  if (entry.eventId !== event.id) {
    throw new DomainInvariantError('INVALID_ARGUMENT', `waitlist entry ${entry.id} belongs to event ${entry.eventId}`);
  }
  if (entry.status !== 'OFFERED' && entry.status !== 'CLAIMED') {
    // Only an offer holds seats; booking from anything else would take seats nobody reserved.
    throw new DomainInvariantError('INVALID_ARGUMENT', `waitlist entry ${entry.id} is ${entry.status}, not an offer`);
  }
  if (event.status !== 'PUBLISHED') {
    return err(domainError('EVENT_NOT_BOOKABLE', `the event is ${event.status}`, { status: event.status }));
  }
  if (now >= event.startsAt) {
    return err(domainError('BOOKING_CLOSED', 'the event has started', { closedAt: event.startsAt }));
  }
  const option = resolvePriceOption(event, entry.priceOptionId);
  if (!option.ok) return option;

  // Fill before this booking: the claimant's own hold does not count against them.
  const pricing = priceBooking({
    unitPrice: option.value.price,
    currency: event.currency,
    quantity: entry.quantity,
    capacity: event.capacity,
    seatsTaken: event.seatsTaken - entry.quantity,
    dynamicPricing: event.dynamicPricing,
    groupDiscounts: event.groupDiscounts,
    promo: null,
  });
  // The hold becomes the booking's seats: giving it back and taking it again under the option leaves the
  // event's count as it was and makes the option's quota check the only one that can fail.
  const reserved = reserveSeats(releaseSeats(event, entry.quantity, null), entry.quantity, option.value.id);
  if (!reserved.ok) return reserved;

  const { booking, events } = openBooking({
    event,
    option: option.value,
    pricing,
    userId: entry.userId,
    quantity: entry.quantity,
    bookingId: input.bookingId,
    ticketCode: input.ticketCode,
    now,
    ttlMinutes: input.ttlMinutes,
    promoCodeId: null,
    waitlistEntryId: entry.id,
  });
  return ok({ booking, event: reserved.value, events });
}
