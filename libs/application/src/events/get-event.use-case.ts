import { err, ok, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { AppError } from '../errors.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import { canSee, eventNotFound } from './event-guards.js';
import { toEventView, type EventView } from './event-view.js';

/** `GET /events/{id}`: drafts, scheduled and in-review events exist only for their organisation and admins. */
export class GetEventUseCase {
  constructor(private readonly events: EventRepository) {}

  async execute(ctx: UseCaseContext, input: { readonly eventId: string }): Promise<Result<EventView, AppError>> {
    const record = await this.events.findById(null, input.eventId);
    return canSee(ctx.actor, record) ? ok(toEventView(record)) : err(eventNotFound());
  }
}
