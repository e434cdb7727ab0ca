import { canManageEvent, ok, requestCrew, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { AppError } from '../errors.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { ChangeRecorder } from '../shared/change-recorder.js';
import { runEventCommand } from './event-command.js';
import { toEventView, type EventView } from './event-view.js';
import type { FulfilCrewRequestService } from './fulfil-crew-request.service.js';

export type RequestCrewCommand = { readonly eventId: string; readonly size: number; readonly skills: readonly string[] };

/**
 * `POST /events/{id}/crew` (DESIGN §3.9). Repeating the request in force changes nothing; a different one replaces
 * it (an assigned crew is released). The crew service is called after the commit; a failure leaves the request
 * `PENDING` for the retry job, and the answer is the event either way.
 */
export class RequestCrewUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: EventRepository,
    private readonly recorder: ChangeRecorder,
    private readonly crew: FulfilCrewRequestService,
    private readonly clock: Clock,
  ) {}

  async execute(ctx: UseCaseContext, input: RequestCrewCommand): Promise<Result<EventView, AppError>> {
    const ports = { uow: this.uow, events: this.events, recorder: this.recorder, clock: this.clock };
    const done = await runEventCommand(ports, ctx, input.eventId, {
      allowed: canManageEvent,
      what: 'request a crew for',
      apply: (current) => {
        const requested = requestCrew(current.state, { size: input.size, skills: input.skills, now: this.clock.now() });
        return requested.ok ? ok(requested.value) : requested;
      },
    });
    if (!done.ok) return done;
    const { before, after, changed } = done.value;
    if (!changed) return ok(toEventView(after));
    const old = before.state.crew;
    if (old.status === 'ASSIGNED' && old.crewId !== null) await this.crew.releaseQuietly(input.eventId, old.crewId);
    await this.crew.fulfil(ctx, input.eventId);
    const fresh = await this.events.findById(null, input.eventId);
    return ok(toEventView(fresh ?? after));
  }
}
