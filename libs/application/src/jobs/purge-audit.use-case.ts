import { err, ok, type Instant, type Result } from '@aquastream/domain';
import { adminRefusal } from '../admin/admin-guard.js';
import type { UseCaseContext } from '../context.js';
import type { AppError } from '../errors.js';
import type { AuditLog } from '../ports/audit-log.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { ReminderLog } from '../ports/reminder-log.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';

const DAY = 86_400_000;

export type PurgeAuditSettings = { readonly retainDays: number };

export type PurgeAuditResult = {
  /** Rows older than this went. */
  readonly before: Instant;
  /** Booking and waitlist log rows deleted. */
  readonly purged: number;
  /** `reminders_sent` rows deleted: their events started long ago. */
  readonly remindersPurged: number;
};

/**
 * The `purge-audit` job (DESIGN §6): booking and waitlist log rows older than `AUDIT_RETAIN_DAYS` go (admin actions on
 * events and payments stay: AuditLog.purge keeps them), and so do reminder marks of the same age. Run daily, each run
 * deletes about one day's rows; deleting the same range twice deletes nothing, so replicas and re-runs are harmless.
 */
export class PurgeAuditUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditLog,
    private readonly reminders: ReminderLog,
    private readonly clock: Clock,
    private readonly settings: PurgeAuditSettings,
  ) {
    if (!(settings.retainDays >= 1)) throw new Error(`the audit retention must be at least one day, not ${settings.retainDays}`);
  }

  async execute(ctx: UseCaseContext): Promise<Result<PurgeAuditResult, AppError>> {
    const refusal = adminRefusal(ctx.actor);
    if (refusal !== null) return err(refusal);
    const before = this.clock.now() - this.settings.retainDays * DAY;
    const [purged, remindersPurged] = await this.uow.run(async (tx) => [await this.audit.purge(tx, before), await this.reminders.purge(tx, before)] as const);
    return ok({ before, purged, remindersPurged });
  }
}
