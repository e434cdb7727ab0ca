import type { FinishedJobRun, JobRunRepository } from '@aquastream/application';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

export type JobRunRepositoryHarness = { readonly runs: JobRunRepository; close(): Promise<void> };

const T0 = Date.UTC(2026, 5, 1, 12, 0, 0, 125);

let seq = 0;
/** A job name of its own per test: the suites share one table. */
const fresh = (): string => `job-${(seq += 1)}-${Math.random().toString(36).slice(2, 8)}`;

function finished(name: string, over: Partial<FinishedJobRun> = {}): FinishedJobRun {
  return {
    name,
    startedAt: T0,
    finishedAt: T0 + 1_500,
    durationMs: 1_500,
    result: 'SUCCEEDED',
    items: 3,
    error: null,
    correlationId: `${name}:corr-1`,
    runner: 'host-a:101',
    ...over,
  };
}

/** The behaviour every JobRunRepository adapter shares. */
export function describeJobRunRepositoryContract(name: string, open: () => Promise<JobRunRepositoryHarness>): void {
  describe(`JobRunRepository contract: ${name}`, () => {
    let h: JobRunRepositoryHarness;
    beforeAll(async () => {
      h = await open();
    });
    afterAll(async () => {
      await h?.close();
    });

    it('knows nothing of a job that never ran', async () => {
      const job = fresh();
      expect(await h.runs.find(job)).toBeNull();
      expect((await h.runs.list()).map((r) => r.name)).not.toContain(job);
    });

    it('records a start, then the finish with every field, to the millisecond', async () => {
      const job = fresh();
      await h.runs.started(job, T0);
      expect(await h.runs.find(job)).toEqual({
        name: job,
        lastStartedAt: T0,
        lastFinishedAt: null,
        lastDurationMs: null,
        lastResult: null,
        lastItems: null,
        lastError: null,
        lastCorrelationId: null,
        lastRunner: null,
      });
      await h.runs.finished(finished(job));
      expect(await h.runs.find(job)).toEqual({
        name: job,
        lastStartedAt: T0,
        lastFinishedAt: T0 + 1_500,
        lastDurationMs: 1_500,
        lastResult: 'SUCCEEDED',
        lastItems: 3,
        lastError: null,
        lastCorrelationId: `${job}:corr-1`,
        lastRunner: 'host-a:101',
      });
    });

    it('a new start keeps describing the last finished run until the new one finishes', async () => {
      const job = fresh();
      await h.runs.started(job, T0);
      await h.runs.finished(finished(job, { result: 'FAILED', error: 'x'.repeat(3_000), items: 0 }));
      await h.runs.started(job, T0 + 60_000);
      expect(await h.runs.find(job)).toMatchObject({ lastStartedAt: T0 + 60_000, lastFinishedAt: T0 + 1_500, lastResult: 'FAILED', lastError: 'x'.repeat(3_000) });
      await h.runs.finished(finished(job, { startedAt: T0 + 60_000, finishedAt: T0 + 60_010, durationMs: 10, result: 'PARTIAL', error: '1 item(s) left' }));
      expect(await h.runs.find(job)).toMatchObject({ lastStartedAt: T0 + 60_000, lastFinishedAt: T0 + 60_010, lastResult: 'PARTIAL', lastError: '1 item(s) left' });
    });

    it('a finish never moves the start back: a later start of another runner stays', async () => {
      const job = fresh();
      await h.runs.started(job, T0);
      await h.runs.started(job, T0 + 5_000);
      await h.runs.finished(finished(job, { startedAt: T0, finishedAt: T0 + 6_000, runner: 'host-b:202' }));
      expect(await h.runs.find(job)).toMatchObject({ lastStartedAt: T0 + 5_000, lastFinishedAt: T0 + 6_000, lastRunner: 'host-b:202' });
    });

    it('a finish without a recorded start creates the row with its start (jobs that record only their finishes)', async () => {
      const job = fresh();
      await h.runs.finished(finished(job, { startedAt: T0 + 7, finishedAt: T0 + 9, durationMs: 2 }));
      expect(await h.runs.find(job)).toMatchObject({ lastStartedAt: T0 + 7, lastFinishedAt: T0 + 9, lastDurationMs: 2 });
      await h.runs.finished(finished(job, { startedAt: T0 + 20, finishedAt: T0 + 25, durationMs: 5 }));
      expect(await h.runs.find(job)).toMatchObject({ lastStartedAt: T0 + 20, lastFinishedAt: T0 + 25 });
    });

    it('lists every job that ran, by name', async () => {
      const jobs = [fresh(), fresh(), fresh()];
      for (const job of jobs) await h.runs.started(job, T0);
      const listed = (await h.runs.list()).map((r) => r.name);
      for (const job of jobs) expect(listed).toContain(job);
      expect(new Set(listed).size).toBe(listed.length);
    });
  });
}
