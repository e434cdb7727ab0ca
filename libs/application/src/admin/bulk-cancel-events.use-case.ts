import { err, ok, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { IdempotencyStore } from '../ports/idempotency-store.port.js';
import { adminRefusal, refundPercentProblem } from './admin-guard.js';
import { failedItem, resolveSelection, runBulk, runItemOnce, type BulkProgress, type BulkResult, type EventSelection, type ItemAnswer } from './bulk-run.js';
import type { CancelEventPlan, CancelEventUseCase } from './cancel-event.use-case.js';

export type BulkCancelEventsCommand = {
  readonly selection: EventSelection;
  readonly reason: string;
  /** The refund percentage for paid bookings (0–100); left out = 100 %. */
  readonly refundPercent?: number | null;
  readonly dryRun?: boolean;
  readonly onProgress?: BulkProgress<CancelEventPlan>;
};

const OPERATION = 'bulk-cancel-events';

/**
 * `aquastream-admin events cancel` and `POST /admin/events/bulk-cancel` (DESIGN §7): each event is canceled with the
 * full cascade in its own transaction, one after another, so a failure stops nothing but its own item. A re-run of
 * the same command (same reason and percentage) skips what is done; an event already canceled is skipped too.
 */
export class BulkCancelEventsUseCase {
  constructor(
    private readonly events: EventRepository,
    private readonly cancel: CancelEventUseCase,
    private readonly idempotency: IdempotencyStore,
    private readonly clock: Clock,
  ) {}

  async execute(ctx: UseCaseContext, input: BulkCancelEventsCommand): Promise<Result<BulkResult<CancelEventPlan>, AppError>> {
    const refusal = adminRefusal(ctx.actor) ?? refundPercentProblem(input.refundPercent);
    if (refusal !== null) return err(refusal);
    if (input.reason.trim() === '') return err(appError('INVALID_REQUEST', 'a reason is required', { field: 'reason' }));
    const ids = await resolveSelection(this.events, input.selection, this.clock.now());
    if (!ids.ok) return ids;
    const dryRun = input.dryRun === true;
    const refundPercent = input.refundPercent ?? null;
    const one = async (eventId: string): Promise<ItemAnswer<CancelEventPlan>> => {
      const command = { eventId, reason: input.reason, refundPercent };
      if (dryRun) return this.plan(ctx, command);
      return runItemOnce(this.idempotency, OPERATION, { eventId, reason: input.reason, refundPercent }, this.clock.now(), async () => {
        const done = await this.cancel.execute(ctx, command);
        if (!done.ok) return failedItem(done.error);
        return done.value.changed
          ? { outcome: 'done', code: null, reason: null, detail: done.value.plan }
          : { outcome: 'skipped', code: 'ALREADY_CANCELED', reason: 'the event was already canceled', detail: done.value.plan };
      });
    };
    return ok(await runBulk(ids.value, dryRun, one, input.onProgress));
  }

  private async plan(ctx: UseCaseContext, command: { eventId: string; reason: string; refundPercent: number | null }): Promise<ItemAnswer<CancelEventPlan>> {
    const planned = await this.cancel.execute(ctx, { ...command, dryRun: true });
    if (!planned.ok) return failedItem(planned.error);
    const { plan } = planned.value;
    return plan.statusBefore === 'CANCELED'
      ? { outcome: 'skipped', code: 'ALREADY_CANCELED', reason: 'the event is already canceled', detail: plan }
      : { outcome: 'planned', code: null, reason: null, detail: plan };
  }
}
