import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { adminWorld } from './admin-world.test-support.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('GET /admin/audit', () => {
  it('lists transitions newest first with filters, the exact entry shape and pages', async () => {
    const w = await adminWorld();
    const event = await w.publishedEvent();
    const booking = await w.book(event.id, 1, true);
    const all = await w.call('GET', '/api/v1/admin/audit?size=100', { token: w.admin });
    expect(all.status).toBe(200);
    expect(all.json).toMatchObject({ page: 1, size: 100, totalElements: expect.any(Number) });
    const mine = await w.call('GET', `/api/v1/admin/audit?entity=BOOKING&entityId=${booking.id}`, { token: w.admin });
    expect((mine.json.data as { to: string }[]).map((e) => e.to)).toEqual(['CONFIRMED', 'PENDING_PAYMENT']);
    expect(mine.json.data[1]).toEqual({
      id: expect.any(String),
      entity: 'BOOKING',
      entityId: booking.id,
      eventId: event.id,
      from: null,
      to: 'PENDING_PAYMENT',
      actorId: booking.userId,
      reason: null,
      at: expect.stringMatching(ISO),
      correlationId: 'test-book',
    });
    const byActor = await w.call('GET', `/api/v1/admin/audit?actorId=${booking.userId}`, { token: w.admin });
    expect((byActor.json.data as { actorId: string }[]).every((e) => e.actorId === booking.userId)).toBe(true);
    const future = encodeURIComponent(new Date(w.deps.clock.now() + 60_000).toISOString());
    expect((await w.call('GET', `/api/v1/admin/audit?from=${future}`, { token: w.admin })).json.totalElements).toBe(0);
    const paged = await w.call('GET', `/api/v1/admin/audit?entityId=${booking.id}&size=1&page=2`, { token: w.admin });
    expect(paged.json).toMatchObject({ page: 2, size: 1, totalElements: 2, totalPages: 2 });
  });

  it('admins only; bad filters are 400, an inverted window 422', async () => {
    const w = await adminWorld();
    expect((await w.call('GET', '/api/v1/admin/audit')).status).toBe(401);
    expect((await w.call('GET', '/api/v1/admin/audit', { token: w.organiser })).status).toBe(403);
    for (const q of ['entity=USER', 'from=yesterday', 'size=101', 'page=0']) {
      expect((await w.call('GET', `/api/v1/admin/audit?${q}`, { token: w.admin })).status, q).toBe(400);
    }
    const inverted = await w.call('GET', '/api/v1/admin/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', { token: w.admin });
    expect(inverted.status).toBe(422);
  });
});

describe('GET /admin/analytics/popular', () => {
  it('ranks events by tickets sold with revenue and conversion', async () => {
    const w = await adminWorld();
    const a = await w.publishedEvent('A');
    const b = await w.publishedEvent('B');
    await w.book(a.id, 1, true);
    await w.book(b.id, 3, true);
    await w.book(b.id, 1, false);
    const res = await w.call('GET', '/api/v1/admin/analytics/popular', { token: w.admin });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      from: null,
      to: null,
      data: [
        {
          eventId: b.id, title: 'B', organizationId: w.org.id, status: 'PUBLISHED', startsAt: new Date(b.startsAt).toISOString(),
          currency: 'RUB', ticketsSold: 3, revenueAmount: 450_000, totalBookings: 2, confirmedBookings: 1, conversionRate: 0.5,
        },
        {
          eventId: a.id, title: 'A', organizationId: w.org.id, status: 'PUBLISHED', startsAt: new Date(a.startsAt).toISOString(),
          currency: 'RUB', ticketsSold: 1, revenueAmount: 150_000, totalBookings: 1, confirmedBookings: 1, conversionRate: 1,
        },
      ],
    });
    const limited = await w.call('GET', '/api/v1/admin/analytics/popular?limit=1&from=2020-01-01T00:00:00%2B03:00', { token: w.admin });
    expect(limited.json).toMatchObject({ from: '2019-12-31T21:00:00.000Z', to: null, data: [{ eventId: b.id }] });
    const past = await w.call('GET', '/api/v1/admin/analytics/popular?to=2020-01-01T00:00:00Z', { token: w.admin });
    expect(past.json.data).toEqual([]);
  });

  it('admins only; bad parameters are 400', async () => {
    const w = await adminWorld();
    expect((await w.call('GET', '/api/v1/admin/analytics/popular')).status).toBe(401);
    expect((await w.call('GET', '/api/v1/admin/analytics/popular', { token: w.organiser })).status).toBe(403);
    for (const q of ['limit=0', 'limit=101', 'limit=x', 'from=soon']) {
      expect((await w.call('GET', `/api/v1/admin/analytics/popular?${q}`, { token: w.admin })).status, q).toBe(400);
    }
  });
});

describe('/admin/outbox', () => {
  it('lists messages with filters, counts them, and retries FAILED ones', async () => {
    const w = await adminWorld();
    const event = await w.publishedEvent();
    const list = await w.call('GET', `/api/v1/admin/outbox?subject=${event.id}&type=event.published`, { token: w.admin });
    expect(list.status).toBe(200);
    expect(list.json.totalElements).toBe(1);
    expect(list.json.data[0]).toEqual({
      id: expect.any(String),
      type: 'event.published',
      source: expect.any(String),
      subject: event.id,
      sequence: 2,
      time: expect.stringMatching(ISO),
      correlationId: 'test-seed',
      actorId: expect.any(String),
      status: 'PENDING',
      attempts: 0,
      nextAttemptAt: expect.toSatisfy((v: unknown) => v === null || (typeof v === 'string' && ISO.test(v))),
      lastError: null,
      sentAt: null,
      data: expect.any(Object),
    });
    const stats = await w.call('GET', '/api/v1/admin/outbox/stats', { token: w.admin });
    expect(stats.json).toEqual({ PENDING: expect.any(Number), SENT: 0, FAILED: 0, oldestPendingAt: expect.stringMatching(ISO) });
    expect((await w.call('GET', '/api/v1/admin/outbox?status=PENDING&size=1', { token: w.admin })).json.size).toBe(1);

    expect((await w.call('POST', '/api/v1/admin/outbox/retry', { token: w.admin })).json).toEqual({ retried: 0 });
    expect((await w.call('POST', '/api/v1/admin/outbox/retry', { token: w.admin, body: { ids: [randomUUID()] } })).json).toEqual({ retried: 0 });
  });

  it('admins only; bad filters and bodies are 400', async () => {
    const w = await adminWorld();
    expect((await w.call('GET', '/api/v1/admin/outbox')).status).toBe(401);
    expect((await w.call('GET', '/api/v1/admin/outbox', { token: w.organiser })).status).toBe(403);
    expect((await w.call('GET', '/api/v1/admin/outbox/stats', { token: w.user })).status).toBe(403);
    expect((await w.call('POST', '/api/v1/admin/outbox/retry', { token: w.organiser })).status).toBe(403);
    expect((await w.call('GET', '/api/v1/admin/outbox?status=LOST', { token: w.admin })).status).toBe(400);
    expect((await w.call('GET', '/api/v1/admin/outbox?type=booking.exploded', { token: w.admin })).status).toBe(400);
    expect((await w.call('POST', '/api/v1/admin/outbox/retry', { token: w.admin, body: { ids: ['x'] } })).status).toBe(400);
    expect((await w.call('POST', '/api/v1/admin/outbox/retry', { token: w.admin, body: '{"ids":' })).status).toBe(400);
  });
});
