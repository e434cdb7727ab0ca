import { domainEvent, type Transition } from '../shared/domain-event.js';
import { domainError, type WaitlistError } from '../shared/errors.js';
import { DomainInvariantError, err, ok, type Result } from '../shared/result.js';
import type { Instant } from '../shared/time.js';
import type { WaitlistEntry } from './waitlist.types.js';

export type ClaimOfferError = Extract<WaitlistError, { type: 'OFFER_EXPIRED' | 'WAITLIST_ENTRY_NOT_ACTIVE' }>;

export type ClaimOfferInput = {
  readonly now: Instant;
  /** Id of the `PENDING_PAYMENT` booking the application makes from the hold in the same transaction. */
  readonly bookingId: string;
};

/**
 * Turns an open offer into a claim (DESIGN §3.5). Ownership is the application's check (others get 404).
 * The held seats are not touched: they become the booking's. The window is inclusive of `offerExpiresAt`,
 * the same instant the cleanup job still leaves alone. An offer already marked `EXPIRED` answers
 * `OFFER_EXPIRED` too, so the answer does not depend on whether the cleanup job has run yet.
 */
export function claimOffer(entry: WaitlistEntry, { now, bookingId }: ClaimOfferInput): Result<Transition<WaitlistEntry>, ClaimOfferError> {
  switch (entry.status) {
    case 'OFFERED':
      break;
    case 'EXPIRED':
      return err(domainError('OFFER_EXPIRED', 'the offer has expired'));
    case 'WAITING':
    case 'CLAIMED':
    case 'LEFT':
    case 'CANCELED':
      return err(
        domainError('WAITLIST_ENTRY_NOT_ACTIVE', `the waitlist entry is ${entry.status}, not OFFERED`, { status: entry.status }),
      );
  }
  if (entry.offerExpiresAt === null) {
    throw new DomainInvariantError('INVALID_ARGUMENT', `offered waitlist entry ${entry.id} has no offerExpiresAt`);
  }
  if (now > entry.offerExpiresAt) return err(domainError('OFFER_EXPIRED', 'the offer has expired'));

  const state: WaitlistEntry = { ...entry, status: 'CLAIMED', bookingId, updatedAt: now };
  return ok({
    state,
    events: [
      domainEvent('waitlist.claimed', entry.id, { entryId: entry.id, eventId: entry.eventId, userId: entry.userId, bookingId }),
    ],
  });
}
