import { canManageEvent, err, ok, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { AppError } from '../errors.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { FaqRepository } from '../ports/faq-repository.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { ChangeRecorder } from '../shared/change-recorder.js';
import { faqChanged, faqNotFound } from './event-faq.js';
import { writeRefusal } from './event-guards.js';

/** Removes one FAQ entry: owners, managers, admins. */
export class DeleteEventFaqUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: EventRepository,
    private readonly faq: FaqRepository,
    private readonly recorder: ChangeRecorder,
  ) {}

  execute(ctx: UseCaseContext, input: { readonly eventId: string; readonly faqId: string }): Promise<Result<{ readonly deleted: true }, AppError>> {
    return this.uow.run(async (tx) => {
      const record = await this.events.findById(tx, input.eventId);
      const refusal = writeRefusal(ctx.actor, record, canManageEvent, 'edit the FAQ of');
      if (refusal !== null) return err(refusal);
      const current = await this.faq.findById(tx, input.faqId);
      if (current === null || current.eventId !== input.eventId || !(await this.faq.delete(tx, input.faqId))) {
        return err(faqNotFound());
      }
      await this.recorder.record(tx, ctx, { events: [faqChanged(input.eventId)] });
      return ok({ deleted: true as const });
    });
  }
}
