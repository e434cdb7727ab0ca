import { isOrganiserOf } from '../access/actor.js';
import type { Actor } from '../access/actor.types.js';
import { domainError, type DomainError } from '../shared/errors.js';
import { err, ok, type Result } from '../shared/result.js';
import type { Instant } from '../shared/time.js';
import { canViewReview } from './review-access.js';
import { normalizeReplyContent } from './review-content.js';
import type { Review } from './review.types.js';

/** One entry of a review's `replies` (DESIGN §4 "A review"); `reviewId` is the link the store keeps. */
export type ReviewReply = {
  readonly id: string;
  readonly reviewId: string;
  readonly authorId: string;
  readonly content: string;
  readonly createdAt: Instant;
};

export type ReplyError = Extract<DomainError, { type: 'REVIEW_NOT_FOUND' | 'FORBIDDEN' | 'INVALID_REVIEW' }>;

/** Organisers (owners and managers) of the event's organisation and admins (DESIGN §3.7); not staff. */
export const canReplyToReview = (actor: Actor, event: { readonly organizationId: string }): boolean =>
  isOrganiserOf(actor, event.organizationId);

export type ReplyToReviewInput = {
  readonly id: string;
  readonly actor: Actor;
  /** The organisation of the reviewed event. */
  readonly organizationId: string;
  readonly content: string;
  readonly now: Instant;
};

/**
 * `POST /reviews/{id}/replies`. Visibility first (a review the caller may not see answers 404, so an
 * organiser cannot reply to a review still waiting for moderation), then the right to reply, then the text.
 */
export function replyToReview(review: Review, input: ReplyToReviewInput): Result<ReviewReply, ReplyError> {
  const { actor } = input;
  if (!canViewReview(actor, review)) return err(domainError('REVIEW_NOT_FOUND', 'review not found'));
  if (actor.kind === 'guest' || !canReplyToReview(actor, input)) {
    return err(domainError('FORBIDDEN', 'only organisers of the event and admins may reply to its reviews'));
  }
  const content = normalizeReplyContent(input.content);
  if (!content.ok) return content;
  return ok({ id: input.id, reviewId: review.id, authorId: actor.id, content: content.value, createdAt: input.now });
}
