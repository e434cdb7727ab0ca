import {
  canListAttendees,
  canViewEvent,
  domainError,
  err,
  isAdmin,
  memberRole,
  nonPublicEventScope,
  ok,
  type Booking,
  type BookingStatus,
  type Result,
} from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { BookingQuery, BookingRepository } from '../ports/booking-repository.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import { pageOf, type Page, type PageRequest } from '../shared/pagination.js';

export type ListBookingsRequest = PageRequest & {
  /**
   * `mine` (default): the caller's own bookings. `organization`: bookings of events the caller's organisations run
   * (any member role: staff work the door), or of every event for admins.
   */
  readonly scope?: 'mine' | 'organization';
  readonly eventId?: string;
  readonly organizationId?: string;
  readonly statuses?: readonly BookingStatus[];
};

/** GET /bookings: newest first. */
export class ListBookingsUseCase {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly events: EventRepository,
  ) {}

  async execute(ctx: UseCaseContext, input: ListBookingsRequest): Promise<Result<Page<Booking>, AppError>> {
    const { actor } = ctx;
    if (actor.kind === 'guest') return err(appError('NOT_AUTHENTICATED', 'sign in to list bookings'));
    const base: BookingQuery = {
      page: input.page,
      size: input.size,
      ...(input.statuses !== undefined && input.statuses.length > 0 ? { statuses: input.statuses } : {}),
    };
    const query = await this.scoped(ctx, input, base);
    if (!query.ok) return query;
    const { items, total } = await this.bookings.list(query.value);
    return ok(pageOf(items, total, input));
  }

  private async scoped(ctx: UseCaseContext, input: ListBookingsRequest, base: BookingQuery): Promise<Result<BookingQuery, AppError>> {
    const { actor } = ctx;
    if ((input.scope ?? 'mine') === 'mine') {
      if (actor.kind !== 'user') return err(appError('INVALID_REQUEST', 'a system actor has no bookings of its own', { field: 'scope' }));
      return ok({ ...base, userId: actor.id, ...(input.eventId !== undefined ? { eventId: input.eventId } : {}) });
    }
    if (input.eventId !== undefined) {
      const event = await this.events.findById(null, input.eventId);
      if (event === null || !canViewEvent(actor, event.state)) return err(domainError('EVENT_NOT_FOUND', 'no such event'));
      if (!canListAttendees(actor, event.state)) return err(domainError('FORBIDDEN', 'only the organisation can list its bookings'));
      return ok({ ...base, eventId: input.eventId });
    }
    if (input.organizationId !== undefined) {
      if (!isAdmin(actor) && memberRole(actor, input.organizationId) === null) {
        return err(appError('ORGANIZATION_NOT_FOUND', 'no such organisation'));
      }
      return ok({ ...base, organizationIds: [input.organizationId] });
    }
    const scope = nonPublicEventScope(actor);
    if (scope === 'ALL') return ok(base);
    if (scope.length === 0) return err(domainError('FORBIDDEN', 'only organisation members and admins can list these bookings'));
    return ok({ ...base, organizationIds: scope });
  }
}
