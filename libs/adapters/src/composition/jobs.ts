import {
  type AppError,
  type CompleteDueEventsUseCase,
  type DueJobResult,
  type ExpireDueBookingsResult,
  type ExpireDueBookingsUseCase,
  type ExpireWaitlistOffersResult,
  type ExpireWaitlistOffersUseCase,
  type PublishDueEventsUseCase,
  type PurgeAuditResult,
  type PurgeAuditUseCase,
  type RefundService,
  type RetryCrewRequestsResult,
  type RetryCrewRequestsUseCase,
  type SendRemindersResult,
  type SendRemindersUseCase,
  type UseCaseContext,
} from '@aquastream/application';
import { ok, type Result } from '@aquastream/domain';

/** One run of a scheduler job: one batch (or a bounded number of them) as `ctx`, the scheduler or an admin. */
export type JobOptions = { readonly batchSize?: number };
export type Job<T> = (ctx: UseCaseContext, options?: JobOptions) => Promise<Result<T, AppError>>;

/** Refunds a gateway refused earlier, retried per run. */
export const DEFAULT_REFUND_RETRY_BATCH = 50;

/**
 * The scheduler's jobs (DESIGN §6) that are use cases today, by the names operators use (`jobs run <name>`,
 * `POST /admin/jobs/{name}/run`). Each answers a Result, so a runner treats them alike whatever their use case returns.
 */
export type Jobs = {
  readonly 'expire-pending-bookings': Job<ExpireDueBookingsResult>;
  readonly 'expire-waitlist-offers': Job<ExpireWaitlistOffersResult>;
  readonly 'publish-scheduled-events': Job<DueJobResult>;
  readonly 'complete-finished-events': Job<DueJobResult>;
  readonly 'retry-crew-requests': Job<RetryCrewRequestsResult>;
  readonly 'retry-refunds': Job<{ readonly completed: number; readonly stillPending: number }>;
  readonly 'send-reminders': Job<SendRemindersResult>;
  readonly 'purge-audit': Job<PurgeAuditResult>;
};
export type JobName = keyof Jobs;
export const JOB_NAMES: readonly JobName[] = [
  'expire-pending-bookings',
  'expire-waitlist-offers',
  'publish-scheduled-events',
  'complete-finished-events',
  'retry-crew-requests',
  'retry-refunds',
  'send-reminders',
  'purge-audit',
];

export function createJobs(uc: {
  readonly expireBookings: ExpireDueBookingsUseCase;
  readonly expireOffers: ExpireWaitlistOffersUseCase;
  readonly publishDue: PublishDueEventsUseCase;
  readonly completeDue: CompleteDueEventsUseCase;
  readonly retryCrew: RetryCrewRequestsUseCase;
  readonly refunds: RefundService;
  readonly sendReminders: SendRemindersUseCase;
  readonly purgeAudit: PurgeAuditUseCase;
}): Jobs {
  return {
    'expire-pending-bookings': (ctx, options = {}) => uc.expireBookings.execute(ctx, options),
    'expire-waitlist-offers': (ctx, options = {}) => uc.expireOffers.execute(ctx, options),
    'publish-scheduled-events': async (ctx, options = {}) => ok(await uc.publishDue.execute(ctx, options)),
    'complete-finished-events': async (ctx, options = {}) => ok(await uc.completeDue.execute(ctx, options)),
    'retry-crew-requests': async (ctx, options = {}) => ok(await uc.retryCrew.execute(ctx, options)),
    'retry-refunds': async (ctx, options = {}) => ok(await uc.refunds.retryPending(ctx, options.batchSize ?? DEFAULT_REFUND_RETRY_BATCH)),
    'send-reminders': (ctx, options = {}) => uc.sendReminders.execute(ctx, options),
    'purge-audit': (ctx) => uc.purgeAudit.execute(ctx),
  };
}
