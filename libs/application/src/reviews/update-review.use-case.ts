import { err, ok, updateReview, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { OrganizationRepository } from '../ports/organization-repository.port.js';
import type { ReviewRepository } from '../ports/review-repository.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { loadVisibleReview, moderatesReviews, refreshReviewStats } from './review-support.js';
import { reviewView, type ReviewView } from './review.view.js';

export type UpdateReviewRequest = { readonly reviewId: string; readonly rating?: number; readonly content?: string | null };

/** PATCH /reviews/{id}: the author edits (the domain refuses anyone else); the event's stats follow in the same transaction. */
export class UpdateReviewUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly reviews: ReviewRepository,
    private readonly events: EventRepository,
    private readonly organizations: OrganizationRepository,
    private readonly clock: Clock,
  ) {}

  async execute(ctx: UseCaseContext, input: UpdateReviewRequest): Promise<Result<ReviewView, AppError>> {
    const { actor } = ctx;
    if (actor.kind === 'guest') return err(appError('NOT_AUTHENTICATED', 'sign in to edit a review'));
    const found = await loadVisibleReview(this.reviews, actor, input.reviewId);
    if (!found.ok) return found;
    const current = found.value;
    const event = await this.events.findById(null, current.eventId);
    if (event === null) throw new Error(`event ${current.eventId} of review ${current.id} is missing`);
    const edited = updateReview(current, {
      ...(input.rating !== undefined ? { rating: input.rating } : {}),
      ...(input.content !== undefined ? { content: input.content } : {}),
      now: this.clock.now(),
      userId: actor.kind === 'user' ? actor.id : '',
      moderateReviews: await moderatesReviews(this.organizations, event.state.organizationId),
    });
    if (!edited.ok) return edited;
    const next = edited.value;
    if (next === current) return ok(await reviewView(this.reviews, current));
    await this.uow.run(async (tx) => {
      await this.reviews.update(tx, next);
      if (current.status === 'ACTIVE' || next.status === 'ACTIVE') await refreshReviewStats(this.reviews, this.events, tx, next.eventId);
    });
    // Re-read: a helpful vote may have landed meanwhile, and the answer should show it.
    return ok(await reviewView(this.reviews, (await this.reviews.findById(null, next.id)) ?? next));
  }
}
