import type { Instant, Review, ReviewReply, ReviewStatus } from '@aquastream/domain';
import type { ReviewRepository } from '../ports/review-repository.port.js';
import type { TxContext } from '../ports/unit-of-work.port.js';

export type ReviewReplyView = { readonly id: string; readonly authorId: string; readonly content: string; readonly createdAt: Instant };

/** DESIGN §4 "A review"; instants are epoch ms here and rendered as ISO 8601 by the apps. */
export type ReviewView = {
  readonly id: string;
  readonly eventId: string;
  readonly userId: string;
  readonly rating: number;
  readonly content: string;
  readonly status: ReviewStatus;
  readonly helpfulCount: number;
  readonly replies: readonly ReviewReplyView[];
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
};

export const toReviewView = (r: Review, replies: readonly ReviewReply[]): ReviewView => ({
  id: r.id,
  eventId: r.eventId,
  userId: r.userId,
  rating: r.rating,
  content: r.content,
  status: r.status,
  helpfulCount: r.helpfulCount,
  replies: replies
    .filter((x) => x.reviewId === r.id)
    .map((x) => ({ id: x.id, authorId: x.authorId, content: x.content, createdAt: x.createdAt })),
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

/** Views of several reviews with their replies, fetched in one query. */
export async function reviewViews(reviews: ReviewRepository, list: readonly Review[], tx: TxContext | null = null): Promise<ReviewView[]> {
  const replies = await reviews.repliesOf(tx, list.map((r) => r.id));
  return list.map((r) => toReviewView(r, replies));
}

export async function reviewView(reviews: ReviewRepository, review: Review, tx: TxContext | null = null): Promise<ReviewView> {
  return toReviewView(review, await reviews.repliesOf(tx, [review.id]));
}
