import { describe, expect, it } from 'vitest';
import { admin, adminWorld, errorType, guest, manager, value, DAY, T0 } from './admin-world.test-support.js';

describe('admin queries: audit and outbox', () => {
  it('lists the audit log newest first, with filters and pages, for admins only', async () => {
    const w = adminWorld();
    const a = await w.seedEvent();
    const b = await w.seedEvent();
    value(await w.cancel.execute(admin, { eventId: a.id, reason: 'one' }));
    w.clock.advance(1000);
    value(await w.cancel.execute(manager, { eventId: b.id, reason: 'two' }));

    expect(errorType(await w.queryAudit.execute(guest, { page: 1, size: 10 }))).toBe('NOT_AUTHENTICATED');
    expect(errorType(await w.queryAudit.execute(manager, { page: 1, size: 10 }))).toBe('FORBIDDEN');
    const all = value(await w.queryAudit.execute(admin, { entity: 'EVENT', page: 1, size: 1 }));
    expect(all).toMatchObject({ page: 1, size: 1, totalElements: 2, totalPages: 2 });
    expect(all.data.map((e) => e.entityId)).toEqual([b.id]);
    const byActor = value(await w.queryAudit.execute(admin, { actorId: 'admin-1', page: 1, size: 10 }));
    expect(byActor.data.map((e) => e.entityId)).toEqual([a.id]);
    const byEntity = value(await w.queryAudit.execute(admin, { entityId: b.id, page: 1, size: 10 }));
    expect(byEntity.data.map((e) => e.reason)).toEqual(['two']);
    const window = value(await w.queryAudit.execute(admin, { from: T0, to: T0 + 1000, page: 1, size: 10 }));
    expect(window.data.map((e) => e.entityId)).toEqual([a.id]);
    expect(errorType(await w.queryAudit.execute(admin, { from: T0 + DAY, to: T0, page: 1, size: 10 }))).toBe('INVALID_REQUEST');
    // A page size above the contract's limit is capped, not refused.
    expect(value(await w.queryAudit.execute(admin, { page: 1, size: 1000 })).size).toBe(100);
  });

  it('lists outbox messages, counts them, and puts FAILED ones back for the relay', async () => {
    const w = adminWorld();
    const a = await w.seedEvent();
    value(await w.cancel.execute(admin, { eventId: a.id, reason: 'storm' }));

    expect(errorType(await w.listOutbox.execute(manager, { page: 1, size: 10 }))).toBe('FORBIDDEN');
    expect(errorType(await w.outboxStats.execute(guest))).toBe('NOT_AUTHENTICATED');
    expect(errorType(await w.retryOutbox.execute(manager))).toBe('FORBIDDEN');

    const listed = value(await w.listOutbox.execute(admin, { type: 'event.canceled', page: 1, size: 10 }));
    expect(listed.totalElements).toBe(1);
    const message = listed.data[0];
    expect(message).toMatchObject({ subject: a.id, sequence: 1, status: 'PENDING', actorId: 'admin-1', correlationId: 'corr-admin-1' });
    expect(value(await w.outboxStats.execute(admin))).toEqual({ PENDING: 1, SENT: 0, FAILED: 0, oldestPendingAt: T0 });

    await w.failMessage(message?.id ?? '');
    expect(value(await w.outboxStats.execute(admin))).toMatchObject({ PENDING: 0, FAILED: 1, oldestPendingAt: null });
    expect(value(await w.listOutbox.execute(admin, { status: 'FAILED', page: 1, size: 10 })).data.map((m) => m.id)).toEqual([message?.id]);
    w.clock.advance(5000);
    expect(value(await w.retryOutbox.execute(admin))).toEqual({ retried: 1 });
    expect(value(await w.retryOutbox.execute(admin, { ids: [message?.id ?? ''] }))).toEqual({ retried: 0 });
    const back = value(await w.listOutbox.execute(admin, { status: 'PENDING', page: 1, size: 10 })).data[0];
    expect(back).toMatchObject({ id: message?.id, status: 'PENDING', attempts: 0, nextAttemptAt: T0 + 5000 });
  });
});
