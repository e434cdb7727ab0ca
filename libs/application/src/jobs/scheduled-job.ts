import type { UseCaseContext } from '../context.js';
import type { JobNote } from '../ports/job-run-listener.port.js';

/** What one batch of a job did, in the runner's terms, whatever the job's own result looks like. */
export type JobBatchOutcome = {
  /** What the batch changed or handled: bookings expired, reminders sent, messages published, rows purged. */
  readonly items: number;
  /** Items that failed and were left for the next run. */
  readonly failures?: number;
  readonly firstError?: string | null;
  /** The batch was full and made progress: another batch may find more to do. */
  readonly more: boolean;
  /** The job's own figures (`{ examined, expired, paid, … }`); numbers add up over the batches of a run. */
  readonly detail: Readonly<Record<string, unknown>>;
};

/** A job as the runner schedules it (DESIGN §6). */
export type ScheduledJob = {
  readonly name: string;
  /** Between the starts of two runs; `null` switches the job off in this runner (it is still listed). */
  readonly intervalMs: number | null;
  /**
   * One runner at a time, under the job's lock. False for a job whose own row claims keep runners apart (the
   * outbox relay, `FOR UPDATE SKIP LOCKED`): replicas then share its work side by side.
   */
  readonly exclusive: boolean;
  /**
   * Whether a run that did nothing is written to the run records (default true). A job polling every second (the relay)
   * records only runs that moved something or failed; its idle runs still reach the listener (metrics).
   */
  readonly recordIdleRuns?: boolean;
  /** Batches per run at most, so a backlog cannot hold a run (and its lock) for ever; a run that stops with work left is followed by another at once. */
  readonly maxBatches: number;
  runBatch(ctx: UseCaseContext): Promise<JobBatchOutcome>;
  /** Log lines after a successful run, from the run's summed figures. */
  notes?(totals: Readonly<Record<string, unknown>>): readonly JobNote[];
};
