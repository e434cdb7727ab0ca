import type { WaitlistEntry, WaitlistStatus } from '@aquastream/domain';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { TxContext } from '../ports/unit-of-work.port.js';
import type { AuditChange } from '../shared/change-recorder.js';

/** The audit row of one waitlist transition. */
export function waitlistAudit(entry: WaitlistEntry, from: WaitlistStatus | null, reason: string | null = null): AuditChange {
  return { entity: 'WAITLIST', entityId: entry.id, eventId: entry.eventId, from, to: entry.status, reason };
}

/**
 * Gives an offer's held seats back. The hold was taken by a conditional update and the entry's own compare-and-set
 * guarantees it is released once, so a refusal means the counter no longer matches its definition: throwing rolls
 * the whole change back rather than committing a wrong count.
 */
export async function releaseHold(events: EventRepository, tx: TxContext, entry: WaitlistEntry): Promise<void> {
  const result = await events.adjustSeats(tx, entry.eventId, { eventDelta: -entry.quantity, option: null, requirePublished: false });
  if (result !== 'OK') throw new Error(`releasing the ${entry.quantity} seat(s) held by waitlist entry ${entry.id} failed: ${result}`);
}
