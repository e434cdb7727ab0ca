import { canManageEvent, err, ok, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { AppError } from '../errors.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { FaqEntry, FaqRepository } from '../ports/faq-repository.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { ChangeRecorder } from '../shared/change-recorder.js';
import { faqChanged, faqNotFound, faqPosition, faqText, toFaqView, type FaqView } from './event-faq.js';
import { writeRefusal } from './event-guards.js';

export type UpdateEventFaqCommand = {
  readonly eventId: string;
  readonly faqId: string;
  readonly question?: string;
  readonly answer?: string;
  readonly position?: number;
};

/** Edits one FAQ entry: owners, managers, admins. An entry of another event is not found. */
export class UpdateEventFaqUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: EventRepository,
    private readonly faq: FaqRepository,
    private readonly recorder: ChangeRecorder,
  ) {}

  execute(ctx: UseCaseContext, input: UpdateEventFaqCommand): Promise<Result<FaqView, AppError>> {
    return this.uow.run(async (tx) => {
      const record = await this.events.findById(tx, input.eventId);
      const refusal = writeRefusal(ctx.actor, record, canManageEvent, 'edit the FAQ of');
      if (refusal !== null) return err(refusal);
      const current = await this.faq.findById(tx, input.faqId);
      if (current === null || current.eventId !== input.eventId) return err(faqNotFound());
      const question = input.question === undefined ? ok(current.question) : faqText(input.question, 'question');
      if (!question.ok) return question;
      const answer = input.answer === undefined ? ok(current.answer) : faqText(input.answer, 'answer');
      if (!answer.ok) return answer;
      const position = faqPosition(input.position, current.position);
      if (!position.ok) return position;
      const next: FaqEntry = { ...current, question: question.value, answer: answer.value, position: position.value };
      if (next.question === current.question && next.answer === current.answer && next.position === current.position) {
        return ok(toFaqView(current));
      }
      if (!(await this.faq.update(tx, next))) return err(faqNotFound());
      await this.recorder.record(tx, ctx, { events: [faqChanged(input.eventId)] });
      return ok(toFaqView(next));
    });
  }
}
