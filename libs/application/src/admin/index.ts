export { adminRefusal, refundPercentProblem } from './admin-guard.js';
export {
  BULK_CLAIM_LEASE_MS,
  BULK_IDEMPOTENCY_TTL_MS,
  MAX_BULK_EVENTS,
  type BulkItem,
  type BulkOutcome,
  type BulkProgress,
  type BulkResult,
  type EventFilter,
  type EventSelection,
} from './bulk-run.js';
export {
  CancelEventUseCase,
  type CancelEventCommand,
  type CancelEventOutcome,
  type CancelEventPlan,
  type EventWaitlistCanceler,
  type SentRefund,
} from './cancel-event.use-case.js';
export { BulkCancelEventsUseCase, type BulkCancelEventsCommand } from './bulk-cancel-events.use-case.js';
export { RescheduleEventService, type EventTimes, type RescheduleDetail, type RescheduleOutcome, type TimesTarget } from './reschedule-event.service.js';
export { BulkRescheduleEventsUseCase, type BulkRescheduleEventsCommand } from './bulk-reschedule-events.use-case.js';
export { ReconcileSeatCountersUseCase, type EventDrift, type ReconcileReport, type ReconcileSeatCountersCommand } from './reconcile-seat-counters.use-case.js';
export { QueryAuditUseCase, type QueryAuditCommand } from './query-audit.use-case.js';
export { ListOutboxUseCase, type ListOutboxCommand } from './list-outbox.use-case.js';
export { OutboxStatsUseCase } from './outbox-stats.use-case.js';
export { RetryOutboxUseCase, type RetryOutboxCommand } from './retry-outbox.use-case.js';
export { DEFAULT_POPULAR_LIMIT, PopularEventsUseCase, type PopularEvent, type PopularEventsQuery } from './popular-events.use-case.js';
