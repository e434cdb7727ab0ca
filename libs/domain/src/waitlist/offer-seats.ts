import { reserveSeats } from '../capacity/capacity.js';
import type { EventState } from '../event/event.types.js';
import { domainEvent, type DomainEvent } from '../shared/domain-event.js';
import { DomainInvariantError } from '../shared/result.js';
import { addMinutes, type Instant } from '../shared/time.js';
import { waitingLine } from './waitlist-order.js';
import { isOpenForOffers } from './waitlist-rules.js';
import type { WaitlistEntry } from './waitlist.types.js';

export type OfferFreedSeatsInput = {
  readonly event: EventState;
  /** May include entries of other events and in any status: only this event's `WAITING` ones are considered. */
  readonly entries: readonly WaitlistEntry[];
  readonly now: Instant;
  /** `WAITLIST_OFFER_MINUTES`; fractions allowed. */
  readonly offerMinutes: number;
};

export type OfferFreedSeatsOutcome = {
  /** The event with the offered seats held. */
  readonly event: EventState;
  /** The entries that became `OFFERED`, head first. */
  readonly offered: readonly WaitlistEntry[];
  readonly events: readonly DomainEvent[];
};

export function assertOfferMinutes(offerMinutes: number): void {
  if (!Number.isFinite(offerMinutes) || offerMinutes <= 0) {
    throw new DomainInvariantError('INVALID_ARGUMENT', `offer window must be a positive number of minutes, got ${offerMinutes}`);
  }
}

/**
 * Hands free seats to the head of the line (DESIGN §3.5), holding them so the public cannot take them first.
 * Strict FIFO: it stops at the first head whose quantity does not fit, even if someone behind it would fit.
 * An offer never outlives the event's start, like a booking's payment deadline.
 */
export function offerFreedSeats(input: OfferFreedSeatsInput): OfferFreedSeatsOutcome {
  const { now, offerMinutes } = input;
  assertOfferMinutes(offerMinutes);
  let event = input.event;
  if (!isOpenForOffers(event, now)) return { event, offered: [], events: [] };

  const offerExpiresAt = Math.min(addMinutes(now, offerMinutes), event.startsAt);
  const offered: WaitlistEntry[] = [];
  const events: DomainEvent[] = [];
  for (const head of waitingLine(input.entries, event.id)) {
    const held = reserveSeats(event, head.quantity, null);
    if (!held.ok) break;
    event = held.value;
    const entry: WaitlistEntry = { ...head, status: 'OFFERED', offeredAt: now, offerExpiresAt, updatedAt: now };
    offered.push(entry);
    events.push(
      domainEvent('waitlist.offered', entry.id, {
        entryId: entry.id,
        eventId: entry.eventId,
        userId: entry.userId,
        quantity: entry.quantity,
        offerExpiresAt,
      }),
    );
  }
  return { event, offered, events };
}
