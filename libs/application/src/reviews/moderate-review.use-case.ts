import { canModerateReview, domainError, err, moderateReview, ok, type ModerationDecision, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { ReviewRepository } from '../ports/review-repository.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { loadVisibleReview, refreshReviewStats } from './review-support.js';
import { reviewView, type ReviewView } from './review.view.js';

/** POST /reviews/{id}/moderate (admins): ACTIVE or REJECTED; the event's rating stats follow in the same transaction. */
export class ModerateReviewUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly reviews: ReviewRepository,
    private readonly events: EventRepository,
    private readonly clock: Clock,
  ) {}

  async execute(ctx: UseCaseContext, input: { readonly reviewId: string; readonly status: ModerationDecision }): Promise<Result<ReviewView, AppError>> {
    const { actor } = ctx;
    if (actor.kind === 'guest') return err(appError('NOT_AUTHENTICATED', 'sign in to moderate'));
    const found = await loadVisibleReview(this.reviews, actor, input.reviewId);
    if (!found.ok) return found;
    if (!canModerateReview(actor)) return err(domainError('FORBIDDEN', 'only admins moderate reviews'));
    const current = found.value;
    const next = moderateReview(current, { status: input.status, now: this.clock.now() });
    if (next !== current) {
      await this.uow.run(async (tx) => {
        await this.reviews.update(tx, next);
        await refreshReviewStats(this.reviews, this.events, tx, next.eventId);
      });
    }
    return ok(await reviewView(this.reviews, (await this.reviews.findById(null, current.id)) ?? next));
  }
}
