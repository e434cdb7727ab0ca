import { formatInterval, RELAY_JOB } from '@aquastream/adapters';
import type { JobRunRecord, JobRunner, JobStatus } from '@aquastream/application';
import { Hono } from 'hono';

const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());

function schedule(job: JobStatus): string {
  if (job.intervalMs === null) return 'off';
  if (job.name === RELAY_JOB) return `continuous (polls every ${formatInterval(job.intervalMs)} when idle)`;
  return `every ${formatInterval(job.intervalMs)}`;
}

function lastRun(record: JobRunRecord | null) {
  if (record === null || record.lastFinishedAt === null) return null;
  return {
    startedAt: iso(record.lastStartedAt),
    finishedAt: iso(record.lastFinishedAt),
    durationMs: record.lastDurationMs,
    result: record.lastResult,
    items: record.lastItems,
    error: record.lastError,
    runner: record.lastRunner,
    correlationId: record.lastCorrelationId,
  };
}

/**
 * `GET /jobs` (issue 5): every job with its schedule, its last run (by any replica: the shared `job_runs` record), when
 * this process means to run it next, and the last result. `lastStartedAt` later than the last run's start means a run
 * is under way somewhere.
 */
export function jobsRoute(runner: JobRunner, runnerId: string): Hono {
  const route = new Hono();
  route.get('/', async (c) => {
    let jobs: JobStatus[];
    try {
      jobs = await runner.status();
    } catch (error: unknown) {
      // The run records live in the database: without it there is nothing reliable to show.
      return c.json({ status: 503, title: 'Service Unavailable', detail: `cannot read the job runs: ${error instanceof Error ? error.message : String(error)}` }, 503);
    }
    return c.json({
      runner: runnerId,
      data: jobs.map((job) => ({
        name: job.name,
        schedule: schedule(job),
        intervalMs: job.intervalMs,
        exclusive: job.exclusive,
        running: job.running,
        lastStartedAt: iso(job.lastRun?.lastStartedAt ?? null),
        lastRun: lastRun(job.lastRun),
        lastResult: job.lastRun?.lastResult ?? null,
        nextRunAt: iso(job.nextRunAt),
      })),
    });
  });
  return route;
}
