import { canApproveEvent, ok, rejectEvent, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { AppError } from '../errors.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { ChangeRecorder } from '../shared/change-recorder.js';
import { runEventCommandForView } from './event-command.js';
import type { EventView } from './event-view.js';

/** Admin: `IN_REVIEW → DRAFT` with a reason the organiser sees on the event (DESIGN §3.1). */
export class RejectEventUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: EventRepository,
    private readonly recorder: ChangeRecorder,
    private readonly clock: Clock,
  ) {}

  execute(ctx: UseCaseContext, input: { readonly eventId: string; readonly reason: string }): Promise<Result<EventView, AppError>> {
    const ports = { uow: this.uow, events: this.events, recorder: this.recorder, clock: this.clock };
    return runEventCommandForView(ports, ctx, input.eventId, {
      allowed: (actor) => canApproveEvent(actor),
      what: 'reject',
      reason: input.reason,
      apply: (current) => {
        const done = rejectEvent(current.state, { now: this.clock.now(), reason: input.reason });
        return done.ok ? ok(done.value) : done;
      },
    });
  }
}
