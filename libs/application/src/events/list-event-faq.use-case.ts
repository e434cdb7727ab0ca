import { err, ok, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { AppError } from '../errors.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { FaqRepository } from '../ports/faq-repository.port.js';
import { toFaqView, type FaqView } from './event-faq.js';
import { canSee, eventNotFound } from './event-guards.js';

/** `GET /events/{id}/faq`: whoever may see the event. */
export class ListEventFaqUseCase {
  constructor(
    private readonly events: EventRepository,
    private readonly faq: FaqRepository,
  ) {}

  async execute(ctx: UseCaseContext, input: { readonly eventId: string }): Promise<Result<readonly FaqView[], AppError>> {
    const record = await this.events.findById(null, input.eventId);
    if (!canSee(ctx.actor, record)) return err(eventNotFound());
    return ok((await this.faq.listByEvent(null, input.eventId)).map(toFaqView));
  }
}
