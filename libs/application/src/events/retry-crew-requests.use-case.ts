import type { UseCaseContext } from '../context.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { CrewOutcome, FulfilCrewRequestService } from './fulfil-crew-request.service.js';

export type RetryCrewRequestsResult = Readonly<Record<CrewOutcome, number>> & { readonly examined: number };

export const DEFAULT_CREW_RETRY_BATCH = 50;

/**
 * Scheduler job `retry-crew-requests` (DESIGN §6): pending crew requests whose back-off has run out are asked again;
 * after the configured number of failures they become FAILED (`crew.assignment_failed`). Each request is claimed
 * before its call, so replicas running the job at once do not ask twice.
 */
export class RetryCrewRequestsUseCase {
  constructor(
    private readonly events: EventRepository,
    private readonly crew: FulfilCrewRequestService,
    private readonly clock: Clock,
  ) {}

  async execute(ctx: UseCaseContext, options: { readonly batchSize?: number } = {}): Promise<RetryCrewRequestsResult> {
    const due = await this.events.findCrewRetryDue(this.clock.now(), options.batchSize ?? DEFAULT_CREW_RETRY_BATCH);
    const counts: Record<CrewOutcome, number> = { ASSIGNED: 0, RETRYING: 0, FAILED: 0, SKIPPED: 0 };
    for (const record of due) counts[await this.crew.fulfil(ctx, record.state.id)] += 1;
    return { ...counts, examined: due.length };
  }
}
