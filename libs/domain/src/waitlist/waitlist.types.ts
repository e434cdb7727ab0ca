import type { Instant } from '../shared/time.js';

export type WaitlistStatus = 'WAITING' | 'OFFERED' | 'CLAIMED' | 'EXPIRED' | 'LEFT' | 'CANCELED';
export const ACTIVE_WAITLIST_STATUSES: readonly WaitlistStatus[] = ['WAITING', 'OFFERED'];

export type WaitlistEntry = {
  readonly id: string;
  readonly eventId: string;
  readonly userId: string;
  readonly quantity: number;
  /** Lower is served first; admins may set it, default 0. */
  readonly priority: number;
  readonly status: WaitlistStatus;
  readonly joinedAt: Instant;
  /** The price option the booking made from an offer will use; `null` = the event's cheapest active one. */
  readonly priceOptionId: string | null;
  readonly offeredAt: Instant | null;
  readonly offerExpiresAt: Instant | null;
  readonly bookingId: string | null;
  readonly updatedAt: Instant;
};
