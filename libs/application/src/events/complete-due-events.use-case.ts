import { completeEvent } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { ChangeRecorder } from '../shared/change-recorder.js';
import { runDueEventJob, type DueJobOptions, type DueJobResult } from './due-event-job.js';

/** Scheduler job `complete-finished-events` (DESIGN §6): `PUBLISHED → COMPLETED` once the event is over. */
export class CompleteDueEventsUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: EventRepository,
    private readonly recorder: ChangeRecorder,
    private readonly clock: Clock,
  ) {}

  execute(ctx: UseCaseContext, options: DueJobOptions = {}): Promise<DueJobResult> {
    const ports = { uow: this.uow, events: this.events, recorder: this.recorder, clock: this.clock };
    return runDueEventJob(ports, ctx, options, (now, limit) => this.events.findDueForCompletion(now, limit), completeEvent);
  }
}
