import type { Instant } from '@aquastream/domain';
import type { FinishedJobRun } from './job-run-repository.port.js';

/** A line a job wants in the log after a run (`Expiring pending bookings: N`), at its level. */
export type JobNote = { readonly level: 'info' | 'warn'; readonly message: string };

/** A finished run with what the log and the metrics want besides its record. */
export type JobRunSummary = FinishedJobRun & {
  readonly batches: number;
  /** Items that failed and were left for the next run. */
  readonly failures: number;
  /** The job's own figures of its last batch (`{ examined, expired, paid, … }`). */
  readonly detail: Readonly<Record<string, unknown>>;
  readonly notes: readonly JobNote[];
};

export type JobSkipReason = 'locked';

/**
 * Where the job runner reports what happens (logs, metrics). Calls are synchronous and must not throw: observing a
 * run never changes it.
 */
export interface JobRunListener {
  runStarted(run: { readonly name: string; readonly correlationId: string; readonly startedAt: Instant }): void;
  runFinished(run: JobRunSummary): void;
  /** A run that did not happen: another runner holds the job's lock. */
  runSkipped(name: string, reason: JobSkipReason): void;
  /** Something failed around the runs (reading or writing the run records): the job goes on at its next tick. */
  runnerError(name: string, error: unknown): void;
}
