import { domainError, err, ok, replyToReview, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { ReviewRepository } from '../ports/review-repository.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { reviewView, type ReviewView } from './review.view.js';

/** POST /reviews/{id}/replies: organisers of the event's organisation and admins; answers the review with its replies. */
export class ReplyToReviewUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly reviews: ReviewRepository,
    private readonly events: EventRepository,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(ctx: UseCaseContext, input: { readonly reviewId: string; readonly content: string }): Promise<Result<ReviewView, AppError>> {
    if (ctx.actor.kind === 'guest') return err(appError('NOT_AUTHENTICATED', 'sign in to reply'));
    const review = await this.reviews.findById(null, input.reviewId);
    const event = review === null ? null : await this.events.findById(null, review.eventId);
    if (review === null || event === null) return err(domainError('REVIEW_NOT_FOUND', `no review ${input.reviewId}`));
    const reply = replyToReview(review, {
      id: this.ids.next(),
      actor: ctx.actor,
      organizationId: event.state.organizationId,
      content: input.content,
      now: this.clock.now(),
    });
    if (!reply.ok) return reply;
    await this.uow.run((tx) => this.reviews.addReply(tx, reply.value));
    return ok(await reviewView(this.reviews, review));
  }
}
