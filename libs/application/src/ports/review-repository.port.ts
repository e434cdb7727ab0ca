import type { Instant, Review, ReviewReply, ReviewStatus } from '@aquastream/domain';
import type { PageRequest } from '../shared/pagination.js';
import type { TxContext } from './unit-of-work.port.js';

export type ReviewSort = 'helpful' | 'recent';

export type ReviewQuery = PageRequest & {
  readonly eventId?: string;
  readonly userId?: string;
  /** Reviews in these statuses… */
  readonly statuses: readonly ReviewStatus[];
  /** …plus every review of this author whatever its status (a user sees where their own reviews stand). */
  readonly alsoOwnOf?: string;
  /** `recent`: newest first; `helpful`: most helpful votes first, then newest. Ties by id, descending. */
  readonly sort: ReviewSort;
};

/** Count of ACTIVE reviews per rating (1–5) of one event; ratings nobody gave are absent or 0. */
export type RatingCounts = Readonly<Record<number, number>>;

export interface ReviewRepository {
  /** A second review of the same event by the same user surfaces as `ConflictError('review_per_user')`. */
  insert(tx: TxContext, review: Review): Promise<void>;
  /** Writes rating, content, status and `updatedAt`; `helpfulCount` changes only through `addVote`. */
  update(tx: TxContext, review: Review): Promise<void>;
  findById(tx: TxContext | null, id: string): Promise<Review | null>;
  findByEventAndUser(tx: TxContext | null, eventId: string, userId: string): Promise<Review | null>;
  list(query: ReviewQuery): Promise<{ readonly items: readonly Review[]; readonly total: number }>;
  /**
   * The ACTIVE ratings of an event, for its `avgRating`/`reviewCount`. Inside a transaction it first waits for any
   * other transaction recomputing the same event's stats (a row lock on PostgreSQL), so that two concurrent reviews
   * cannot each write a count that misses the other.
   */
  activeRatingCounts(tx: TxContext, eventId: string): Promise<RatingCounts>;
  addReply(tx: TxContext, reply: ReviewReply): Promise<void>;
  /** Replies of these reviews, oldest first. */
  repliesOf(tx: TxContext | null, reviewIds: readonly string[]): Promise<readonly ReviewReply[]>;
  /**
   * Records a helpful vote and raises the review's `helpfulCount` by one, both only if this user had not voted on it
   * yet (the vote's primary key decides, so concurrent repeats count once). Returns whether the vote was new.
   */
  addVote(tx: TxContext, reviewId: string, userId: string, at: Instant): Promise<boolean>;
  hasVoted(tx: TxContext | null, reviewId: string, userId: string): Promise<boolean>;
}
