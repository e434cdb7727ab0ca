import { canManageEvent, domainError, err, ok, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { AppError } from '../errors.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { FaqEntry, FaqRepository } from '../ports/faq-repository.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { ChangeRecorder } from '../shared/change-recorder.js';
import { FAQ_LIMITS, faqChanged, faqPosition, faqText, toFaqView, type FaqView } from './event-faq.js';
import { writeRefusal } from './event-guards.js';

export type AddEventFaqCommand = {
  readonly eventId: string;
  readonly question: string;
  readonly answer: string;
  /** Default: after the last entry. */
  readonly position?: number;
};

/** `POST /events/{id}/faq`: owners, managers, admins. */
export class AddEventFaqUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: EventRepository,
    private readonly faq: FaqRepository,
    private readonly recorder: ChangeRecorder,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  execute(ctx: UseCaseContext, input: AddEventFaqCommand): Promise<Result<FaqView, AppError>> {
    return this.uow.run(async (tx) => {
      const record = await this.events.findById(tx, input.eventId);
      const refusal = writeRefusal(ctx.actor, record, canManageEvent, 'edit the FAQ of');
      if (refusal !== null) return err(refusal);
      const question = faqText(input.question, 'question');
      if (!question.ok) return question;
      const answer = faqText(input.answer, 'answer');
      if (!answer.ok) return answer;
      const existing = await this.faq.listByEvent(tx, input.eventId);
      if (existing.length >= FAQ_LIMITS.entriesMax) {
        return err(domainError('INVALID_EVENT', `an event has at most ${FAQ_LIMITS.entriesMax} FAQ entries`, { field: 'faq' }));
      }
      const position = faqPosition(input.position, existing.reduce((max, e) => Math.max(max, e.position + 1), 0));
      if (!position.ok) return position;
      const entry: FaqEntry = {
        id: this.ids.next(),
        eventId: input.eventId,
        question: question.value,
        answer: answer.value,
        position: position.value,
        createdAt: this.clock.now(),
      };
      await this.faq.insert(tx, entry);
      await this.recorder.record(tx, ctx, { events: [faqChanged(input.eventId)] });
      return ok(toFaqView(entry));
    });
  }
}
