import { canManageEvent, ok, publishEvent, type Instant, type Result } from '@aquastream/domain';
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

export type PublishEventCommand = {
  readonly eventId: string;
  /** A future instant schedules the publication (`SCHEDULED`); absent, null or past publishes now. */
  readonly publishAt?: Instant | null;
};

/** `DRAFT → PUBLISHED | SCHEDULED` (DESIGN §3.1); an organisation with `reviewRequired` answers REVIEW_REQUIRED. */
export class PublishEventUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: EventRepository,
    private readonly organizations: OrganizationRepository,
    private readonly recorder: ChangeRecorder,
    private readonly clock: Clock,
  ) {}

  execute(ctx: UseCaseContext, input: PublishEventCommand): Promise<Result<EventView, AppError>> {
    return runEventCommandForView({ uow: this.uow, events: this.events, recorder: this.recorder, clock: this.clock }, ctx, input.eventId, {
      allowed: canManageEvent,
      what: 'publish',
      apply: async (current, tx) => {
        const reviewRequired = await reviewRequiredOf(this.organizations, tx, current.state.organizationId);
        const published = publishEvent(current.state, { now: this.clock.now(), publishAt: input.publishAt ?? null, reviewRequired });
        return published.ok ? ok(published.value) : published;
      },
    });
  }
}
