import type { EventState, EventStatus, Instant } from '@aquastream/domain';
import type { PageRequest } from '../shared/pagination.js';
import type { TxContext } from './unit-of-work.port.js';

export type EventLocation = {
  readonly name: string;
  readonly address: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
};

/** The descriptive part of an event, which no rule reads. */
export type EventDetails = {
  readonly description: string | null;
  readonly shortDescription: string | null;
  readonly categoryId: string | null;
  readonly location: EventLocation | null;
  readonly imageUrl: string | null;
  readonly featured: boolean;
  readonly priceOptionDescriptions: Readonly<Record<string, string | null>>;
};

/** What is stored for an event: the rule-relevant state, the details, and bookkeeping. */
export type EventRecord = {
  readonly state: EventState;
  readonly details: EventDetails;
  /** Denormalised from ACTIVE reviews (kept by the review use cases) for the catalogue's sort and answers. */
  readonly avgRating: number | null;
  readonly reviewCount: number;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
  /** Optimistic concurrency for edits; seat counters never go through it (see adjustSeats). */
  readonly version: number;
};

export type CatalogueSort = 'startsAt' | '-startsAt' | 'price' | 'rating' | 'popularity';

export type CatalogueQuery = PageRequest & {
  readonly q?: string;
  readonly categoryIds?: readonly string[];
  readonly from?: Instant;
  readonly to?: Instant;
  readonly featured?: boolean;
  readonly organizationId?: string;
  /** Explicit statuses (organisers/admins); without it: PUBLISHED and not yet started (`startsAt > now`). */
  readonly statuses?: readonly EventStatus[];
  /** Restricts non-public statuses to these organisations (a caller who is a member of some); `'ALL'` for admins. */
  readonly visibleOrganizationIds?: readonly string[] | 'ALL';
  readonly sort: CatalogueSort;
  readonly now: Instant;
};

/** A seat change applied atomically by the database; see `adjustSeats`. */
export type SeatAdjustment = {
  /** Seats added to (positive) or given back from (negative) the event's `seatsTaken`; may be 0. */
  readonly eventDelta: number;
  /** The same for one price option's quota counter, or `null`. */
  readonly option: { readonly id: string; readonly delta: number } | null;
  /** Require the event to be PUBLISHED for the change to apply (new bookings, offers). */
  readonly requirePublished: boolean;
};

export type SeatAdjustmentResult = 'OK' | 'EVENT_FULL' | 'PRICE_OPTION_SOLD_OUT' | 'NOT_BOOKABLE';

/** Seats several bookings of one event give back at once: the event's total and the part of each price option. */
export type SeatRelease = {
  readonly eventId: string;
  readonly seats: number;
  readonly byOption: Readonly<Record<string, number>>;
};

export interface EventRepository {
  insert(tx: TxContext, record: EventRecord): Promise<void>;
  findById(tx: TxContext | null, id: string): Promise<EventRecord | null>;
  /** Several at once (bookings lists, favorites); missing ids are simply absent. */
  findByIds(tx: TxContext | null, ids: readonly string[]): Promise<readonly EventRecord[]>;
  /**
   * Writes everything but the seat counters (`seatsTaken`, options' `seatsTaken`), which only `adjustSeats`
   * changes, when the stored version is `expectedVersion` and the new capacity and quotas are not below the seats
   * taken at that moment. Price options are replaced by id (new ones inserted with 0 taken; removed ones deleted).
   * Returns false when the condition did not hold; the caller re-reads to tell why.
   */
  update(tx: TxContext, record: EventRecord, expectedVersion: number): Promise<boolean>;
  delete(tx: TxContext, id: string): Promise<void>;
  /**
   * One conditional statement per counter: `seats_taken + d <= capacity` (and `>= 0`), the option's
   * `seats_taken + d <= quantity`, and `status = 'PUBLISHED'` when asked. All or nothing: if any condition fails,
   * nothing changes and the first failing reason is returned. Never read-then-write.
   */
  adjustSeats(tx: TxContext, eventId: string, change: SeatAdjustment): Promise<SeatAdjustmentResult>;
  /**
   * Takes the row locks of several events in id order (the order every multi-event transaction uses, so two of them
   * cannot deadlock) and reads them as they are under the lock; missing ids are absent. On SQLite, where transactions
   * already run one at a time, a plain read.
   */
  lockMany(tx: TxContext, ids: readonly string[]): Promise<readonly EventRecord[]>;
  /**
   * Gives seats back in bulk (a batch of expired bookings): each event's `seatsTaken` and its options' counters go down
   * by the given (non-negative) amounts, each only when it stays `>= 0`. Returns the event ids of which some counter
   * refused (the caller rolls back: a refusal means the counters already drifted). The caller holds the events' locks.
   */
  releaseSeats(tx: TxContext, releases: readonly SeatRelease[]): Promise<readonly string[]>;
  /** Writes counters computed by reconcile (repair), unconditionally. */
  overwriteSeatCounters(tx: TxContext, eventId: string, seatsTaken: number, byOption: Readonly<Record<string, number>>): Promise<void>;
  setReviewStats(tx: TxContext, eventId: string, avgRating: number | null, reviewCount: number): Promise<void>;
  search(query: CatalogueQuery): Promise<{ readonly items: readonly EventRecord[]; readonly total: number }>;
  /** SCHEDULED with `publishAt <= now`, oldest first. */
  findDueForPublishing(now: Instant, limit: number): Promise<readonly EventRecord[]>;
  /** PUBLISHED whose `endsAt` (or `startsAt`) is `<= now`. */
  findDueForCompletion(now: Instant, limit: number): Promise<readonly EventRecord[]>;
  /** Crew status PENDING with `nextAttemptAt` null or `<= now`, on non-terminal events. */
  findCrewRetryDue(now: Instant, limit: number): Promise<readonly EventRecord[]>;
  /** Every event id, in batches, for reconcile. */
  listIds(afterId: string | null, limit: number): Promise<readonly string[]>;
}
