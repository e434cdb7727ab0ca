import { JOB_NAMES } from '@aquastream/adapters';
import { FixedClock } from '@aquastream/adapters/testing';
import { describe, expect, it } from 'vitest';
import { adminWorld, DAY } from './admin-world.test-support.js';

describe('/admin/jobs', () => {
  it('lists every job with a description', async () => {
    const w = await adminWorld();
    const res = await w.call('GET', '/api/v1/admin/jobs', { token: w.admin });
    expect(res.status).toBe(200);
    expect((res.json.data as { name: string }[]).map((j) => j.name)).toEqual([...JOB_NAMES]);
    for (const job of res.json.data) expect(job).toEqual({ name: job.name, description: expect.stringMatching(/.{10,}/), lastRun: null });
  });

  it('shows the last run the scheduler recorded in job_runs', async () => {
    const w = await adminWorld();
    const startedAt = Date.UTC(2026, 5, 1, 12, 0, 0);
    await w.deps.storage.jobRuns.started('expire-pending-bookings', startedAt);
    await w.deps.storage.jobRuns.finished({
      name: 'expire-pending-bookings', startedAt, finishedAt: startedAt + 250, durationMs: 250, result: 'PARTIAL', items: 7,
      error: '1 booking left for the next run', correlationId: 'corr-1', runner: 'host-a:42',
    });
    const res = await w.call('GET', '/api/v1/admin/jobs', { token: w.admin });
    expect(res.status).toBe(200);
    const byName = new Map((res.json.data as { name: string; lastRun: unknown }[]).map((j) => [j.name, j.lastRun]));
    expect(byName.get('expire-pending-bookings')).toEqual({
      startedAt: new Date(startedAt).toISOString(),
      durationMs: 250,
      result: { result: 'PARTIAL', items: 7, error: '1 booking left for the next run', runner: 'host-a:42', correlationId: 'corr-1' },
    });
    expect(byName.get('purge-audit')).toBeNull();
  });

  it('runs a job now as the admin and answers what it did', async () => {
    const clock = new FixedClock(Date.UTC(2026, 5, 1, 12, 0, 0));
    const w = await adminWorld({ clock });
    const event = await w.publishedEvent();
    const booking = await w.book(event.id, 1, false);
    clock.advance(DAY);
    const res = await w.call('POST', '/api/v1/admin/jobs/expire-pending-bookings/run', { token: w.admin });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      name: 'expire-pending-bookings',
      startedAt: new Date(clock.now()).toISOString(),
      durationMs: expect.any(Number),
      result: expect.objectContaining({ expired: 1 }),
    });
    expect((await w.deps.storage.bookings.findById(null, booking.id))?.status).toBe('EXPIRED');
    for (const name of JOB_NAMES) {
      expect((await w.call('POST', `/api/v1/admin/jobs/${name}/run`, { token: w.admin })).status, name).toBe(200);
    }
  });

  it('admins only; an unknown job is 404 JOB_NOT_FOUND, a malformed name 400', async () => {
    const w = await adminWorld();
    expect((await w.call('GET', '/api/v1/admin/jobs')).status).toBe(401);
    expect((await w.call('GET', '/api/v1/admin/jobs', { token: w.organiser })).status).toBe(403);
    expect((await w.call('POST', '/api/v1/admin/jobs/expire-pending-bookings/run')).status).toBe(401);
    expect((await w.call('POST', '/api/v1/admin/jobs/expire-pending-bookings/run', { token: w.user })).status).toBe(403);
    const unknown = await w.call('POST', '/api/v1/admin/jobs/make-coffee/run', { token: w.admin });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');
    expect(unknown.json).toMatchObject({ code: 'JOB_NOT_FOUND', status: 404 });
    expect((await w.call('POST', '/api/v1/admin/jobs/Make_Coffee/run', { token: w.admin })).status).toBe(400);
  });
});
