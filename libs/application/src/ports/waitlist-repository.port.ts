import type { Instant, WaitlistEntry, WaitlistStatus } from '@aquastream/domain';
import type { PageRequest } from '../shared/pagination.js';
import type { TxContext } from './unit-of-work.port.js';

/** The name of the rule "one WAITING or OFFERED entry per user and event" when the database refuses a second one. */
export const WAITLIST_ACTIVE_PER_USER = 'waitlist_active_per_user';

export type WaitlistEventQuery = PageRequest & { readonly statuses?: readonly WaitlistStatus[] };

export interface WaitlistRepository {
  /**
   * Serialises the changes of one event's line until `tx` ends. Every path that offers, expires, claims, leaves or
   * joins takes it first, so each reads the line fresh and two of them never offer the same head. It is the event's
   * row lock, the same one `EventRepository.adjustSeats` takes, so the lock order is always event → entries.
   */
  lockLine(tx: TxContext, eventId: string): Promise<void>;
  /**
   * Inserts a new entry. A second active (`WAITING`/`OFFERED`) entry of the same user for the same event is refused
   * by the database (partial unique index) and surfaces as `ConflictError(WAITLIST_ACTIVE_PER_USER)`.
   */
  insert(tx: TxContext, entry: WaitlistEntry): Promise<void>;
  findById(tx: TxContext | null, id: string): Promise<WaitlistEntry | null>;
  /**
   * Compare-and-set: writes `next` (status, priority, offer window, booking id, updatedAt) only if the stored status is
   * still `expectedStatus`; false otherwise, so of an offer expiry racing a claim exactly one applies its seat change.
   */
  transition(tx: TxContext, next: WaitlistEntry, expectedStatus: WaitlistStatus): Promise<boolean>;
  /** The `WAITING` entries of an event, head first: priority, then join time, then id. */
  waitingLine(tx: TxContext, eventId: string): Promise<readonly WaitlistEntry[]>;
  /** Every entry of an event in the given statuses (all when omitted), in line order. */
  listByEvent(tx: TxContext | null, eventId: string, statuses?: readonly WaitlistStatus[]): Promise<readonly WaitlistEntry[]>;
  /** One page of an event's entries in line order (the organisers' list). */
  pageByEvent(eventId: string, query: WaitlistEventQuery): Promise<{ readonly items: readonly WaitlistEntry[]; readonly total: number }>;
  /** A user's entries in every status, newest first (latest join, then id descending). */
  listForUser(userId: string, page: PageRequest): Promise<{ readonly items: readonly WaitlistEntry[]; readonly total: number }>;
  /** `WAITING` + `OFFERED` entries of the event (the waitlist length of the stats). */
  countActive(tx: TxContext | null, eventId: string): Promise<number>;
  hasActiveEntry(tx: TxContext | null, eventId: string, userId: string): Promise<boolean>;
  /** Those of `eventIds` with at least one `WAITING` entry (whose lines a release of seats must offer to). */
  eventsWithWaiting(tx: TxContext | null, eventIds: readonly string[]): Promise<readonly string[]>;
  /** `OFFERED` with `offerExpiresAt < now`, the longest lapsed first (the offer-expiry job). */
  findExpiredOffers(now: Instant, limit: number): Promise<readonly WaitlistEntry[]>;
  /**
   * Entry id → 1-based place in its event's line, for those of `entryIds` that are `WAITING` (the others are absent):
   * 1 + the `WAITING` entries of the same event ahead of it. Counted by the store, without loading the line.
   */
  positions(tx: TxContext | null, entryIds: readonly string[]): Promise<ReadonlyMap<string, number>>;
}
