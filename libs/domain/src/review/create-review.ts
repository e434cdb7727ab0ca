import { domainEvent, type Transition } from '../shared/domain-event.js';
import { domainError, type DomainError } from '../shared/errors.js';
import { err, ok, type Result } from '../shared/result.js';
import type { Instant } from '../shared/time.js';
import { normalizeReviewContent } from './review-content.js';
import type { Review, ReviewStatus } from './review.types.js';

export const MIN_RATING = 1;
export const MAX_RATING = 5;

export type CreateReviewError = Extract<
  DomainError,
  { type: 'INVALID_REVIEW' | 'REVIEW_NOT_ALLOWED' | 'ALREADY_REVIEWED' }
>;
export type UpdateReviewError = Extract<DomainError, { type: 'INVALID_REVIEW' | 'FORBIDDEN' }>;

export type CreateReviewInput = {
  readonly id: string;
  readonly eventId: string;
  readonly userId: string;
  readonly rating: number;
  /** Absent or `null`: a rating without text. */
  readonly content?: string | null;
  readonly now: Instant;
  /** The user holds a `CONFIRMED` booking for the event. */
  readonly hasConfirmedBooking: boolean;
  readonly eventStartsAt: Instant;
  /** The user already has a review of this event, in any status. */
  readonly alreadyReviewed: boolean;
  /** The event's organisation has `moderateReviews`. */
  readonly moderateReviews: boolean;
};

export const isValidRating = (rating: number): boolean =>
  Number.isInteger(rating) && rating >= MIN_RATING && rating <= MAX_RATING;

const invalidRating = (rating: number): Extract<DomainError, { type: 'INVALID_REVIEW' }> =>
  domainError('INVALID_REVIEW', `rating must be an integer from ${MIN_RATING} to ${MAX_RATING}, got ${rating}`, {
    field: 'rating',
  });

/**
 * Writes a review (DESIGN §3.7). Checks in this order, the first failure deciding the answer: the rating
 * (malformed input, 400 before any rule, as the HTTP schema would); the right to review (a `CONFIRMED`
 * booking of an event that has started); one review per user and event; the content. A user who may not
 * review at all hears that before being told their text is too long.
 */
export function createReview(input: CreateReviewInput): Result<Transition<Review>, CreateReviewError> {
  if (!isValidRating(input.rating)) return err(invalidRating(input.rating));
  if (!input.hasConfirmedBooking) {
    return err(domainError('REVIEW_NOT_ALLOWED', 'only attendees with a confirmed booking may review the event'));
  }
  if (input.now < input.eventStartsAt) {
    return err(domainError('REVIEW_NOT_ALLOWED', 'the event has not started yet'));
  }
  if (input.alreadyReviewed) return err(domainError('ALREADY_REVIEWED', 'you have already reviewed this event'));
  const content = normalizeReviewContent(input.content ?? '');
  if (!content.ok) return content;

  const status: ReviewStatus = input.moderateReviews ? 'PENDING' : 'ACTIVE';
  const review: Review = {
    id: input.id,
    eventId: input.eventId,
    userId: input.userId,
    rating: input.rating,
    content: content.value,
    status,
    helpfulCount: 0,
    createdAt: input.now,
    updatedAt: input.now,
  };
  const created = domainEvent('review.created', review.id, {
    reviewId: review.id,
    eventId: review.eventId,
    userId: review.userId,
    rating: review.rating,
    status,
  });
  return ok({ state: review, events: [created] });
}

export type UpdateReviewInput = {
  readonly rating?: number;
  /** `null` clears the text. */
  readonly content?: string | null;
  readonly now: Instant;
  /** Who edits; only the author may. */
  readonly userId: string;
  /** The event's organisation has `moderateReviews`. */
  readonly moderateReviews: boolean;
};

/**
 * Which status an edited review takes. A `REJECTED` review that its author rewrites goes back to `PENDING`
 * whatever the organisation's setting: an admin refused the old version, so one looks at the new one before
 * it is public. Under moderation, an `ACTIVE` review whose text changed waits for moderation again; a new
 * rating alone does not, since there is nothing in a number to moderate.
 */
function statusAfterEdit(current: ReviewStatus, contentChanged: boolean, moderateReviews: boolean): ReviewStatus {
  switch (current) {
    case 'REJECTED':
    case 'PENDING':
      return 'PENDING';
    case 'ACTIVE':
      return moderateReviews && contentChanged ? 'PENDING' : 'ACTIVE';
  }
}

/**
 * An edit by the author (`PATCH /reviews/{id}`); anyone else is refused with `FORBIDDEN`, admins included
 * (they moderate, they do not rewrite). The application answers 404 before this when the caller may not
 * see the review (`canViewReview`). An edit that changes nothing returns the same review, `updatedAt` kept.
 * The helpful count survives an edit.
 */
export function updateReview(review: Review, input: UpdateReviewInput): Result<Review, UpdateReviewError> {
  if (input.userId !== review.userId) return err(domainError('FORBIDDEN', 'only the author may edit a review'));
  const rating = input.rating ?? review.rating;
  if (!isValidRating(rating)) return err(invalidRating(rating));
  let content = review.content;
  if (input.content !== undefined) {
    const normalized = normalizeReviewContent(input.content ?? '');
    if (!normalized.ok) return normalized;
    content = normalized.value;
  }
  const contentChanged = content !== review.content;
  if (!contentChanged && rating === review.rating) return ok(review);
  return ok({
    ...review,
    rating,
    content,
    status: statusAfterEdit(review.status, contentChanged, input.moderateReviews),
    updatedAt: input.now,
  });
}
