import { describe, expect, it } from 'vitest';
import { admin, adminWorld, cli, errorType, guest, manager, value, OTHER_ORG } from './admin-world.test-support.js';

const MISSING = '00000000-0000-7000-8000-0000000fffff';

describe('BulkCancelEventsUseCase', () => {
  it('is for admins only, with a reason and a percentage within 0..100', async () => {
    const w = adminWorld();
    const e = await w.seedEvent();
    const input = { selection: { eventIds: [e.id] }, reason: 'storm' };
    expect(errorType(await w.bulkCancel.execute(guest, input))).toBe('NOT_AUTHENTICATED');
    expect(errorType(await w.bulkCancel.execute(manager, input))).toBe('FORBIDDEN');
    expect(errorType(await w.bulkCancel.execute(admin, { ...input, reason: ' ' }))).toBe('INVALID_REQUEST');
    expect(errorType(await w.bulkCancel.execute(admin, { ...input, refundPercent: -1 }))).toBe('INVALID_REQUEST');
    expect((await w.event(e.id)).status).toBe('PUBLISHED');
  });

  it('cancels each event on its own and reports done, skipped and failed per item', async () => {
    const w = adminWorld();
    const a = await w.seedEvent();
    const b = await w.seedEvent();
    const booked = await w.book(b, 'u-1', 2, { paid: true });
    const done = await w.seedEvent({ status: 'CANCELED', cancelReason: 'earlier', canceledAt: 1 });
    const completed = await w.seedEvent({ status: 'COMPLETED', completedAt: 1 });
    const progress: string[] = [];
    const result = value(
      await w.bulkCancel.execute(cli, {
        selection: { eventIds: [a.id, b.id, done.id, completed.id, MISSING, a.id] },
        reason: 'storm',
        refundPercent: 50,
        onProgress: (item, i, total) => progress.push(`${i + 1}/${total} ${item.outcome}`),
      }),
    );
    expect(result.items.map((i) => [i.eventId, i.outcome, i.code])).toEqual([
      [a.id, 'done', null],
      [b.id, 'done', null],
      [done.id, 'skipped', 'ALREADY_CANCELED'],
      [completed.id, 'failed', 'EVENT_NOT_EDITABLE'],
      [MISSING, 'failed', 'EVENT_NOT_FOUND'],
    ]);
    expect(result.counts).toEqual({ done: 2, skipped: 1, failed: 2, planned: 0 });
    expect(progress).toEqual(['1/5 done', '2/5 done', '3/5 skipped', '4/5 failed', '5/5 failed']);
    expect(result.items[1]?.detail).toMatchObject({ bookingsCanceled: 1, refundTotal: Math.round(booked.totalAmount / 2) });
    expect((await w.event(a.id)).status).toBe('CANCELED');
    expect((await w.booking(booked.id)).refund).toMatchObject({ percent: 50 });
    // Audited as the CLI user.
    expect((await w.auditRows('EVENT')).map((r) => r.actorId)).toEqual(['cli:alice', 'cli:alice']);
  });

  it('skips on a re-run what the first run did, and retries what failed', async () => {
    const w = adminWorld();
    const a = await w.seedEvent();
    const b = await w.seedEvent();
    const input = { selection: { eventIds: [a.id, b.id] }, reason: 'storm' };
    w.gateway.failing = false;
    value(await w.bulkCancel.execute(admin, { selection: { eventIds: [a.id] }, reason: 'storm' }));
    const messages = (await w.messageTypes()).length;
    const rerun = value(await w.bulkCancel.execute(admin, input));
    expect(rerun.items.map((i) => [i.outcome, i.code])).toEqual([
      ['skipped', 'ALREADY_DONE'],
      ['done', null],
    ]);
    expect((await w.messageTypes()).length).toBeGreaterThan(messages);
    const third = value(await w.bulkCancel.execute(admin, input));
    expect(third.counts).toEqual({ done: 0, skipped: 2, failed: 0, planned: 0 });
  });

  it('selects events by a catalogue filter', async () => {
    const w = adminWorld();
    const mine = await w.seedEvent();
    const other = await w.seedEvent({ organizationId: OTHER_ORG });
    const draft = await w.seedEvent({ status: 'DRAFT', publishedAt: null });
    const result = value(await w.bulkCancel.execute(admin, { selection: { filter: { organizationId: mine.organizationId } }, reason: 'storm' }));
    expect(result.items.map((i) => i.eventId)).toEqual([mine.id]);
    expect((await w.event(other.id)).status).toBe('PUBLISHED');
    expect((await w.event(draft.id)).status).toBe('DRAFT');
    const drafts = value(await w.bulkCancel.execute(admin, { selection: { filter: { statuses: ['DRAFT'] } }, reason: 'cleanup' }));
    expect(drafts.items.map((i) => [i.eventId, i.outcome])).toEqual([[draft.id, 'done']]);
  });

  it('shows the plan of a dry run and changes nothing', async () => {
    const w = adminWorld();
    const a = await w.seedEvent();
    await w.book(a, 'u-1', 2, { paid: true });
    const canceled = await w.seedEvent({ status: 'CANCELED', cancelReason: 'x', canceledAt: 1 });
    const result = value(await w.bulkCancel.execute(admin, { selection: { eventIds: [a.id, canceled.id] }, reason: 'storm', dryRun: true }));
    expect(result.dryRun).toBe(true);
    expect(result.items.map((i) => i.outcome)).toEqual(['planned', 'skipped']);
    expect(result.items[0]?.detail).toMatchObject({ bookingsCanceled: 1, statusBefore: 'PUBLISHED' });
    expect((await w.event(a.id)).status).toBe('PUBLISHED');
    // Nothing was remembered either: the real run afterwards does the work.
    const real = value(await w.bulkCancel.execute(admin, { selection: { eventIds: [a.id] }, reason: 'storm' }));
    expect(real.items[0]?.outcome).toBe('done');
  });
});
