import { releaseSeats } from '../capacity/capacity.js';
import type { EventState } from '../event/event.types.js';
import { domainEvent, type DomainEvent } from '../shared/domain-event.js';
import { DomainInvariantError } from '../shared/result.js';
import type { Instant } from '../shared/time.js';
import { assertOfferMinutes, offerFreedSeats } from './offer-seats.js';
import type { WaitlistEntry } from './waitlist.types.js';

export type ExpireOffersInput = {
  readonly event: EventState;
  readonly entries: readonly WaitlistEntry[];
  readonly now: Instant;
  readonly offerMinutes: number;
};

export type ExpireOffersOutcome = {
  readonly event: EventState;
  /** Offers that lapsed, now `EXPIRED`, their seats released. */
  readonly expired: readonly WaitlistEntry[];
  /** Entries offered the released seats in turn. */
  readonly offered: readonly WaitlistEntry[];
  readonly events: readonly DomainEvent[];
};

/**
 * The cleanup job's step for one event (DESIGN §3.5, §6): offers past their window expire and their seats pass
 * to the next in line. Strictly after `offerExpiresAt`, so an offer claimable at that instant is never expired
 * under the claimant. Running it twice changes nothing the second time.
 */
export function expireOffers(input: ExpireOffersInput): ExpireOffersOutcome {
  const { now, offerMinutes } = input;
  assertOfferMinutes(offerMinutes);
  let event = input.event;
  const expired: WaitlistEntry[] = [];
  const events: DomainEvent[] = [];
  const entries = input.entries.map((entry) => {
    if (entry.eventId !== event.id || entry.status !== 'OFFERED') return entry;
    if (entry.offerExpiresAt === null) {
      throw new DomainInvariantError('INVALID_ARGUMENT', `offered waitlist entry ${entry.id} has no offerExpiresAt`);
    }
    if (entry.offerExpiresAt >= now) return entry;
    event = releaseSeats(event, entry.quantity, null);
    const next: WaitlistEntry = { ...entry, status: 'EXPIRED', updatedAt: now };
    expired.push(next);
    events.push(
      domainEvent('waitlist.offer_expired', entry.id, { entryId: entry.id, eventId: entry.eventId, userId: entry.userId }),
    );
    return next;
  });

  const passed = offerFreedSeats({ event, entries, now, offerMinutes });
  return { event: passed.event, expired, offered: passed.offered, events: [...events, ...passed.events] };
}
