import { releaseSeats } from '../capacity/capacity.js';
import type { EventState } from '../event/event.types.js';
import type { DomainEvent } from '../shared/domain-event.js';
import { domainError, type WaitlistError } from '../shared/errors.js';
import { err, ok, type Result } from '../shared/result.js';
import type { Instant } from '../shared/time.js';
import { assertSameEvent } from './waitlist-rules.js';
import type { WaitlistEntry } from './waitlist.types.js';

export type LeaveWaitlistError = Extract<WaitlistError, { type: 'WAITLIST_ENTRY_NOT_ACTIVE' }>;

export type LeaveWaitlistOutcome = {
  readonly state: WaitlistEntry;
  /** The event with the entry's hold released, if it had one. */
  readonly event: EventState;
  /** Seats the leave gave back: when above 0 the caller runs `offerFreedSeats` for the next in line. */
  readonly seatsReleased: number;
  /** DESIGN §5 has no message for leaving; the application writes the waitlist audit. */
  readonly events: readonly DomainEvent[];
};

/** The owner leaves the line (DESIGN §3.5). Leaving twice answers the entry unchanged, like a repeated DELETE. */
export function leaveWaitlist(
  entry: WaitlistEntry,
  { event, now }: { readonly event: EventState; readonly now: Instant },
): Result<LeaveWaitlistOutcome, LeaveWaitlistError> {
  assertSameEvent(entry, event);
  switch (entry.status) {
    case 'WAITING':
      return ok({ state: { ...entry, status: 'LEFT', updatedAt: now }, event, seatsReleased: 0, events: [] });
    case 'OFFERED':
      return ok({
        state: { ...entry, status: 'LEFT', updatedAt: now },
        event: releaseSeats(event, entry.quantity, null),
        seatsReleased: entry.quantity,
        events: [],
      });
    case 'LEFT':
      return ok({ state: entry, event, seatsReleased: 0, events: [] });
    case 'CLAIMED':
    case 'EXPIRED':
    case 'CANCELED':
      return err(
        domainError('WAITLIST_ENTRY_NOT_ACTIVE', `the waitlist entry is ${entry.status} and cannot be left`, {
          status: entry.status,
        }),
      );
  }
}
