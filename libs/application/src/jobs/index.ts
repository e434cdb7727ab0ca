export type { JobBatchOutcome, ScheduledJob } from './scheduled-job.js';
export { JobRunner, type JobRunnerOptions, type JobRunReport, type JobStatus } from './job-runner.service.js';
export {
  DEFAULT_REMINDER_BATCH,
  DEFAULT_REMINDER_MAX_BATCHES,
  REMINDER_WINDOWS,
  SendRemindersUseCase,
  type SendRemindersOptions,
  type SendRemindersResult,
} from './send-reminders.use-case.js';
export { PurgeAuditUseCase, type PurgeAuditResult, type PurgeAuditSettings } from './purge-audit.use-case.js';
export type { JobLock, LockOutcome } from '../ports/job-lock.port.js';
export type { FinishedJobRun, JobRunRecord, JobRunRepository, JobRunResult } from '../ports/job-run-repository.port.js';
export type { JobNote, JobRunListener, JobRunSummary, JobSkipReason } from '../ports/job-run-listener.port.js';
export type { ReminderLog, ReminderMark, ReminderWindow } from '../ports/reminder-log.port.js';
