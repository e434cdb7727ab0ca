import type { Instant, WaitlistEntry, WaitlistStatus } from '@aquastream/domain';

/** A waitlist entry as the API shows it (DESIGN §4); `position` is set while the entry is `WAITING`. */
export type WaitlistEntryView = {
  readonly id: string;
  readonly eventId: string;
  readonly userId: string;
  readonly quantity: number;
  readonly status: WaitlistStatus;
  readonly position: number | null;
  readonly offerExpiresAt: Instant | null;
  readonly createdAt: Instant;
};

export function waitlistEntryView(entry: WaitlistEntry, positions: ReadonlyMap<string, number>): WaitlistEntryView {
  return {
    id: entry.id,
    eventId: entry.eventId,
    userId: entry.userId,
    quantity: entry.quantity,
    status: entry.status,
    position: entry.status === 'WAITING' ? (positions.get(entry.id) ?? null) : null,
    offerExpiresAt: entry.offerExpiresAt,
    createdAt: entry.joinedAt,
  };
}
