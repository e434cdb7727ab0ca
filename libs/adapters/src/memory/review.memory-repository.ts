import {
  ConflictError,
  offsetOf,
  type RatingCounts,
  type ReviewQuery,
  type ReviewRepository,
  type TxContext,
} from '@aquastream/application';
import type { Instant, Review, ReviewReply } from '@aquastream/domain';
import type { InMemoryDatabase } from './in-memory-database.js';

const REVIEWS = 'reviews';
const REPLIES = 'review_replies';
const VOTES = 'review_votes';

type Vote = { readonly reviewId: string; readonly userId: string; readonly createdAt: Instant };

// A refused write rejects the promise (as a driver would) instead of throwing before it exists.
const attempt = <T>(work: () => T): Promise<T> => new Promise((resolve) => resolve(work()));

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const voteKey = (reviewId: string, userId: string): string => `${reviewId}\u0000${userId}`;

function sorter(sort: ReviewQuery['sort']): (a: Review, b: Review) => number {
  const recent = (a: Review, b: Review): number => b.createdAt - a.createdAt || cmp(b.id, a.id);
  switch (sort) {
    case 'recent':
      return recent;
    case 'helpful':
      return (a, b) => b.helpfulCount - a.helpfulCount || recent(a, b);
  }
}

/** Reviews, replies and helpful votes on the in-memory database; same rules as the SQL adapter. */
export class InMemoryReviewRepository implements ReviewRepository {
  constructor(private readonly db: InMemoryDatabase) {}

  private reviews(tx: TxContext | null): Map<string, Review> {
    return this.db.table<Review>(REVIEWS, tx);
  }

  insert(tx: TxContext, review: Review): Promise<void> {
    return attempt(() => {
      if (this.reviews(tx).has(review.id)) throw new ConflictError('review_pkey');
      for (const r of this.reviews(tx).values()) {
        if (r.eventId === review.eventId && r.userId === review.userId) throw new ConflictError('review_per_user');
      }
      this.reviews(tx).set(review.id, structuredClone(review));
    });
  }

  update(tx: TxContext, review: Review): Promise<void> {
    const current = this.reviews(tx).get(review.id);
    if (current) {
      const { rating, content, status, updatedAt } = review;
      this.reviews(tx).set(review.id, { ...current, rating, content, status, updatedAt });
    }
    return Promise.resolve();
  }

  findById(tx: TxContext | null, id: string): Promise<Review | null> {
    const r = this.reviews(tx).get(id);
    return Promise.resolve(r ? structuredClone(r) : null);
  }

  findByEventAndUser(tx: TxContext | null, eventId: string, userId: string): Promise<Review | null> {
    const r = [...this.reviews(tx).values()].find((x) => x.eventId === eventId && x.userId === userId);
    return Promise.resolve(r ? structuredClone(r) : null);
  }

  list(query: ReviewQuery): Promise<{ items: Review[]; total: number }> {
    const statuses = new Set(query.statuses);
    const all = [...this.reviews(null).values()]
      .filter(
        (r) =>
          (query.eventId === undefined || r.eventId === query.eventId) &&
          (query.userId === undefined || r.userId === query.userId) &&
          (statuses.has(r.status) || (query.alsoOwnOf !== undefined && r.userId === query.alsoOwnOf)),
      )
      .sort(sorter(query.sort));
    const start = offsetOf(query);
    return Promise.resolve({ items: all.slice(start, start + query.size).map((r) => structuredClone(r)), total: all.length });
  }

  activeRatingCounts(tx: TxContext, eventId: string): Promise<RatingCounts> {
    const counts: Record<number, number> = {};
    for (const r of this.reviews(tx).values()) {
      if (r.eventId === eventId && r.status === 'ACTIVE') counts[r.rating] = (counts[r.rating] ?? 0) + 1;
    }
    return Promise.resolve(counts);
  }

  addReply(tx: TxContext, reply: ReviewReply): Promise<void> {
    return attempt(() => {
      if (!this.reviews(tx).has(reply.reviewId)) throw new Error(`review ${reply.reviewId} does not exist`);
      this.db.table<ReviewReply>(REPLIES, tx).set(reply.id, structuredClone(reply));
    });
  }

  repliesOf(tx: TxContext | null, reviewIds: readonly string[]): Promise<ReviewReply[]> {
    const wanted = new Set(reviewIds);
    const list = [...this.db.table<ReviewReply>(REPLIES, tx).values()]
      .filter((r) => wanted.has(r.reviewId))
      .sort((a, b) => a.createdAt - b.createdAt || cmp(a.id, b.id));
    return Promise.resolve(list.map((r) => structuredClone(r)));
  }

  addVote(tx: TxContext, reviewId: string, userId: string, at: Instant): Promise<boolean> {
    return attempt(() => {
      const review = this.reviews(tx).get(reviewId);
      if (!review) throw new Error(`review ${reviewId} does not exist`);
      const votes = this.db.table<Vote>(VOTES, tx);
      const key = voteKey(reviewId, userId);
      if (votes.has(key)) return false;
      votes.set(key, { reviewId, userId, createdAt: at });
      this.reviews(tx).set(reviewId, { ...review, helpfulCount: review.helpfulCount + 1 });
      return true;
    });
  }

  hasVoted(tx: TxContext | null, reviewId: string, userId: string): Promise<boolean> {
    return Promise.resolve(this.db.table<Vote>(VOTES, tx).has(voteKey(reviewId, userId)));
  }
}
