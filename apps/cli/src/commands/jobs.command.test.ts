import { JOB_NAMES } from '@aquastream/adapters';
import { sqlTestTargets, type OpenedTestDatabase } from '@aquastream/adapters/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, runCommand } from './command-harness.test-support.js';
import { jobRows, type JobRow } from './jobs.command.js';

const DESIGN_JOBS = [
  'expire-pending-bookings',
  'expire-waitlist-offers',
  'publish-scheduled-events',
  'complete-finished-events',
  'send-reminders',
  'relay-outbox',
  'retry-crew-requests',
  'purge-audit',
];
const [sqlite] = sqlTestTargets();

describe('jobs list / jobs run', () => {
  let opened: OpenedTestDatabase;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    if (sqlite === undefined) throw new Error('no SQLite target');
    opened = await sqlite.open();
    env = { DATABASE_URL: opened.url };
  });
  afterAll(() => opened.close());

  it('lists every job of DESIGN §6 and every runnable one, runnable exactly when the library can run it', async () => {
    const run = await runCommand(['jobs', 'list']);
    expect(run.exitCode).toBe(0);
    const rows = json<JobRow[]>(run);
    expect(rows).toEqual(jobRows());
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining([...DESIGN_JOBS, ...JOB_NAMES]));
    for (const row of rows) expect(row.runnable).toBe((JOB_NAMES as readonly string[]).includes(row.name));
    expect(rows.find((r) => r.name === 'expire-pending-bookings')).toMatchObject({ every: '1 min', runnable: true });
    const human = await runCommand(['jobs', 'list'], { tty: true });
    expect(human.out).toMatch(/^NAME +EVERY +RUN +DOES\n/);
    expect(human.out).toMatch(/publish-scheduled-events +1 min +yes +SCHEDULED events whose publishAt has come → PUBLISHED/);
  });

  it('runs a job once as the CLI and prints what it reports', async () => {
    const run = await runCommand(['jobs', 'run', 'publish-scheduled-events'], { env });
    expect(run).toMatchObject({ exitCode: 0, err: '' });
    expect(json(run)).toMatchObject({ name: 'publish-scheduled-events', result: { examined: 0, changed: 0 }, durationMs: expect.any(Number) });
    const human = await runCommand(['jobs', 'run', 'expire-pending-bookings', '--batch-size', '10'], { env, tty: true });
    expect(human.out).toMatch(/^expire-pending-bookings: examined 0, expired 0, paid 0, skipped 0, failed 0, more false \(\d+ ms\)\n$/);
  });

  it('an unknown job is bad usage (exit 2) and the message lists the jobs', async () => {
    const run = await runCommand(['jobs', 'run', 'expire-everything'], { env });
    expect(run).toMatchObject({ exitCode: 2, out: '' });
    expect(run.err).toContain(`no job "expire-everything"; jobs that run here: ${JOB_NAMES.join(', ')}`);
  });

  it('a job of the schedule that only the scheduler process runs is refused with that reason', async () => {
    const schedulerOnly = DESIGN_JOBS.find((name) => !(JOB_NAMES as readonly string[]).includes(name));
    if (schedulerOnly === undefined) return; // every job of DESIGN §6 runs here: nothing to refuse
    const run = await runCommand(['jobs', 'run', schedulerOnly], { env });
    expect(run.exitCode).toBe(2);
    expect(run.err).toContain(`"${schedulerOnly}" runs in the scheduler process only`);
  });

  it('bad arguments exit 2', async () => {
    expect((await runCommand(['jobs', 'run'], { env })).err).toMatch(/missing required argument 'name'/);
    expect((await runCommand(['jobs', 'run', 'purge-audit', '--batch-size', '0'], { env })).exitCode).toBe(2);
  });
});
