import type { JobRunListener, JobRunSummary, JobSkipReason, Outbox } from '@aquastream/application';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of the scheduler (issue 5: job runs, durations, failures, items), fed by the runner as a listener.
 * Per process: a replica that finds a job locked by another counts a skip, not a run. The job's label is `job_name`,
 * not `job`, which Prometheus sets to the scrape job and would rename to `exported_job`.
 */
export class SchedulerMetrics implements JobRunListener {
  readonly registry = new Registry();
  private readonly runs = new Counter({
    name: 'aquastream_job_runs_total',
    help: 'Job runs by result (SUCCEEDED, PARTIAL: some items left for the next run, FAILED: the run threw)',
    labelNames: ['job_name', 'result'] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'aquastream_job_run_duration_seconds',
    help: 'Duration of job runs',
    labelNames: ['job_name'] as const,
    buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers: [this.registry],
  });
  private readonly failures = new Counter({
    name: 'aquastream_job_failures_total',
    help: 'Failed job runs',
    labelNames: ['job_name'] as const,
    registers: [this.registry],
  });
  private readonly itemFailures = new Counter({
    name: 'aquastream_job_item_failures_total',
    help: 'Items a run could not handle and left for the next one',
    labelNames: ['job_name'] as const,
    registers: [this.registry],
  });
  private readonly items = new Counter({
    name: 'aquastream_job_items_total',
    help: 'What job runs changed or handled (bookings expired, reminders sent, messages relayed, rows purged)',
    labelNames: ['job_name'] as const,
    registers: [this.registry],
  });
  private readonly skipped = new Counter({
    name: 'aquastream_job_skipped_total',
    help: 'Runs not made because another runner held the job',
    labelNames: ['job_name', 'reason'] as const,
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'aquastream_job_runner_errors_total',
    help: 'Failures around the runs (run records, locks)',
    labelNames: ['job_name'] as const,
    registers: [this.registry],
  });
  private readonly lastSuccess = new Gauge({
    name: 'aquastream_job_last_success_timestamp_seconds',
    help: 'When each job last finished a run without failing (this process), for staleness alerts',
    labelNames: ['job_name'] as const,
    registers: [this.registry],
  });

  constructor(jobNames: readonly string[], options: { readonly defaults?: boolean; readonly outbox?: Outbox } = {}) {
    if (options.defaults ?? true) collectDefaultMetrics({ register: this.registry });
    const outbox = options.outbox;
    if (outbox !== undefined) {
      // The relay runs here, so the backlog it works off is reported here too (same series as the API's).
      new Gauge({
        name: 'aquastream_outbox_pending',
        help: 'Outbox messages not yet relayed to the broker',
        registers: [this.registry],
        async collect() {
          const stats = await outbox.stats();
          this.set(stats.PENDING + stats.FAILED);
        },
      });
    }
    // Every series exists from the start at zero, so that rate() and absent() alerts work before the first run.
    for (const job of jobNames) {
      for (const result of ['SUCCEEDED', 'PARTIAL', 'FAILED']) this.runs.inc({ job_name: job, result }, 0);
      this.failures.inc({ job_name: job }, 0);
      this.items.inc({ job_name: job }, 0);
    }
  }

  runStarted(): void {
    // Counted when they finish.
  }

  runFinished(run: JobRunSummary): void {
    this.runs.inc({ job_name: run.name, result: run.result });
    this.duration.observe({ job_name: run.name }, run.durationMs / 1000);
    this.items.inc({ job_name: run.name }, run.items);
    if (run.failures > 0) this.itemFailures.inc({ job_name: run.name }, run.failures);
    if (run.result === 'FAILED') this.failures.inc({ job_name: run.name });
    else this.lastSuccess.set({ job_name: run.name }, run.finishedAt / 1000);
  }

  runSkipped(name: string, reason: JobSkipReason): void {
    this.skipped.inc({ job_name: name, reason });
  }

  runnerError(name: string): void {
    this.errors.inc({ job_name: name });
  }
}
