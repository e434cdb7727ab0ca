import { describe, expect, it } from 'vitest';
import { admin, adminWorld, errorType, guest, manager, value, DAY, HOUR, T0 } from './admin-world.test-support.js';

const CREW = { status: 'ASSIGNED', request: { size: 2, skills: ['skipper'] }, crewId: 'crew-9', attempts: 0, nextAttemptAt: null, lastError: null } as const;

describe('BulkRescheduleEventsUseCase', () => {
  it('is for admins only and needs exactly one of a non-zero shift or a target start', async () => {
    const w = adminWorld();
    const e = await w.seedEvent();
    const selection = { eventIds: [e.id] };
    expect(errorType(await w.bulkReschedule.execute(guest, { selection, shiftMs: DAY }))).toBe('NOT_AUTHENTICATED');
    expect(errorType(await w.bulkReschedule.execute(manager, { selection, shiftMs: DAY }))).toBe('FORBIDDEN');
    expect(errorType(await w.bulkReschedule.execute(admin, { selection }))).toBe('INVALID_REQUEST');
    expect(errorType(await w.bulkReschedule.execute(admin, { selection, shiftMs: DAY, to: T0 + 20 * DAY }))).toBe('INVALID_REQUEST');
    expect(errorType(await w.bulkReschedule.execute(admin, { selection, shiftMs: 0 }))).toBe('INVALID_REQUEST');
    expect(errorType(await w.bulkReschedule.execute(admin, { selection, shiftMs: 0.5 }))).toBe('INVALID_REQUEST');
    expect((await w.event(e.id)).startsAt).toBe(e.startsAt);
  });

  it('shifts every selected event: bookings stay, attendees are told, the crew is asked again, the admin action audited', async () => {
    const w = adminWorld();
    const a = await w.seedEvent({ crew: CREW });
    const b = await w.seedEvent({ endsAt: null });
    const booking = await w.book(a, 'u-1', 2, { paid: true });
    const result = value(await w.bulkReschedule.execute(admin, { selection: { eventIds: [a.id, b.id] }, shiftMs: DAY, reason: 'weather' }));
    expect(result.counts).toEqual({ done: 2, skipped: 0, failed: 0, planned: 0 });
    expect(result.items[0]?.detail).toEqual({
      previous: { startsAt: a.startsAt, endsAt: a.endsAt },
      next: { startsAt: a.startsAt + DAY, endsAt: (a.endsAt ?? 0) + DAY },
    });
    const movedA = await w.event(a.id);
    expect(movedA).toMatchObject({ startsAt: a.startsAt + DAY, endsAt: (a.endsAt ?? 0) + DAY, rescheduledAt: T0, status: 'PUBLISHED', seatsTaken: 2 });
    expect((await w.event(b.id)).startsAt).toBe(b.startsAt + DAY);
    expect((await w.booking(booking.id)).status).toBe('CONFIRMED');
    expect(await w.messageTypes(a.id)).toEqual(['event.rescheduled', 'crew.released', 'crew.assigned']);
    expect(w.crew.releases).toEqual([{ eventId: a.id, crewId: 'crew-9' }]);
    expect(w.crew.requests.map((r) => [r.eventId, r.startsAt])).toEqual([[a.id, a.startsAt + DAY]]);
    expect(movedA.crew).toMatchObject({ status: 'ASSIGNED', crewId: 'crew-1' });
    const audit = await w.auditRows('EVENT');
    expect(audit.map((r) => r.entityId)).toEqual([a.id, b.id]);
    expect(audit[0]?.reason).toBe(`moved from ${new Date(a.startsAt).toISOString()} to ${new Date(a.startsAt + DAY).toISOString()}: weather`);
  });

  it('never applies a shift twice on a re-run, but does when given another run key', async () => {
    const w = adminWorld();
    const a = await w.seedEvent();
    const input = { selection: { eventIds: [a.id] }, shiftMs: 2 * HOUR };
    value(await w.bulkReschedule.execute(admin, input));
    const rerun = value(await w.bulkReschedule.execute(admin, input));
    expect(rerun.items.map((i) => [i.outcome, i.code])).toEqual([['skipped', 'ALREADY_DONE']]);
    expect((await w.event(a.id)).startsAt).toBe(a.startsAt + 2 * HOUR);
    value(await w.bulkReschedule.execute(admin, { ...input, runKey: 'second-shift' }));
    expect((await w.event(a.id)).startsAt).toBe(a.startsAt + 4 * HOUR);
  });

  it('moves a single event to a new start, keeping its duration; a second identical move changes nothing', async () => {
    const w = adminWorld();
    const a = await w.seedEvent();
    const b = await w.seedEvent();
    const to = T0 + 20 * DAY;
    expect(errorType(await w.bulkReschedule.execute(admin, { selection: { eventIds: [a.id, b.id] }, to }))).toBe('INVALID_REQUEST');
    value(await w.bulkReschedule.execute(admin, { selection: { eventIds: [a.id] }, to }));
    expect(await w.event(a.id)).toMatchObject({ startsAt: to, endsAt: to + 3 * HOUR });
    const again = value(await w.bulkReschedule.execute(admin, { selection: { eventIds: [a.id] }, to, runKey: 'other' }));
    expect(again.items.map((i) => [i.outcome, i.code])).toEqual([['skipped', 'UNCHANGED']]);
  });

  it('reports per item the events the rules refuse, and moves the others', async () => {
    const w = adminWorld();
    const soon = await w.seedEvent({ startsAt: T0 + HOUR, endsAt: null });
    const canceled = await w.seedEvent({ status: 'CANCELED', cancelReason: 'x', canceledAt: 1 });
    const fine = await w.seedEvent();
    const result = value(await w.bulkReschedule.execute(admin, { selection: { eventIds: [soon.id, canceled.id, fine.id] }, shiftMs: -2 * HOUR }));
    expect(result.items.map((i) => [i.outcome, i.code])).toEqual([
      ['failed', 'INVALID_EVENT'],
      ['failed', 'EVENT_NOT_EDITABLE'],
      ['done', null],
    ]);
    expect((await w.event(soon.id)).startsAt).toBe(soon.startsAt);
  });

  it('shows the new times in a dry run and changes nothing', async () => {
    const w = adminWorld();
    const a = await w.seedEvent();
    const result = value(await w.bulkReschedule.execute(admin, { selection: { eventIds: [a.id] }, shiftMs: DAY, dryRun: true }));
    expect(result.items.map((i) => [i.outcome, i.detail?.next.startsAt])).toEqual([['planned', a.startsAt + DAY]]);
    expect((await w.event(a.id)).startsAt).toBe(a.startsAt);
    expect(await w.messageTypes()).toEqual([]);
    const real = value(await w.bulkReschedule.execute(admin, { selection: { eventIds: [a.id] }, shiftMs: DAY }));
    expect(real.items[0]?.outcome).toBe('done');
  });
});
