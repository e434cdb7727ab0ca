import type { EventState, PriceOption } from '../event/event.types.js';
import type { PriceBreakdown } from '../pricing/pricing.types.js';
import { domainEvent, type DomainEvent } from '../shared/domain-event.js';
import { domainError, type BookingError } from '../shared/errors.js';
import { DomainInvariantError, err, ok, type Result } from '../shared/result.js';
import { addMinutes, type Instant } from '../shared/time.js';
import type { Booking } from './booking.types.js';

// What a direct booking and a waitlist claim share: the option, the deadline, the new row and its messages.

type PriceOptionError = Extract<BookingError, { type: 'INVALID_PRICE_OPTION' }>;

/**
 * The option a booking will use. `null` asks for the cheapest active option (the catalogue's "from" price);
 * on a tie the first one listed wins, so the choice is stable.
 */
export function resolvePriceOption(event: EventState, priceOptionId: string | null): Result<PriceOption, PriceOptionError> {
  if (priceOptionId === null) {
    let cheapest: PriceOption | null = null;
    for (const option of event.priceOptions) {
      if (option.active && (cheapest === null || option.price < cheapest.price)) cheapest = option;
    }
    return cheapest === null
      ? err(domainError('INVALID_PRICE_OPTION', 'the event has no active price option'))
      : ok(cheapest);
  }
  const option = event.priceOptions.find((o) => o.id === priceOptionId);
  if (!option) return err(domainError('INVALID_PRICE_OPTION', `price option ${priceOptionId} does not exist for this event`));
  if (!option.active) return err(domainError('INVALID_PRICE_OPTION', `price option "${option.name}" is no longer sold`));
  return ok(option);
}

/** `min(now + TTL, startsAt)`: nobody is left holding seats past the start. */
export function paymentDeadlineFor(startsAt: Instant, now: Instant, ttlMinutes: number): Instant {
  if (!Number.isFinite(ttlMinutes) || ttlMinutes <= 0) {
    throw new DomainInvariantError('INVALID_ARGUMENT', `booking TTL must be a positive number of minutes, got ${ttlMinutes}`);
  }
  return Math.min(addMinutes(now, ttlMinutes), startsAt);
}

export type NewBookingInput = {
  readonly event: EventState;
  readonly option: PriceOption;
  readonly pricing: PriceBreakdown;
  readonly userId: string;
  readonly quantity: number;
  readonly bookingId: string;
  readonly ticketCode: string;
  readonly now: Instant;
  readonly ttlMinutes: number;
  readonly promoCodeId: string | null;
  readonly waitlistEntryId: string | null;
};

/** The booking row and its messages. A free booking is confirmed at once and only then gets its ticket code. */
export function openBooking(input: NewBookingInput): { readonly booking: Booking; readonly events: readonly DomainEvent[] } {
  const { event, pricing, now } = input;
  if (pricing.currency !== event.currency) {
    throw new DomainInvariantError('CURRENCY_MISMATCH', `priced in ${pricing.currency}, event sells in ${event.currency}`);
  }
  const free = pricing.total === 0;
  const booking: Booking = {
    id: input.bookingId,
    eventId: event.id,
    userId: input.userId,
    priceOptionId: input.option.id,
    quantity: input.quantity,
    status: free ? 'CONFIRMED' : 'PENDING_PAYMENT',
    pricing,
    totalAmount: pricing.total,
    currency: event.currency,
    paymentDeadline: paymentDeadlineFor(event.startsAt, now, input.ttlMinutes),
    ticketCode: free ? input.ticketCode : null,
    refundPolicy: event.refundPolicy,
    promoCodeId: input.promoCodeId,
    paidAmount: 0,
    refund: null,
    waitlistEntryId: input.waitlistEntryId,
    cancelReason: null,
    checkedInAt: null,
    createdAt: now,
    updatedAt: now,
  };
  const created = domainEvent('booking.created', booking.id, {
    bookingId: booking.id,
    eventId: booking.eventId,
    userId: booking.userId,
    quantity: booking.quantity,
    status: booking.status,
    totalAmount: booking.totalAmount,
    currency: booking.currency,
    paymentDeadline: booking.paymentDeadline,
  });
  if (!free) return { booking, events: [created] };
  const confirmed = domainEvent('booking.confirmed', booking.id, {
    bookingId: booking.id,
    eventId: booking.eventId,
    userId: booking.userId,
    ticketCode: input.ticketCode,
    quantity: booking.quantity,
  });
  return { booking, events: [created, confirmed] };
}

/** A booking handled against another event's counters would corrupt both: a caller bug, never an outcome. */
export function assertBookingOfEvent(booking: Pick<Booking, 'id' | 'eventId'>, event: Pick<EventState, 'id'>): void {
  if (booking.eventId !== event.id) {
    throw new DomainInvariantError('INVALID_ARGUMENT', `booking ${booking.id} belongs to event ${booking.eventId}, not ${event.id}`);
  }
}
