import { seatsAvailable } from '../capacity/capacity.js';
import type { EventState } from '../event/event.types.js';
import { domainEvent, type Transition } from '../shared/domain-event.js';
import { domainError, type DomainError } from '../shared/errors.js';
import { DomainInvariantError, err, ok, type Result } from '../shared/result.js';
import type { Instant } from '../shared/time.js';
import type { WaitlistEntry } from './waitlist.types.js';
import { checkBuyer } from '../booking/buyer-checks.js';

export type JoinWaitlistError = Extract<
  DomainError,
  {
    type:
      | 'EVENT_NOT_FOUND'
      | 'EVENT_NOT_BOOKABLE'
      | 'OWN_EVENT'
      | 'BOOKING_CLOSED'
      | 'QUANTITY_LIMIT'
      | 'ALREADY_BOOKED'
      | 'ALREADY_WAITLISTED'
      | 'INVALID_PRICE_OPTION'
      | 'SEATS_AVAILABLE';
  }
>;

export type JoinWaitlistInput = {
  readonly event: EventState | null;
  readonly userId: string;
  readonly quantity: number;
  /** `null`: the booking made from an offer uses the event's cheapest active option. */
  readonly priceOptionId: string | null;
  readonly isMemberOfOrganization: boolean;
  /** The user has a `PENDING_PAYMENT` or `CONFIRMED` booking for the event. */
  readonly hasActiveBooking: boolean;
  /** The user has a `WAITING` or `OFFERED` entry for the event. */
  readonly hasActiveEntry: boolean;
  readonly now: Instant;
  readonly entryId: string;
  /** Lower is served first; set by admins only. */
  readonly priority?: number;
};

/**
 * Puts a user in line (DESIGN §3.5). The checks run in the booking's order so that a user who is refused
 * gets the same answer from `POST /bookings` and from the waitlist; the last one sends users who could
 * simply book to the booking instead.
 */
export function joinWaitlist(input: JoinWaitlistInput): Result<Transition<WaitlistEntry>, JoinWaitlistError> {
  const { userId, quantity, priceOptionId, now, entryId } = input;
  const priority = input.priority ?? 0;
  if (!Number.isSafeInteger(priority)) {
    throw new DomainInvariantError('INVALID_ARGUMENT', `waitlist priority must be an integer, got ${priority}`);
  }

  const checked = checkBuyer(input);
  if (!checked.ok) return checked;
  const event = checked.value;
  if (input.hasActiveEntry) {
    return err(domainError('ALREADY_WAITLISTED', 'you are already on the waitlist of this event'));
  }
  if (priceOptionId !== null && !event.priceOptions.some((o) => o.id === priceOptionId && o.active)) {
    return err(domainError('INVALID_PRICE_OPTION', 'the price option does not exist or is not on sale'));
  }
  const available = seatsAvailable(event);
  if (available >= quantity) {
    return err(
      domainError('SEATS_AVAILABLE', `${available} seat(s) are available: book them directly`, { seatsAvailable: available }),
    );
  }

  const entry: WaitlistEntry = {
    id: entryId,
    eventId: event.id,
    userId,
    quantity,
    priority,
    status: 'WAITING',
    joinedAt: now,
    priceOptionId,
    offeredAt: null,
    offerExpiresAt: null,
    bookingId: null,
    updatedAt: now,
  };
  return ok({
    state: entry,
    events: [domainEvent('waitlist.joined', entry.id, { entryId: entry.id, eventId: event.id, userId, quantity })],
  });
}
