import { systemActor, type Instant } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { Clock } from '../ports/clock.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { JobLock, LockOutcome } from '../ports/job-lock.port.js';
import type { JobRunListener, JobRunSummary } from '../ports/job-run-listener.port.js';
import type { FinishedJobRun, JobRunRecord, JobRunRepository } from '../ports/job-run-repository.port.js';
import type { ScheduledJob } from './scheduled-job.js';

export type JobRunnerOptions = {
  /** Who runs (`host:pid`), recorded with each run. */
  readonly runnerId: string;
  /** The system actor jobs run as; `scheduler` by default. */
  readonly actorId?: string;
  /** The longest a loop sleeps before looking at the run records again (one hour by default). */
  readonly maxSleepMs?: number;
};

export type JobRunReport =
  | { readonly status: 'RAN'; readonly run: JobRunSummary; readonly more: boolean }
  /** Another runner (or this one) is running the job right now. */
  | { readonly status: 'LOCKED' }
  | { readonly status: 'STOPPING' }
  /** The lock could not be asked (the database is down): the job waits for its next tick. */
  | { readonly status: 'ERROR'; readonly error: string };

/** A job as `GET /jobs` shows it. */
export type JobStatus = {
  readonly name: string;
  readonly intervalMs: number | null;
  readonly exclusive: boolean;
  /** Running in this runner now. */
  readonly running: boolean;
  /** When this runner means to run it next; null when it is switched off, stopping, or not started. */
  readonly nextRunAt: Instant | null;
  /** The shared record: the last run of any runner. */
  readonly lastRun: JobRunRecord | null;
};

const MAX_ERROR_LENGTH = 1000;
const HOUR = 3_600_000;

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e)).slice(0, MAX_ERROR_LENGTH) || 'unknown error';

/** Adds the numbers of a batch's figures to the run's; anything else is the latest batch's. */
function addDetail(total: Record<string, unknown>, batch: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const next = { ...total };
  for (const [k, v] of Object.entries(batch)) {
    const before = next[k];
    next[k] = typeof v === 'number' && typeof before === 'number' ? before + v : v;
  }
  return next;
}

/**
 * Runs the scheduler's jobs (DESIGN §6), in `apps/scheduler` and in the API's inline mode alike. Each job has its own
 * loop: it runs when its interval has passed since its last start by any runner (the shared `job_runs` record), in
 * batches, under its lock when it is exclusive, as the system actor with a correlation id of its own, and records how
 * it ended. A job that throws is recorded FAILED and tried again at its next tick; nothing a job does stops the runner.
 * `stop()` lets each running job finish its current batch, then returns with every lock released.
 */
export class JobRunner {
  private stopping = false;
  private started = false;
  private readonly active = new Set<string>();
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly nextRunAt = new Map<string, Instant>();
  private readonly loops: Promise<void>[] = [];
  private readonly sleepers = new Set<() => void>();
  private readonly byName: ReadonlyMap<string, ScheduledJob>;

  constructor(
    private readonly jobs: readonly ScheduledJob[],
    private readonly lock: JobLock,
    private readonly runs: JobRunRepository,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly listener: JobRunListener,
    private readonly options: JobRunnerOptions,
  ) {
    this.byName = new Map(jobs.map((j) => [j.name, j]));
    if (this.byName.size !== jobs.length) throw new Error('job names must be unique');
  }

  get jobNames(): readonly string[] {
    return this.jobs.map((j) => j.name);
  }

  /** Starts every job that has an interval; each first runs when its interval has passed since its recorded last start. */
  start(): void {
    if (this.started) throw new Error('the job runner is already started');
    this.started = true;
    for (const job of this.jobs) if (job.intervalMs !== null) this.loops.push(this.loop(job, job.intervalMs));
  }

  /** Runs one job now (under its lock), whatever its schedule. Never throws for what the job does. */
  runNow(name: string): Promise<JobRunReport> {
    const job = this.byName.get(name);
    if (job === undefined) throw new Error(`no job "${name}"`);
    return this.execute(job);
  }

  /** No new runs; running jobs finish their current batch and release their locks; then it resolves. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const wake of [...this.sleepers]) wake();
    await Promise.allSettled([...this.loops, ...this.inflight]);
  }

  async status(): Promise<JobStatus[]> {
    const records = new Map((await this.runs.list()).map((r) => [r.name, r]));
    return this.jobs.map((job) => ({
      name: job.name,
      intervalMs: job.intervalMs,
      exclusive: job.exclusive,
      running: this.active.has(job.name),
      nextRunAt: job.intervalMs === null || this.stopping ? null : (this.nextRunAt.get(job.name) ?? null),
      lastRun: records.get(job.name) ?? null,
    }));
  }

  private async loop(job: ScheduledJob, intervalMs: number): Promise<void> {
    const maxSleep = this.options.maxSleepMs ?? HOUR;
    let notBefore = Number.NEGATIVE_INFINITY;
    let backlog = false;
    while (!this.stopping) {
      const now = this.clock.now();
      const due = backlog ? now : Math.max(await this.dueAt(job, intervalMs, now), notBefore);
      if (due > now) {
        this.nextRunAt.set(job.name, due);
        await this.sleep(Math.min(due - now, maxSleep));
        continue;
      }
      this.nextRunAt.set(job.name, now + intervalMs);
      const report = await this.execute(job);
      backlog = report.status === 'RAN' && report.more;
      // Also when the run records cannot be written or read: the loop never spins on a job it just ran or tried.
      notBefore = now + intervalMs;
    }
  }

  /** An exclusive job is due an interval after its last start by any runner (at most an interval from now, against skewed clocks). */
  private async dueAt(job: ScheduledJob, intervalMs: number, now: Instant): Promise<Instant> {
    if (!job.exclusive) return now;
    try {
      const last = (await this.runs.find(job.name))?.lastStartedAt ?? null;
      return last === null ? now : Math.min(last + intervalMs, now + intervalMs);
    } catch (error: unknown) {
      this.listener.runnerError(job.name, error);
      return now + intervalMs;
    }
  }

  private sleep(ms: number): Promise<void> {
    // stop() may have woken the sleepers while this loop was reading the run records.
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  private async execute(job: ScheduledJob): Promise<JobRunReport> {
    if (this.stopping) return { status: 'STOPPING' };
    // The same job twice in this process (the loop and a manual run) waits for nothing: one of them is skipped.
    if (this.active.has(job.name)) {
      this.listener.runSkipped(job.name, 'locked');
      return { status: 'LOCKED' };
    }
    this.active.add(job.name);
    const work = (): Promise<JobRunReport> => this.perform(job);
    const attempt: Promise<LockOutcome<JobRunReport>> = job.exclusive
      ? this.lock.withLock(job.name, work)
      : work().then((value) => ({ acquired: true, value }));
    this.inflight.add(attempt);
    try {
      const outcome = await attempt;
      if (outcome.acquired) return outcome.value;
      this.listener.runSkipped(job.name, 'locked');
      return { status: 'LOCKED' };
    } catch (error: unknown) {
      this.listener.runnerError(job.name, error);
      return { status: 'ERROR', error: errorText(error) };
    } finally {
      this.inflight.delete(attempt);
      this.active.delete(job.name);
    }
  }

  private async perform(job: ScheduledJob): Promise<JobRunReport> {
    const correlationId = `${job.name}:${this.ids.next()}`;
    const ctx: UseCaseContext = { actor: systemActor(this.options.actorId ?? 'scheduler'), correlationId };
    const startedAt = this.clock.now();
    this.listener.runStarted({ name: job.name, correlationId, startedAt });
    // Only exclusive jobs wait on one another's starts; the others need no record of a run that has not finished.
    if (job.exclusive) await this.recording(job.name, () => this.runs.started(job.name, startedAt));

    let items = 0;
    let failures = 0;
    let batches = 0;
    let firstError: string | null = null;
    let detail: Record<string, unknown> = {};
    let more: boolean;
    let thrown: unknown = null;
    try {
      do {
        const batch = await job.runBatch(ctx);
        batches += 1;
        items += batch.items;
        failures += batch.failures ?? 0;
        firstError ??= batch.firstError ?? null;
        detail = addDetail(detail, batch.detail);
        more = batch.more;
      } while (more && batches < job.maxBatches && !this.stopping);
    } catch (error: unknown) {
      thrown = error ?? new Error('the job threw nothing');
      more = false;
    }

    const finishedAt = this.clock.now();
    const failed = thrown !== null;
    const run: FinishedJobRun = {
      name: job.name,
      startedAt,
      finishedAt,
      durationMs: Math.max(0, finishedAt - startedAt),
      result: failed ? 'FAILED' : failures > 0 ? 'PARTIAL' : 'SUCCEEDED',
      items,
      error: failed
        ? errorText(thrown)
        : failures > 0
          ? `${failures} item(s) left for the next run${firstError === null ? '' : `; first error: ${firstError}`}`.slice(0, MAX_ERROR_LENGTH)
          : null,
      correlationId,
      runner: this.options.runnerId,
    };
    const idle = run.result === 'SUCCEEDED' && items === 0;
    if (!idle || job.recordIdleRuns !== false) await this.recording(job.name, () => this.runs.finished(run));
    const summary: JobRunSummary = { ...run, batches, failures, detail, notes: failed ? [] : (job.notes?.(detail) ?? []) };
    this.listener.runFinished(summary);
    return { status: 'RAN', run: summary, more };
  }

  /** A run record that cannot be written is reported, and the run goes on: the work matters more than its record. */
  private async recording(name: string, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error: unknown) {
      this.listener.runnerError(name, error);
    }
  }
}
