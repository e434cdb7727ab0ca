import { releaseSeats } from '../capacity/capacity.js';
import type { EventState } from '../event/event.types.js';
import type { DomainEvent } from '../shared/domain-event.js';
import type { Instant } from '../shared/time.js';
import type { WaitlistEntry } from './waitlist.types.js';

export type CancelWaitlistOutcome = {
  /** The event with every open offer's hold released. */
  readonly event: EventState;
  /** The entries that became `CANCELED`. */
  readonly canceled: readonly WaitlistEntry[];
  /** DESIGN §5 has no waitlist message for this: `event.canceled` tells the users; the audit records each entry. */
  readonly events: readonly DomainEvent[];
};

/**
 * Part of canceling an event (DESIGN §3.1): every entry still in line is `CANCELED` and held seats are
 * released so the counter keeps equalling its definition. Entries of other events and finished ones are
 * left alone, so a repeated cancel is a no-op.
 */
export function cancelWaitlistForEvent({
  event,
  entries,
  now,
}: {
  readonly event: EventState;
  readonly entries: readonly WaitlistEntry[];
  readonly now: Instant;
}): CancelWaitlistOutcome {
  let next = event;
  const canceled: WaitlistEntry[] = [];
  for (const entry of entries) {
    if (entry.eventId !== event.id) continue;
    if (entry.status !== 'WAITING' && entry.status !== 'OFFERED') continue;
    if (entry.status === 'OFFERED') next = releaseSeats(next, entry.quantity, null);
    canceled.push({ ...entry, status: 'CANCELED', updatedAt: now });
  }
  return { event: next, canceled, events: [] };
}
