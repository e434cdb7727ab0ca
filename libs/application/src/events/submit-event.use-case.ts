import { canManageEvent, ok, submitEvent, type Instant, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { AppError } from '../errors.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { OrganizationRepository } from '../ports/organization-repository.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { ChangeRecorder } from '../shared/change-recorder.js';
import { runEventCommandForView } from './event-command.js';
import type { EventView } from './event-view.js';
import { reviewRequiredOf } from './organization-policy.js';

export type SubmitEventCommand = {
  readonly eventId: string;
  /** The organiser's wished publication time, used on approval unless the admin sets another. */
  readonly publishAt?: Instant | null;
};

/**
 * `DRAFT → IN_REVIEW` (DESIGN §3.1), for organisations with `reviewRequired`; the others are told to publish
 * (INVALID_EVENT_TRANSITION).
 */
export class SubmitEventUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: EventRepository,
    private readonly organizations: OrganizationRepository,
    private readonly recorder: ChangeRecorder,
    private readonly clock: Clock,
  ) {}

  execute(ctx: UseCaseContext, input: SubmitEventCommand): Promise<Result<EventView, AppError>> {
    const ports = { uow: this.uow, events: this.events, recorder: this.recorder, clock: this.clock };
    return runEventCommandForView(ports, ctx, input.eventId, {
      allowed: canManageEvent,
      what: 'submit',
      apply: async (current, tx) => {
        const reviewRequired = await reviewRequiredOf(this.organizations, tx, current.state.organizationId);
        const done = submitEvent(current.state, { now: this.clock.now(), reviewRequired, publishAt: input.publishAt ?? null });
        return done.ok ? ok(done.value) : done;
      },
    });
  }
}
