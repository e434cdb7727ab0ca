import { canViewReview, domainError, err, ok, ratingSummary, type Actor, type Result, type Review } from '@aquastream/domain';
import type { AppError } from '../errors.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { OrganizationRepository } from '../ports/organization-repository.port.js';
import type { ReviewRepository } from '../ports/review-repository.port.js';
import type { TxContext } from '../ports/unit-of-work.port.js';

/** A review the actor may see (ACTIVE ones; PENDING and REJECTED ones by their author and admins), else REVIEW_NOT_FOUND. */
export async function loadVisibleReview(
  reviews: ReviewRepository,
  actor: Actor,
  reviewId: string,
  tx: TxContext | null = null,
): Promise<Result<Review, AppError>> {
  const review = await reviews.findById(tx, reviewId);
  if (review === null || !canViewReview(actor, review)) return err(domainError('REVIEW_NOT_FOUND', `no review ${reviewId}`));
  return ok(review);
}

/**
 * Recomputes an event's `avgRating`/`reviewCount` from its ACTIVE reviews (the domain's `ratingSummary`) and stores
 * them, in the caller's transaction, after the review change that moved them.
 */
export async function refreshReviewStats(reviews: ReviewRepository, events: EventRepository, tx: TxContext, eventId: string): Promise<void> {
  const counts = await reviews.activeRatingCounts(tx, eventId);
  const ratings = Object.entries(counts).flatMap(([rating, n]) => Array.from({ length: n }, () => ({ rating: Number(rating), status: 'ACTIVE' as const })));
  const summary = ratingSummary(ratings);
  await events.setReviewStats(tx, eventId, summary.avgRating, summary.reviewCount);
}

/** Whether the event's organisation moderates reviews; an event always has its organisation (foreign key). */
export async function moderatesReviews(organizations: OrganizationRepository, organizationId: string): Promise<boolean> {
  const org = await organizations.findById(null, organizationId);
  if (org === null) throw new Error(`organization ${organizationId} of an existing event is missing`);
  return org.moderateReviews;
}
