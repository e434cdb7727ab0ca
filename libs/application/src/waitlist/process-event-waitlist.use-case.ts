import { domainError, err, isAdmin, ok, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { OfferFreedSeatsService } from './offer-freed-seats.service.js';

/**
 * `aquastream-admin waitlist process <eventId>`: offers whatever seats are free to the head of the line now, for an
 * operator who repaired a counter or wants to push a line that is stuck. Offering is idempotent: with no free seat
 * that fits the head, nothing changes.
 */
export class ProcessEventWaitlistUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: EventRepository,
    private readonly offers: OfferFreedSeatsService,
  ) {}

  async execute(ctx: UseCaseContext, input: { readonly eventId: string }): Promise<Result<{ readonly offered: number }, AppError>> {
    if (ctx.actor.kind === 'guest') return err(appError('NOT_AUTHENTICATED', 'sign in as an admin'));
    if (!isAdmin(ctx.actor)) return err(domainError('FORBIDDEN', 'only admins process a waitlist by hand'));
    if ((await this.events.findById(null, input.eventId)) === null) return err(domainError('EVENT_NOT_FOUND', 'no such event'));
    const offered = await this.uow.run((tx) => this.offers.offer(tx, ctx, input.eventId));
    return ok({ offered });
  }
}
