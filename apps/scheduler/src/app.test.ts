// The scheduler's own routes, answered by the app as main.ts builds it (startScheduler), over the in-memory store.
import { createMemoryStorage, loadConfig, type RunningJobs, type Storage } from '@aquastream/adapters';
import type { HealthCheck } from '@aquastream/application';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startScheduler } from './scheduler.js';

const started: RunningJobs[] = [];
afterEach(async () => {
  for (const jobs of started.splice(0)) await jobs.stop();
});

async function scheduler(options: { env?: Record<string, string>; storage?: Storage; healthChecks?: HealthCheck[] } = {}) {
  // Every job off unless the test turns it on, so that what runs is what the test looks at.
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    JOB_EXPIRE_WAITLIST_OFFERS_INTERVAL: 'off',
    JOB_COMPLETE_FINISHED_EVENTS_INTERVAL: 'off',
    JOB_RETRY_CREW_REQUESTS_INTERVAL: 'off',
    JOB_RETRY_REFUNDS_INTERVAL: 'off',
    JOB_SEND_REMINDERS_INTERVAL: 'off',
    JOB_PURGE_AUDIT_INTERVAL: 'off',
    JOB_RELAY_OUTBOX_INTERVAL: 'off',
    ...options.env,
  });
  const { app, jobs } = await startScheduler({
    config,
    logger: pino({ level: 'silent' }),
    storage: options.storage ?? createMemoryStorage(),
    healthChecks: options.healthChecks ?? [],
    collectDefaultMetrics: false,
    runnerId: 'test-host:42',
  });
  started.push(jobs);
  const get = async (path: string) => {
    const res = await app.request(path);
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type'), text, json: () => JSON.parse(text) as Record<string, any> };
  };
  return { app, jobs, get };
}

type JobRow = { name: string; [k: string]: unknown };

async function jobsUntil(get: (p: string) => Promise<{ json(): Record<string, any> }>, done: (jobs: JobRow[]) => boolean): Promise<JobRow[]> {
  for (;;) {
    const jobs = (await get('/jobs')).json()['data'] as JobRow[];
    if (done(jobs)) return jobs;
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('scheduler routes', () => {
  it('GET /jobs: every job with its schedule, last run, next run and last result', async () => {
    const s = await scheduler();
    const jobs = await jobsUntil(s.get, (all) => all.some((j) => j.name === 'publish-scheduled-events' && j['lastRun'] !== null && j['nextRunAt'] !== null));
    expect(jobs.map((j) => j.name).sort()).toEqual(
      [
        'complete-finished-events',
        'expire-pending-bookings',
        'expire-waitlist-offers',
        'publish-scheduled-events',
        'purge-audit',
        'relay-outbox',
        'retry-crew-requests',
        'retry-refunds',
        'send-reminders',
      ].sort(),
    );
    const publish = jobs.find((j) => j.name === 'publish-scheduled-events');
    expect(publish).toEqual({
      name: 'publish-scheduled-events',
      schedule: 'every 1m',
      intervalMs: 60_000,
      exclusive: true,
      running: false,
      lastStartedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      lastRun: {
        startedAt: expect.any(String),
        finishedAt: expect.any(String),
        durationMs: expect.any(Number),
        result: 'SUCCEEDED',
        items: 0,
        error: null,
        runner: 'test-host:42',
        correlationId: expect.stringMatching(/^publish-scheduled-events:/),
      },
      lastResult: 'SUCCEEDED',
      nextRunAt: expect.any(String),
    });
    expect(Date.parse(String(publish?.['nextRunAt']))).toBe(Date.parse(String(publish?.['lastStartedAt'])) + 60_000);
    expect(jobs.find((j) => j.name === 'purge-audit')).toMatchObject({ schedule: 'off', intervalMs: null, lastRun: null, lastResult: null, nextRunAt: null });
    expect(jobs.find((j) => j.name === 'relay-outbox')).toMatchObject({ schedule: 'off', exclusive: false });
    expect((await s.get('/jobs')).json()['runner']).toBe('test-host:42');
  });

  it('GET /jobs shows the relay as continuous and the expiry job at its window when the holds are short', async () => {
    const s = await scheduler({ env: { JOB_RELAY_OUTBOX_INTERVAL: '2s', BOOKING_TTL_MINUTES: '0.05' } });
    const jobs = (await s.get('/jobs')).json()['data'] as JobRow[];
    expect(jobs.find((j) => j.name === 'relay-outbox')).toMatchObject({ schedule: 'continuous (polls every 2s when idle)', exclusive: false });
    expect(jobs.find((j) => j.name === 'expire-pending-bookings')).toMatchObject({ schedule: 'every 3s', intervalMs: 3_000 });
  });

  it('GET /jobs shows a failed run with its error; /metrics counts it', async () => {
    const storage = createMemoryStorage();
    // The real repository but for one query, as if a migration were missing.
    const events = Object.assign(Object.create(storage.events) as Storage['events'], {
      findDueForPublishing: () => Promise.reject(new Error('relation "events" does not exist')),
    });
    const broken: Storage = { ...storage, events };
    const s = await scheduler({ storage: broken });
    const jobs = await jobsUntil(s.get, (all) => all.some((j) => j.name === 'publish-scheduled-events' && j['lastResult'] !== null));
    expect(jobs.find((j) => j.name === 'publish-scheduled-events')).toMatchObject({
      lastResult: 'FAILED',
      lastRun: { result: 'FAILED', error: 'relation "events" does not exist', items: 0 },
    });
    const metrics = (await s.get('/metrics')).text;
    expect(metrics).toContain('aquastream_job_runs_total{job_name="publish-scheduled-events",result="FAILED"} 1');
    expect(metrics).toContain('aquastream_job_failures_total{job_name="publish-scheduled-events"} 1');
  });

  it('GET /metrics reports the outbox backlog (pending + failed) read at scrape time', async () => {
    const storage = createMemoryStorage();
    const outbox = Object.assign(Object.create(storage.outbox) as Storage['outbox'], {
      stats: () => Promise.resolve({ PENDING: 4, SENT: 10, FAILED: 3, oldestPendingAt: null }),
    });
    const s = await scheduler({ storage: { ...storage, outbox }, env: { JOB_RELAY_OUTBOX_INTERVAL: 'off' } });
    expect((await s.get('/metrics')).text).toMatch(/^aquastream_outbox_pending 7$/m);
  });

  it('GET /metrics: job runs, durations, failures and items in the Prometheus text format', async () => {
    const s = await scheduler();
    await jobsUntil(s.get, (all) => all.filter((j) => j['lastResult'] === 'SUCCEEDED').length >= 2);
    const res = await s.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/plain');
    expect(res.text).toContain('# TYPE aquastream_job_runs_total counter');
    expect(res.text).toMatch(/aquastream_job_runs_total\{job_name="expire-pending-bookings",result="SUCCEEDED"\} [1-9]/);
    expect(res.text).toMatch(/aquastream_job_run_duration_seconds_count\{job_name="expire-pending-bookings"\} [1-9]/);
    expect(res.text).toContain('aquastream_job_items_total{job_name="send-reminders"} 0');
    expect(res.text).toContain('aquastream_job_failures_total{job_name="expire-pending-bookings"} 0');
    expect(res.text).toContain('# TYPE aquastream_job_last_success_timestamp_seconds gauge');
  });

  it('/health/live answers; /health/ready lists its checks and answers 503 when a required one is down', async () => {
    const s = await scheduler();
    expect((await s.get('/health/live')).json()).toEqual({ status: 'UP' });
    const ready = await s.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'UP', checks: { broker: { status: 'UP' } } });

    const down: HealthCheck = { name: 'database', required: true, probe: () => Promise.reject(new Error('connection refused')) };
    const sick = await scheduler({ healthChecks: [down] });
    const answer = await sick.get('/health/ready');
    expect(answer.status).toBe(503);
    expect(answer.json()).toMatchObject({ status: 'DOWN', checks: { database: { status: 'DOWN' } } });
    expect((await sick.get('/health/live')).status).toBe(200);
  });

  it('GET /jobs answers 503 when the run records cannot be read', async () => {
    const storage = createMemoryStorage();
    const jobRuns = Object.assign(Object.create(storage.jobRuns) as Storage['jobRuns'], { list: () => Promise.reject(new Error('connection refused')) });
    const s = await scheduler({ storage: { ...storage, jobRuns } });
    const res = await s.get('/jobs');
    expect(res.status).toBe(503);
    expect(res.json()).toMatchObject({ status: 503, detail: 'cannot read the job runs: connection refused' });
  });

  it('answers 404 elsewhere', async () => {
    const s = await scheduler();
    expect((await s.get('/api/v1/events')).status).toBe(404);
  });
});
