import { err, ok, type EventState, type Instant, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { IdempotencyStore } from '../ports/idempotency-store.port.js';
import { adminRefusal } from './admin-guard.js';
import { failedItem, resolveSelection, runBulk, runItemOnce, type BulkProgress, type BulkResult, type EventSelection, type ItemAnswer } from './bulk-run.js';
import type { EventTimes, RescheduleDetail, RescheduleEventService, RescheduleOutcome } from './reschedule-event.service.js';

export type BulkRescheduleEventsCommand = {
  readonly selection: EventSelection;
  /** Moves every selected event by this many milliseconds (negative: earlier). Exactly one of `shiftMs` and `to`. */
  readonly shiftMs?: number;
  /** Moves a single selected event to start at this instant, keeping its duration. */
  readonly to?: Instant;
  readonly reason?: string | null;
  readonly dryRun?: boolean;
  /**
   * A re-run of the same command skips the events it already moved. To shift the same events by the same amount a
   * second time on purpose, give another `runKey`.
   */
  readonly runKey?: string | null;
  readonly onProgress?: BulkProgress<RescheduleDetail>;
};

const OPERATION = 'bulk-reschedule-events';

function shifted(shiftMs: number): (s: EventState) => EventTimes {
  return (s) => ({ startsAt: s.startsAt + shiftMs, endsAt: s.endsAt === null ? null : s.endsAt + shiftMs });
}
function movedTo(to: Instant): (s: EventState) => EventTimes {
  return (s) => ({ startsAt: to, endsAt: s.endsAt === null ? null : to + (s.endsAt - s.startsAt) });
}

const invalid = (field: string, detail: string): AppError => appError('INVALID_REQUEST', detail, { field });

/**
 * `aquastream-admin events reschedule` and `POST /admin/events/bulk-reschedule` (DESIGN §7): each event is moved in
 * its own transaction; bookings stay, attendees are told (`event.rescheduled`), the crew is asked again. Re-running the
 * same command skips the events already moved, so a shift is never applied twice by accident.
 */
export class BulkRescheduleEventsUseCase {
  constructor(
    private readonly events: EventRepository,
    private readonly rescheduler: RescheduleEventService,
    private readonly idempotency: IdempotencyStore,
    private readonly clock: Clock,
  ) {}

  async execute(ctx: UseCaseContext, input: BulkRescheduleEventsCommand): Promise<Result<BulkResult<RescheduleDetail>, AppError>> {
    const refusal = adminRefusal(ctx.actor);
    if (refusal !== null) return err(refusal);
    const { shiftMs, to } = input;
    if ((shiftMs === undefined) === (to === undefined)) return err(invalid('shiftMs', 'give either shiftMs or to'));
    if (shiftMs !== undefined && !(Number.isSafeInteger(shiftMs) && shiftMs !== 0)) {
      return err(invalid('shiftMs', 'shiftMs must be a non-zero whole number of milliseconds'));
    }
    if (to !== undefined && !Number.isSafeInteger(to)) return err(invalid('to', 'to must be an instant'));
    const ids = await resolveSelection(this.events, input.selection, this.clock.now());
    if (!ids.ok) return ids;
    if (to !== undefined && ids.value.length !== 1) return err(invalid('to', `to moves a single event; ${ids.value.length} selected`));

    const target = shiftMs !== undefined ? shifted(shiftMs) : movedTo(to ?? 0);
    const reason = input.reason ?? null;
    const dryRun = input.dryRun === true;
    const one = async (eventId: string): Promise<ItemAnswer<RescheduleDetail>> => {
      if (dryRun) return answer(await this.rescheduler.plan(eventId, target, reason), 'planned');
      const args = { eventId, shiftMs: shiftMs ?? null, to: to ?? null, reason, runKey: input.runKey ?? null };
      // A shift applied twice is wrong, so the key is completed in the move's own transaction (see runItemOnce).
      return runItemOnce(this.idempotency, OPERATION, args, this.clock.now(), async (completeInTx) =>
        answer(await this.rescheduler.reschedule(ctx, eventId, target, reason, (tx, outcome) => completeInTx(tx, answer(ok(outcome), 'done'))), 'done'),
      );
    };
    return ok(await runBulk(ids.value, dryRun, one, input.onProgress));
  }
}

function answer(result: Result<RescheduleOutcome, AppError>, changedOutcome: 'done' | 'planned'): ItemAnswer<RescheduleDetail> {
  if (!result.ok) return failedItem(result.error);
  const { previous, next, changed } = result.value;
  return changed
    ? { outcome: changedOutcome, code: null, reason: null, detail: { previous, next } }
    : { outcome: 'skipped', code: 'UNCHANGED', reason: 'the event already has these times', detail: { previous, next } };
}
