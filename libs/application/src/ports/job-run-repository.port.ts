import type { Instant } from '@aquastream/domain';

/** SUCCEEDED: every item done. PARTIAL: some items failed and wait for the next run. FAILED: the run threw. */
export type JobRunResult = 'SUCCEEDED' | 'PARTIAL' | 'FAILED';

/** How a run ended, as the runner records it. */
export type FinishedJobRun = {
  readonly name: string;
  readonly startedAt: Instant;
  readonly finishedAt: Instant;
  readonly durationMs: number;
  readonly result: JobRunResult;
  /** What the run changed or handled (bookings expired, messages published, rows purged, …). */
  readonly items: number;
  readonly error: string | null;
  /** Follows the run into its log lines, audit rows and messages. */
  readonly correlationId: string;
  /** Which runner ran it (`host:pid`), so that operators of several replicas find its logs. */
  readonly runner: string;
};

/** One job's row: when it last started (possibly still running), and how its last finished run ended. */
export type JobRunRecord = {
  readonly name: string;
  readonly lastStartedAt: Instant | null;
  readonly lastFinishedAt: Instant | null;
  readonly lastDurationMs: number | null;
  readonly lastResult: JobRunResult | null;
  readonly lastItems: number | null;
  readonly lastError: string | null;
  readonly lastCorrelationId: string | null;
  readonly lastRunner: string | null;
};

/**
 * The `job_runs` records (DESIGN §6: last start, duration, result, items) shared by every runner on the store: they
 * feed `GET /jobs`, and a runner reads a job's last start to leave it alone until its interval has passed, whichever
 * replica ran it. Writes are single statements outside any business transaction.
 */
export interface JobRunRepository {
  /** Records that a run started; the outcome fields keep describing the previous finished run until this one ends. */
  started(name: string, at: Instant): Promise<void>;
  finished(run: FinishedJobRun): Promise<void>;
  find(name: string): Promise<JobRunRecord | null>;
  /** Every job that ever started, by name. */
  list(): Promise<readonly JobRunRecord[]>;
}
