import { JobRunner, type JobBatchOutcome, type ScheduledJob, type UseCaseContext } from '@aquastream/application';
import { describe, expect, it } from 'vitest';
import { InMemoryDatabase } from '../memory/in-memory-database.js';
import { SystemClock } from '../system/system-clock.js';
import { FixedClock } from '../testing/fixed-clock.js';
import { SequenceIdGenerator } from '../testing/sequence-id-generator.js';
import { InProcessJobLock } from './in-process.job-lock.js';
import { InMemoryJobRunRepository } from './job-run.memory-repository.js';
import { RecordingJobListener, until } from './recording-job-listener.test-support.js';

const T0 = Date.UTC(2026, 5, 1, 12, 0, 0);

/** A gate a test opens by hand, to hold a batch in the middle of its work. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { opened, open };
}

function job(name: string, batches: (ctx: UseCaseContext, n: number) => Promise<JobBatchOutcome>, over: Partial<ScheduledJob> = {}): ScheduledJob & { calls: UseCaseContext[] } {
  const calls: UseCaseContext[] = [];
  return {
    name,
    intervalMs: null,
    exclusive: true,
    maxBatches: 10,
    runBatch: (ctx) => {
      calls.push(ctx);
      return batches(ctx, calls.length);
    },
    calls,
    ...over,
  };
}

function world(jobs: ScheduledJob[], options: { clock?: FixedClock | SystemClock; lock?: InProcessJobLock; db?: InMemoryDatabase } = {}) {
  const listener = new RecordingJobListener();
  const runs = new InMemoryJobRunRepository(options.db ?? new InMemoryDatabase());
  const lock = options.lock ?? new InProcessJobLock();
  const runner = new JobRunner(jobs, lock, runs, options.clock ?? new FixedClock(T0), new SequenceIdGenerator(), listener, { runnerId: 'test-host:1' });
  return { runner, runs, listener, lock };
}

const batch = (items: number, more: boolean, detail: Record<string, unknown> = {}): Promise<JobBatchOutcome> => Promise.resolve({ items, more, detail });

describe('JobRunner.runNow', () => {
  it('runs batches while they report more, up to its limit, as the scheduler with one correlation id, and records the run', async () => {
    const j = job('drain', (_ctx, n) => batch(10, n < 3, { expired: 10, label: `batch ${n}` }));
    const w = world([j]);
    const report = await w.runner.runNow('drain');
    expect(report).toMatchObject({ status: 'RAN', more: false, run: { result: 'SUCCEEDED', items: 30, batches: 3, detail: { expired: 30, label: 'batch 3' } } });
    expect(j.calls.map((c) => c.actor)).toEqual(Array(3).fill({ kind: 'system', id: 'scheduler' }));
    expect(new Set(j.calls.map((c) => c.correlationId))).toEqual(new Set([expect.stringMatching(/^drain:.+/)]));
    expect(await w.runs.find('drain')).toMatchObject({ lastStartedAt: T0, lastResult: 'SUCCEEDED', lastItems: 30, lastError: null, lastRunner: 'test-host:1' });
    expect(w.listener.finished).toHaveLength(1);

    const capped = job('capped', () => batch(1, true), { maxBatches: 4 });
    const w2 = world([capped]);
    expect(await w2.runner.runNow('capped')).toMatchObject({ status: 'RAN', more: true, run: { batches: 4, items: 4 } });
  });

  it('gives every run a correlation id of its own', async () => {
    const j = job('twice', () => batch(0, false));
    const w = world([j]);
    await w.runner.runNow('twice');
    await w.runner.runNow('twice');
    expect(j.calls[0]?.correlationId).not.toBe(j.calls[1]?.correlationId);
  });

  it('records a job that throws as FAILED with its message, keeps what earlier batches did, and runs it again next time', async () => {
    let broken = true;
    const j = job('flaky', (_ctx, n) => (n === 2 && broken ? Promise.reject(new Error('database went away')) : batch(5, n === 1)));
    const w = world([j]);
    expect(await w.runner.runNow('flaky')).toMatchObject({ status: 'RAN', more: false, run: { result: 'FAILED', items: 5, error: 'database went away' } });
    expect(await w.runs.find('flaky')).toMatchObject({ lastResult: 'FAILED', lastError: 'database went away', lastItems: 5 });
    broken = false;
    expect(await w.runner.runNow('flaky')).toMatchObject({ status: 'RAN', run: { result: 'SUCCEEDED' } });
    expect(await w.runs.find('flaky')).toMatchObject({ lastResult: 'SUCCEEDED', lastError: null });
  });

  it('records a run whose items partly failed as PARTIAL, naming the first error', async () => {
    const j = job('partial', () => Promise.resolve({ items: 3, failures: 2, firstError: 'booking b-1: gateway timeout', more: false, detail: {} }));
    const w = world([j]);
    await w.runner.runNow('partial');
    expect(await w.runs.find('partial')).toMatchObject({
      lastResult: 'PARTIAL',
      lastItems: 3,
      lastError: '2 item(s) left for the next run; first error: booking b-1: gateway timeout',
    });
  });

  it('hands the job’s notes the run’s summed figures, and gives none for a failed run', async () => {
    const notes = (t: Readonly<Record<string, unknown>>) => [{ level: 'info' as const, message: `Expiring pending bookings: ${String(t['expired'])}` }];
    const w = world([job('notes', (_c, n) => batch(2, n < 2, { expired: 2 }), { notes }), job('broken', () => Promise.reject(new Error('x')), { notes })]);
    await w.runner.runNow('notes');
    await w.runner.runNow('broken');
    expect(w.listener.runsOf('notes')[0]?.notes).toEqual([{ level: 'info', message: 'Expiring pending bookings: 4' }]);
    expect(w.listener.runsOf('broken')[0]?.notes).toEqual([]);
  });

  it('skips a job another runner holds (nothing recorded), and the same job twice in one runner', async () => {
    const held = gate();
    const lock = new InProcessJobLock();
    const db = new InMemoryDatabase();
    const j = job('shared', async () => {
      await held.opened;
      return batch(1, false);
    });
    const a = world([j], { lock, db });
    const b = world([j], { lock, db });
    const running = a.runner.runNow('shared');
    await until(() => j.calls.length === 1);
    expect(await b.runner.runNow('shared')).toEqual({ status: 'LOCKED' });
    expect(await a.runner.runNow('shared')).toEqual({ status: 'LOCKED' });
    expect(b.listener.skipped).toEqual([{ name: 'shared', reason: 'locked' }]);
    expect((await a.runner.status())[0]).toMatchObject({ name: 'shared', running: true });
    held.open();
    expect(await running).toMatchObject({ status: 'RAN' });
    expect(j.calls).toHaveLength(1);
    expect(b.listener.finished).toEqual([]);
  });

  it('does not record the idle runs of a job that asks so (the relay), but does record its busy and failed ones', async () => {
    let next: () => Promise<JobBatchOutcome> = () => batch(0, false);
    const w = world([job('relay', () => next(), { exclusive: false, recordIdleRuns: false })]);
    await w.runner.runNow('relay');
    expect(await w.runs.find('relay')).toBeNull();
    expect(w.listener.finished).toHaveLength(1);
    next = () => batch(7, false);
    await w.runner.runNow('relay');
    expect(await w.runs.find('relay')).toMatchObject({ lastItems: 7, lastStartedAt: T0 });
    next = () => Promise.reject(new Error('broker gone'));
    await w.runner.runNow('relay');
    expect(await w.runs.find('relay')).toMatchObject({ lastResult: 'FAILED', lastError: 'broker gone' });
  });

  it('goes on when the run records cannot be written, and says so', async () => {
    const w = world([job('unrecorded', () => batch(1, false))]);
    const broken = { started: () => Promise.reject(new Error('disk full')), finished: () => Promise.reject(new Error('disk full')), find: () => Promise.resolve(null), list: () => Promise.resolve([]) };
    const runner = new JobRunner([job('unrecorded', () => batch(1, false))], new InProcessJobLock(), broken, new FixedClock(T0), new SequenceIdGenerator(), w.listener, { runnerId: 'x' });
    expect(await runner.runNow('unrecorded')).toMatchObject({ status: 'RAN', run: { result: 'SUCCEEDED', items: 1 } });
    expect(w.listener.errors.map((e) => (e.error as Error).message)).toEqual(['disk full', 'disk full']);
  });

  it('refuses a name it does not know', () => {
    const w = world([]);
    expect(() => w.runner.runNow('make-coffee')).toThrow('no job "make-coffee"');
  });
});

describe('JobRunner loops', () => {
  it('runs each job at its interval, and not a job that is switched off', async () => {
    const fast = job('fast', () => batch(1, false), { intervalMs: 10 });
    const off = job('off', () => batch(1, false), { intervalMs: null });
    const w = world([fast, off], { clock: new SystemClock() });
    w.runner.start();
    await until(() => fast.calls.length >= 3);
    await w.runner.stop();
    expect(off.calls).toHaveLength(0);
    const status = await w.runner.status();
    expect(status.find((s) => s.name === 'off')).toMatchObject({ intervalMs: null, nextRunAt: null, lastRun: null });
  });

  it('leaves a job alone until its interval has passed since the last start of any runner', async () => {
    const clock = new SystemClock();
    const db = new InMemoryDatabase();
    const hourly = job('hourly', () => batch(1, false), { intervalMs: 3_600_000 });
    const w = world([hourly], { clock, db });
    const lastStart = clock.now() - 60_000;
    await w.runs.started('hourly', lastStart);
    w.runner.start();
    await until(async () => (await w.runner.status())[0]?.nextRunAt !== null);
    expect((await w.runner.status())[0]?.nextRunAt).toBe(lastStart + 3_600_000);
    await w.runner.stop();
    expect(hourly.calls).toHaveLength(0);
  });

  it('runs again at once after a run that stopped with work left', async () => {
    let left = 25;
    const backlog = job('backlog', () => {
      const done = Math.min(left, 5);
      left -= done;
      return batch(done, left > 0);
    }, { intervalMs: 3_600_000, maxBatches: 2 });
    const w = world([backlog], { clock: new SystemClock() });
    w.runner.start();
    await until(() => left === 0);
    await w.runner.stop();
    // Three runs of two batches each (the last finding the line empty): none waited an hour.
    expect(w.listener.runsOf('backlog').map((r) => r.items)).toEqual([10, 10, 5]);
  });

  it('keeps going after a job throws; never throws out of the loop', async () => {
    const failing = job('failing', () => Promise.reject(new Error('boom')), { intervalMs: 5 });
    const w = world([failing], { clock: new SystemClock() });
    w.runner.start();
    await until(() => failing.calls.length >= 3);
    await w.runner.stop();
    expect(w.listener.runsOf('failing').every((r) => r.result === 'FAILED')).toBe(true);
  });

  it('stops at once when stop() comes while a loop is reading the run records', async () => {
    const reading = gate();
    const answered = gate();
    const runs = new InMemoryJobRunRepository(new InMemoryDatabase());
    await runs.started('hourly', Date.now());
    const slow = Object.assign(Object.create(runs) as InMemoryJobRunRepository, {
      find: async (name: string) => {
        reading.open();
        await answered.opened;
        return runs.find(name);
      },
    });
    const runner = new JobRunner([job('hourly', () => batch(1, false), { intervalMs: 3_600_000 })], new InProcessJobLock(), slow, new SystemClock(), new SequenceIdGenerator(), new RecordingJobListener(), { runnerId: 'x' });
    runner.start();
    await reading.opened;
    const stopping = runner.stop();
    answered.open();
    // Without the check the loop would now sleep for an hour and stop() with it.
    await stopping;
  });

  it('on stop, lets the running batch finish, runs no further batch, releases the lock, and starts nothing new', async () => {
    const held = gate();
    const lock = new InProcessJobLock();
    const long = job('long', async (_c, n) => {
      if (n === 1) await held.opened;
      return batch(1, true);
    }, { intervalMs: 10, maxBatches: 100 });
    const w = world([long], { clock: new SystemClock(), lock });
    w.runner.start();
    await until(() => long.calls.length === 1);
    let stopped = false;
    const stopping = w.runner.stop().then(() => (stopped = true));
    expect(lock.holding()).toEqual(['long']);
    expect(stopped).toBe(false);
    held.open();
    await stopping;
    expect(long.calls).toHaveLength(1);
    expect(lock.holding()).toEqual([]);
    expect(await w.runs.find('long')).toMatchObject({ lastResult: 'SUCCEEDED', lastItems: 1 });
    expect(await w.runner.runNow('long')).toEqual({ status: 'STOPPING' });
  });
});
