import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { adminWorld, DAY } from './admin-world.test-support.js';

const HOUR = 3_600_000;

describe('POST /admin/events/bulk-cancel', () => {
  it('a dry run plans without changing; the real run cancels, refunds by refundPercent and reports per item', async () => {
    const w = await adminWorld();
    const a = await w.publishedEvent('A');
    const b = await w.publishedEvent('B');
    const paid = await w.book(a.id, 2, true);
    await w.book(a.id, 1, false);

    const body = { eventIds: [a.id, b.id], reason: 'Storm warning', refundPercent: 50 };
    const plan = await w.call('POST', '/api/v1/admin/events/bulk-cancel', { token: w.admin, body: { ...body, dryRun: true } });
    expect(plan.status).toBe(200);
    expect(plan.json).toMatchObject({ dryRun: true, counts: { done: 0, skipped: 0, failed: 0, planned: 2 } });
    expect(plan.json.items[0]).toEqual({
      eventId: a.id,
      outcome: 'planned',
      code: null,
      reason: null,
      detail: {
        eventId: a.id,
        title: 'A',
        statusBefore: 'PUBLISHED',
        bookingsCanceled: 2,
        refundTotal: 150_000,
        currency: 'RUB',
        waitlistCanceled: 0,
        crewReleased: false,
        refunds: [{ bookingId: paid.id, amount: 150_000, percent: 50 }],
      },
    });
    expect((await w.deps.storage.events.findById(null, a.id))?.state.status).toBe('PUBLISHED');

    const done = await w.call('POST', '/api/v1/admin/events/bulk-cancel', { token: w.admin, body });
    expect(done.json).toMatchObject({ dryRun: false, counts: { done: 2, skipped: 0, failed: 0, planned: 0 } });
    expect((done.json.items as { outcome: string }[]).map((i) => i.outcome)).toEqual(['done', 'done']);
    const booking = await w.deps.storage.bookings.findById(null, paid.id);
    expect(booking).toMatchObject({ status: 'CANCELED', refund: { amount: 150_000, percent: 50 } });

    // A re-run skips what is done; an unknown id fails alone.
    const again = await w.call('POST', '/api/v1/admin/events/bulk-cancel', { token: w.admin, body: { ...body, eventIds: [a.id, randomUUID()] } });
    expect(again.json.counts).toEqual({ done: 0, skipped: 1, failed: 1, planned: 0 });
    expect(again.json.items[1]).toMatchObject({ outcome: 'failed', code: 'EVENT_NOT_FOUND', detail: null });
  });

  it('selects by filter, and replays the first answer for the same Idempotency-Key', async () => {
    const w = await adminWorld();
    const soon = await w.publishedEvent('Soon', 2);
    await w.publishedEvent('Later', 20);
    const now = w.deps.clock.now();
    const body = { filter: { organizationId: w.org.id, to: new Date(now + 5 * DAY).toISOString() }, reason: 'Closed' };
    const headers = { 'Idempotency-Key': 'bulk-cancel-0001' };
    const first = await w.call('POST', '/api/v1/admin/events/bulk-cancel', { token: w.admin, body, headers });
    expect(first.status).toBe(200);
    expect((first.json.items as { eventId: string }[]).map((i) => i.eventId)).toEqual([soon.id]);
    const replay = await w.call('POST', '/api/v1/admin/events/bulk-cancel', { token: w.admin, body, headers });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.json).toEqual(first.json);
    const reused = await w.call('POST', '/api/v1/admin/events/bulk-cancel', { token: w.admin, body: { ...body, reason: 'Other' }, headers });
    expect(reused.status).toBe(422);
    expect(reused.json.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('admins only; 400 for a body that selects nothing or both ways, or a bad percentage', async () => {
    const w = await adminWorld();
    const a = await w.publishedEvent();
    const body = { eventIds: [a.id], reason: 'x' };
    expect((await w.call('POST', '/api/v1/admin/events/bulk-cancel', { body })).status).toBe(401);
    expect((await w.call('POST', '/api/v1/admin/events/bulk-cancel', { token: w.organiser, body })).status).toBe(403);
    expect((await w.call('POST', '/api/v1/admin/events/bulk-cancel', { token: w.user, body })).json.code).toBe('FORBIDDEN');
    for (const bad of [
      { reason: 'x' },
      { eventIds: [a.id], filter: {}, reason: 'x' },
      { eventIds: [], reason: 'x' },
      { eventIds: ['nope'], reason: 'x' },
      { eventIds: [a.id], reason: '' },
      { eventIds: [a.id], reason: 'x', refundPercent: 101 },
      { filter: { statuses: ['LIVE'] }, reason: 'x' },
      { filter: { from: 'yesterday' }, reason: 'x' },
    ]) {
      const res = await w.call('POST', '/api/v1/admin/events/bulk-cancel', { token: w.admin, body: bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.json.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('POST /admin/events/bulk-reschedule', () => {
  it('shifts events by an ISO 8601 duration (either way), previewing with dryRun', async () => {
    const w = await adminWorld();
    const a = await w.publishedEvent('A');
    const b = await w.publishedEvent('B');
    const body = { eventIds: [a.id, b.id], shift: 'PT2H', reason: 'Tide times' };
    const plan = await w.call('POST', '/api/v1/admin/events/bulk-reschedule', { token: w.admin, body: { ...body, dryRun: true } });
    expect(plan.json.counts.planned).toBe(2);
    const moved = new Date(a.startsAt + 2 * HOUR).toISOString();
    expect(plan.json.items[0]).toMatchObject({
      outcome: 'planned',
      detail: { previous: { startsAt: new Date(a.startsAt).toISOString() }, next: { startsAt: moved } },
    });
    const done = await w.call('POST', '/api/v1/admin/events/bulk-reschedule', { token: w.admin, body });
    expect(done.json.counts.done).toBe(2);
    expect((await w.deps.storage.events.findById(null, a.id))?.state.startsAt).toBe(Date.parse(moved));
    const back = await w.call('POST', '/api/v1/admin/events/bulk-reschedule', { token: w.admin, body: { ...body, shift: '-PT2H' } });
    expect(back.json.counts.done).toBe(2);
    expect((await w.deps.storage.events.findById(null, a.id))?.state.startsAt).toBe(a.startsAt);
  });

  it('moves a single event to a new start, keeping its duration; `to` with several events is 422', async () => {
    const w = await adminWorld();
    const a = await w.publishedEvent('A');
    const b = await w.publishedEvent('B');
    const to = '2030-06-01T10:00:00+03:00';
    const res = await w.call('POST', '/api/v1/admin/events/bulk-reschedule', { token: w.admin, body: { eventIds: [a.id], to, reason: 'r' } });
    expect(res.status).toBe(200);
    expect(res.json.items[0].detail.next).toEqual({ startsAt: '2030-06-01T07:00:00.000Z', endsAt: '2030-06-01T10:00:00.000Z' });
    const many = await w.call('POST', '/api/v1/admin/events/bulk-reschedule', { token: w.admin, body: { eventIds: [a.id, b.id], to, reason: 'r' } });
    expect(many.status).toBe(422);
    expect(many.json.code).toBe('INVALID_REQUEST');
  });

  it('admins only; 400 for a bad duration or for both or neither of shift and to', async () => {
    const w = await adminWorld();
    const a = await w.publishedEvent();
    const ok = { eventIds: [a.id], shift: 'P1D', reason: 'r' };
    expect((await w.call('POST', '/api/v1/admin/events/bulk-reschedule', { body: ok })).status).toBe(401);
    expect((await w.call('POST', '/api/v1/admin/events/bulk-reschedule', { token: w.organiser, body: ok })).status).toBe(403);
    for (const shift of ['2h', 'P1M', 'P1Y', 'PT', 'P', 'PT0S', '+-PT1H', 'PT1.5H']) {
      const res = await w.call('POST', '/api/v1/admin/events/bulk-reschedule', { token: w.admin, body: { ...ok, shift } });
      expect(res.status, shift).toBe(400);
    }
    const both = await w.call('POST', '/api/v1/admin/events/bulk-reschedule', { token: w.admin, body: { ...ok, to: '2030-01-01T00:00:00Z' } });
    expect(both.status).toBe(400);
    expect((await w.call('POST', '/api/v1/admin/events/bulk-reschedule', { token: w.admin, body: { eventIds: [a.id], reason: 'r' } })).status).toBe(400);
  });
});
