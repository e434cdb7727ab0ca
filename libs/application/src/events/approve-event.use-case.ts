import { approveEvent, canApproveEvent, ok, type Instant, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { AppError } from '../errors.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { ChangeRecorder } from '../shared/change-recorder.js';
import { runEventCommandForView } from './event-command.js';
import type { EventView } from './event-view.js';

export type ApproveEventCommand = {
  readonly eventId: string;
  /** Absent: the organiser's wish from the submission; null: publish now; a future instant: schedule. */
  readonly publishAt?: Instant | null;
};

/** Admin: `IN_REVIEW → PUBLISHED | SCHEDULED` (DESIGN §3.1). */
export class ApproveEventUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: EventRepository,
    private readonly recorder: ChangeRecorder,
    private readonly clock: Clock,
  ) {}

  execute(ctx: UseCaseContext, input: ApproveEventCommand): Promise<Result<EventView, AppError>> {
    const ports = { uow: this.uow, events: this.events, recorder: this.recorder, clock: this.clock };
    return runEventCommandForView(ports, ctx, input.eventId, {
      allowed: (actor) => canApproveEvent(actor),
      what: 'approve',
      apply: (current) => {
        const done = approveEvent(current.state, {
          now: this.clock.now(),
          ...(input.publishAt === undefined ? {} : { publishAt: input.publishAt }),
        });
        return done.ok ? ok(done.value) : done;
      },
    });
  }
}
