import { reserveSeats } from '../capacity/capacity.js';
import type { EventState } from '../event/event.types.js';
import { priceBooking } from '../pricing/pricing.js';
import type { PromoCode } from '../pricing/pricing.types.js';
import { checkPromoCode, normalizePromoCode, reservePromoUse } from '../pricing/promo-code.js';
import type { DomainEvent } from '../shared/domain-event.js';
import { domainError, type DomainError } from '../shared/errors.js';
import { DomainInvariantError, err, ok, type Result } from '../shared/result.js';
import type { Instant } from '../shared/time.js';
import type { Booking } from './booking.types.js';
import { checkBuyer } from './buyer-checks.js';
import { openBooking, resolvePriceOption } from './new-booking.js';

export type CreateBookingInput = {
  readonly event: EventState | null;
  readonly userId: string;
  /** Any role in the event's organisation: organisers do not book their own events. */
  readonly isMemberOfOrganization: boolean;
  readonly quantity: number;
  /** `null`: the cheapest active option. */
  readonly priceOptionId: string | null;
  /** As the user typed it; `null` or blank = no code. */
  readonly promoCode: string | null;
  /** What the application found for `promoCode` in the event's organisation, or `null`. */
  readonly promo: PromoCode | null;
  /** The user already holds a `PENDING_PAYMENT` or `CONFIRMED` booking for this event. */
  readonly hasActiveBooking: boolean;
  readonly now: Instant;
  readonly bookingId: string;
  /** Used only when the total is 0 and the booking is confirmed at once. */
  readonly ticketCode: string;
  readonly ttlMinutes: number;
};

export type CreatedBooking = {
  readonly booking: Booking;
  /** The event with the seats taken. */
  readonly event: EventState;
  /** The promo code with this booking's use reserved, to be written back; `null` when none was used. */
  readonly promo: PromoCode | null;
  readonly events: readonly DomainEvent[];
};

export type CreateBookingError = Extract<
  DomainError,
  {
    type:
      | 'EVENT_NOT_FOUND'
      | 'EVENT_NOT_BOOKABLE'
      | 'OWN_EVENT'
      | 'BOOKING_CLOSED'
      | 'QUANTITY_LIMIT'
      | 'ALREADY_BOOKED'
      | 'INVALID_PRICE_OPTION'
      | 'INVALID_PROMO_CODE'
      | 'EVENT_FULL'
      | 'PRICE_OPTION_SOLD_OUT';
  }
>;

type PromoError = Extract<DomainError, { type: 'INVALID_PROMO_CODE' }>;

/** Check 7: the code as found, validated for this event now, with one use reserved. */
function promoForBooking(
  promoCode: string | null,
  promo: PromoCode | null,
  event: EventState,
  now: Instant,
): Result<PromoCode | null, PromoError> {
  const typed = promoCode === null || promoCode.trim() === '' ? null : promoCode;
  if (typed === null) {
    if (promo !== null) throw new DomainInvariantError('INVALID_ARGUMENT', 'a promo code was looked up but none was typed');
    return ok(null);
  }
  if (promo === null) return err(domainError('INVALID_PROMO_CODE', `unknown promo code "${typed}"`, { reason: 'UNKNOWN' }));
  if (normalizePromoCode(promo.code) !== normalizePromoCode(typed)) {
    throw new DomainInvariantError('INVALID_ARGUMENT', `promo ${promo.id} was looked up for another code than "${typed}"`);
  }
  const checked = checkPromoCode(promo, {
    eventId: event.id,
    organizationId: event.organizationId,
    currency: event.currency,
    now,
  });
  return checked.ok ? reservePromoUse(checked.value) : checked;
}

/**
 * POST /bookings (DESIGN §3.3): the eight checks in their order, the first failure decides. The price is
 * computed on the fill before this booking; the seats are then taken in one step (capacity.ts).
 */
export function createBooking(input: CreateBookingInput): Result<CreatedBooking, CreateBookingError> {
  const checked = checkBuyer(input);
  if (!checked.ok) return checked;
  const event = checked.value;
  const { now, quantity } = input;

  const option = resolvePriceOption(event, input.priceOptionId);
  if (!option.ok) return option;
  const promo = promoForBooking(input.promoCode, input.promo, event, now);
  if (!promo.ok) return promo;

  const pricing = priceBooking({
    unitPrice: option.value.price,
    currency: event.currency,
    quantity,
    capacity: event.capacity,
    seatsTaken: event.seatsTaken,
    dynamicPricing: event.dynamicPricing,
    groupDiscounts: event.groupDiscounts,
    promo: promo.value,
  });
  const reserved = reserveSeats(event, quantity, option.value.id);
  if (!reserved.ok) return reserved;

  const { booking, events } = openBooking({
    event,
    option: option.value,
    pricing,
    userId: input.userId,
    quantity,
    bookingId: input.bookingId,
    ticketCode: input.ticketCode,
    now,
    ttlMinutes: input.ttlMinutes,
    promoCodeId: promo.value?.id ?? null,
    waitlistEntryId: null,
  });
  return ok({ booking, event: reserved.value, promo: promo.value, events });
}
