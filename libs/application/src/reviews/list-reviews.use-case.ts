import { canModerateReview, canViewEvent, domainError, err, ok, type Result, type ReviewStatus } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { AppError } from '../errors.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { ReviewRepository, ReviewSort } from '../ports/review-repository.port.js';
import { pageOf, type Page, type PageRequest } from '../shared/pagination.js';
import { reviewViews, type ReviewView } from './review.view.js';

export type ListReviewsRequest = PageRequest & {
  readonly eventId?: string;
  readonly userId?: string;
  /** Admins (the moderation queue), or a user asking about their own reviews (`userId` = themselves). */
  readonly status?: ReviewStatus;
  readonly sort?: ReviewSort;
};

export type ReviewPage = Page<ReviewView> & {
  /** Of the event filtered on (its ACTIVE reviews, as the catalogue shows it); null without an event filter. */
  readonly avgRating: number | null;
  readonly reviewCount: number | null;
};

/**
 * GET /reviews (public). Everyone sees ACTIVE reviews; a signed-in user also sees their own in any status, so they
 * know where a moderated review stands. The `status` filter is for admins, and for a user's own reviews.
 */
export class ListReviewsUseCase {
  constructor(
    private readonly reviews: ReviewRepository,
    private readonly events: EventRepository,
  ) {}

  async execute(ctx: UseCaseContext, input: ListReviewsRequest): Promise<Result<ReviewPage, AppError>> {
    const { actor } = ctx;
    const self = actor.kind === 'user' ? actor.id : null;
    const ownOnly = self !== null && input.userId === self;
    if (input.status !== undefined && input.status !== 'ACTIVE' && !canModerateReview(actor) && !ownOnly) {
      return err(domainError('FORBIDDEN', 'only admins filter reviews by status'));
    }
    let avgRating: number | null = null;
    let reviewCount: number | null = null;
    if (input.eventId !== undefined) {
      const record = await this.events.findById(null, input.eventId);
      if (record === null || !canViewEvent(actor, record.state)) return err(domainError('EVENT_NOT_FOUND', `no event ${input.eventId}`));
      ({ avgRating, reviewCount } = record);
    }
    const page = { page: input.page, size: input.size };
    const statuses: readonly ReviewStatus[] = input.status === undefined ? ['ACTIVE'] : [input.status];
    // With an explicit status the filter is exact; without one, the caller's own reviews are added to the public ones.
    const alsoOwnOf = input.status === undefined && self !== null ? self : undefined;
    const { items, total } = await this.reviews.list({
      ...page,
      statuses,
      sort: input.sort ?? 'recent',
      ...(input.eventId !== undefined ? { eventId: input.eventId } : {}),
      ...(input.userId !== undefined ? { userId: input.userId } : {}),
      ...(alsoOwnOf !== undefined ? { alsoOwnOf } : {}),
    });
    return ok({ ...pageOf(await reviewViews(this.reviews, items), total, page), avgRating, reviewCount });
  }
}
