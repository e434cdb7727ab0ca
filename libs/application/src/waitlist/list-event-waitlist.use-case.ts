import {
  accessDecision,
  canViewEvent,
  canViewEventWaitlist,
  domainError,
  err,
  ok,
  type Result,
  type WaitlistStatus,
} from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { WaitlistRepository } from '../ports/waitlist-repository.port.js';
import { pageOf, type Page, type PageRequest } from '../shared/pagination.js';
import { waitlistEntryView, type WaitlistEntryView } from './waitlist-entry.view.js';

export type ListEventWaitlistQuery = PageRequest & {
  readonly eventId: string;
  /** Only entries in these statuses; every status when omitted. */
  readonly statuses?: readonly WaitlistStatus[];
};

/** `GET /events/{id}/waitlist`: an event's line in order, for its owners and managers and for admins. */
export class ListEventWaitlistUseCase {
  constructor(
    private readonly events: EventRepository,
    private readonly waitlist: WaitlistRepository,
  ) {}

  async execute(ctx: UseCaseContext, input: ListEventWaitlistQuery): Promise<Result<Page<WaitlistEntryView>, AppError>> {
    const { actor } = ctx;
    if (actor.kind === 'guest') return err(appError('NOT_AUTHENTICATED', 'sign in to see an event’s waitlist'));
    const record = await this.events.findById(null, input.eventId);
    const decision =
      record === null ? 'NOT_FOUND' : accessDecision(canViewEvent(actor, record.state), canViewEventWaitlist(actor, record.state));
    switch (decision) {
      case 'NOT_FOUND':
        return err(domainError('EVENT_NOT_FOUND', 'no such event'));
      case 'FORBIDDEN':
        return err(domainError('FORBIDDEN', 'only the event’s organisers see its waitlist'));
      case 'ALLOWED':
        break;
    }
    const { items, total } = await this.waitlist.pageByEvent(input.eventId, {
      page: input.page,
      size: input.size,
      ...(input.statuses === undefined ? {} : { statuses: input.statuses }),
    });
    const positions = await this.waitlist.positions(
      null,
      items.filter((e) => e.status === 'WAITING').map((e) => e.id),
    );
    return ok(pageOf(items.map((e) => waitlistEntryView(e, positions)), total, input));
  }
}
