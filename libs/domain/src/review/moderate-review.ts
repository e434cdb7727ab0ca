import { DomainInvariantError } from '../shared/result.js';
import type { Instant } from '../shared/time.js';
import type { Review, ReviewStatus } from './review.types.js';

export type ModerationDecision = Extract<ReviewStatus, 'ACTIVE' | 'REJECTED'>;

const DECISIONS: readonly ReviewStatus[] = ['ACTIVE', 'REJECTED'];

export type ModerateReviewInput = { readonly status: ModerationDecision; readonly now: Instant };

/**
 * An admin's decision (`POST /reviews/{id}/moderate`; the caller checks `canModerateReview`). Every move
 * between the three statuses towards `ACTIVE` or `REJECTED` is allowed, so a mistaken rejection can be
 * undone; nothing moves a review back to `PENDING` (only its author's edit does). Deciding what is already
 * the status returns the same review, `updatedAt` kept, so a repeated request changes nothing.
 */
export function moderateReview(review: Review, input: ModerateReviewInput): Review {
  const target = input.status;
  // Reachable only from untyped callers (a package user in plain JavaScript): the type already rules it out.
  if (!DECISIONS.includes(target)) {
    throw new DomainInvariantError('INVALID_ARGUMENT', `moderation decides ACTIVE or REJECTED, got ${String(target)}`);
  }
  if (review.status === target) return review;
  return { ...review, status: target, updatedAt: input.now };
}
