import { domainError, err, ok, voteHelpful, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { Clock } from '../ports/clock.port.js';
import type { ReviewRepository } from '../ports/review-repository.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { loadVisibleReview } from './review-support.js';
import { reviewView, type ReviewView } from './review.view.js';

/**
 * POST /reviews/{id}/helpful: one vote per user (a repeat changes nothing), never on one's own review (OWN_REVIEW).
 * The domain decides; the store's key makes the count right even when the same user votes twice at once.
 */
export class VoteHelpfulUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly reviews: ReviewRepository,
    private readonly clock: Clock,
  ) {}

  async execute(ctx: UseCaseContext, input: { readonly reviewId: string }): Promise<Result<ReviewView, AppError>> {
    const { actor } = ctx;
    if (actor.kind === 'guest') return err(appError('NOT_AUTHENTICATED', 'sign in to vote'));
    if (actor.kind !== 'user') return err(domainError('FORBIDDEN', 'only people vote'));
    const found = await loadVisibleReview(this.reviews, actor, input.reviewId);
    if (!found.ok) return found;
    const alreadyVoted = await this.reviews.hasVoted(null, found.value.id, actor.id);
    const decided = voteHelpful(found.value, { voterId: actor.id, alreadyVoted });
    if (!decided.ok) return decided;
    if (!alreadyVoted) await this.uow.run((tx) => this.reviews.addVote(tx, found.value.id, actor.id, this.clock.now()));
    const stored = await this.reviews.findById(null, found.value.id);
    return ok(await reviewView(this.reviews, stored ?? decided.value));
  }
}
