import type { EventState } from '../event/event.types.js';
import { DomainInvariantError } from '../shared/result.js';
import { bookingClosesAt } from '../booking/buyer-checks.js';
import type { Instant } from '../shared/time.js';
import type { WaitlistEntry, WaitlistStatus } from './waitlist.types.js';

/** `WAITING` and `OFFERED` entries are in line (one per user and event); the rest are history. */
export function isWaitlistEntryActive(status: WaitlistStatus): boolean {
  switch (status) {
    case 'WAITING':
    case 'OFFERED':
      return true;
    case 'CLAIMED':
    case 'EXPIRED':
    case 'LEFT':
    case 'CANCELED':
      return false;
  }
}

/** Offers are only made while a booking could be made: published and before the booking deadline. */
export const isOpenForOffers = (event: EventState, now: Instant): boolean =>
  event.status === 'PUBLISHED' && now < bookingClosesAt(event);

/** Entries of another event handed to an event-scoped operation are a caller bug, not a business outcome. */
export function assertSameEvent(entry: WaitlistEntry, event: EventState): void {
  if (entry.eventId !== event.id) {
    throw new DomainInvariantError('INVALID_ARGUMENT', `waitlist entry ${entry.id} belongs to event ${entry.eventId}, not ${event.id}`);
  }
}
