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
  /**
   * The caller must run `offerFreedSeats` next: a hold was released, or a head that was blocking the line
   * (strict FIFO) is gone and the one behind it may fit in seats nobody holds.
   */
  readonly offerNext: boolean;
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
      return ok({ state: { ...entry, status: 'LEFT', updatedAt: now }, event, offerNext: true, events: [] });
    case 'OFFERED':
      return ok({
        state: { ...entry, status: 'LEFT', updatedAt: now },
        event: releaseSeats(event, entry.quantity, null),
        offerNext: true,
        events: [],
      });
    case 'LEFT':
      return ok({ state: entry, event, offerNext: false, events: [] });
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
