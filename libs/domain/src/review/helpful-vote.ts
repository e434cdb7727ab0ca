import { domainError, type DomainError } from '../shared/errors.js';
import { err, ok, type Result } from '../shared/result.js';
import type { Review } from './review.types.js';

export type HelpfulVoteError = Extract<DomainError, { type: 'OWN_REVIEW' | 'REVIEW_NOT_FOUND' }>;

export type HelpfulVoteInput = {
  readonly voterId: string;
  /** The voter already has a vote on this review (the store keeps one row per voter and review). */
  readonly alreadyVoted: boolean;
};

/**
 * `POST /reviews/{id}/helpful`. The author is refused first (`OWN_REVIEW`, 403): they can see their own
 * review in any status, so the answer leaks nothing. Votes count only on public reviews, and to anyone but
 * the author a `PENDING` or `REJECTED` review does not exist (404), so those answer `REVIEW_NOT_FOUND`.
 * A repeated vote returns the same review unchanged; `updatedAt` is about the text and is never touched.
 */
export function voteHelpful(review: Review, input: HelpfulVoteInput): Result<Review, HelpfulVoteError> {
  if (input.voterId === review.userId) {
    return err(domainError('OWN_REVIEW', 'you cannot vote for your own review'));
  }
  if (review.status !== 'ACTIVE') return err(domainError('REVIEW_NOT_FOUND', 'review not found'));
  if (input.alreadyVoted) return ok(review);
  return ok({ ...review, helpfulCount: review.helpfulCount + 1 });
}
