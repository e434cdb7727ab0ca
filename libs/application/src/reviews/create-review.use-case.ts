import { canViewEvent, createReview, domainError, err, ok, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { BookingRepository } from '../ports/booking-repository.port.js';
import type { Clock } from '../ports/clock.port.js';
import { ConflictError } from '../ports/conflict.error.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { OrganizationRepository } from '../ports/organization-repository.port.js';
import type { ReviewRepository } from '../ports/review-repository.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { ChangeRecorder } from '../shared/change-recorder.js';
import { moderatesReviews, refreshReviewStats } from './review-support.js';
import { toReviewView, type ReviewView } from './review.view.js';

export type CreateReviewRequest = { readonly eventId: string; readonly rating: number; readonly content?: string | null };

/**
 * POST /reviews (DESIGN §3.7). The domain decides from what is read here (a CONFIRMED booking, the event started,
 * no earlier review, the organisation's moderation); the transaction writes the review, the event's rating stats
 * and the `review.created` message together. The unique key settles two concurrent first reviews.
 */
export class CreateReviewUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly reviews: ReviewRepository,
    private readonly events: EventRepository,
    private readonly bookings: BookingRepository,
    private readonly organizations: OrganizationRepository,
    private readonly recorder: ChangeRecorder,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(ctx: UseCaseContext, input: CreateReviewRequest): Promise<Result<ReviewView, AppError>> {
    const { actor } = ctx;
    if (actor.kind === 'guest') return err(appError('NOT_AUTHENTICATED', 'sign in to review'));
    if (actor.kind !== 'user') return err(domainError('FORBIDDEN', 'only people review events'));
    const record = await this.events.findById(null, input.eventId);
    if (record === null || !canViewEvent(actor, record.state)) return err(domainError('EVENT_NOT_FOUND', `no event ${input.eventId}`));
    const event = record.state;
    const confirmed = await this.bookings.list({ userId: actor.id, eventId: event.id, statuses: ['CONFIRMED'], page: 1, size: 1 });
    const earlier = await this.reviews.findByEventAndUser(null, event.id, actor.id);
    const decided = createReview({
      id: this.ids.next(),
      eventId: event.id,
      userId: actor.id,
      rating: input.rating,
      content: input.content ?? null,
      now: this.clock.now(),
      hasConfirmedBooking: confirmed.total > 0,
      eventStartsAt: event.startsAt,
      alreadyReviewed: earlier !== null,
      moderateReviews: await moderatesReviews(this.organizations, event.organizationId),
    });
    if (!decided.ok) return decided;
    const { state: review, events } = decided.value;
    try {
      await this.uow.run(async (tx) => {
        await this.reviews.insert(tx, review);
        if (review.status === 'ACTIVE') await refreshReviewStats(this.reviews, this.events, tx, review.eventId);
        await this.recorder.record(tx, ctx, { events });
      });
    } catch (error) {
      if (error instanceof ConflictError && error.constraint === 'review_per_user') {
        return err(domainError('ALREADY_REVIEWED', 'you have already reviewed this event'));
      }
      throw error;
    }
    return ok(toReviewView(review, []));
  }
}
