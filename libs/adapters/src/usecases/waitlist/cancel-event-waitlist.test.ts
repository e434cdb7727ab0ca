import { describe, expect, it } from 'vitest';
import { errorType, value } from './results.test-support.js';
import { admin, MIN, owner, scheduler, user, waitlistWorld } from './waitlist-world.test-support.js';

describe('CancelEventWaitlistService', () => {
  it('cancels every WAITING and OFFERED entry, releases the holds, audits each; a repeat changes nothing', async () => {
    const w = waitlistWorld();
    const event = await w.seedEvent({ capacity: 2 });
    const leaving = (await w.book(event.id, 'leaving', 1))!;
    await w.book(event.id, 'staying', 1);
    const ann = value(await w.join.execute(user('ann'), { eventId: event.id, quantity: 1 }));
    w.clock.advance(1_000);
    const bob = value(await w.join.execute(user('bob'), { eventId: event.id, quantity: 1 }));
    w.clock.advance(1_000);
    const cid = value(await w.join.execute(user('cid'), { eventId: event.id, quantity: 1 }));
    value(await w.leave.execute(user('cid'), { entryId: cid.id }));
    await w.cancel(leaving.id);
    expect((await w.entry(ann.id)).status).toBe('OFFERED');
    expect((await w.event(event.id)).seatsTaken).toBe(2);

    w.clock.advance(MIN);
    const canceled = await w.db.run((tx) => w.cancelForEvent.cancelEntriesForEvent(tx, admin, event.id));
    expect(canceled.map((e) => [e.id, e.status, e.updatedAt])).toEqual([
      [ann.id, 'CANCELED', w.clock.now()],
      [bob.id, 'CANCELED', w.clock.now()],
    ]);
    expect((await w.entry(ann.id)).status).toBe('CANCELED');
    expect((await w.entry(bob.id)).status).toBe('CANCELED');
    expect((await w.entry(cid.id)).status).toBe('LEFT');
    expect((await w.event(event.id)).seatsTaken).toBe(1); // the "staying" booking only
    expect((await w.auditOf(ann.id)).at(-1)).toMatchObject({ from: 'OFFERED', to: 'CANCELED', actorId: 'admin-1', reason: 'event canceled' });
    expect((await w.auditOf(bob.id)).at(-1)).toMatchObject({ from: 'WAITING', to: 'CANCELED' });

    expect(await w.db.run((tx) => w.cancelForEvent.cancelEntriesForEvent(tx, admin, event.id))).toEqual([]);
    expect((await w.event(event.id)).seatsTaken).toBe(1);
  });
});

describe('ProcessEventWaitlistUseCase', () => {
  it('offers free seats to the head when an admin asks, and only then', async () => {
    const w = waitlistWorld();
    const event = await w.seedEvent({ capacity: 1 });
    const leaving = (await w.book(event.id, 'leaving', 1))!;
    const ann = value(await w.join.execute(user('ann'), { eventId: event.id, quantity: 1 }));
    // A seat freed by hand (say a repaired counter) that nobody offered yet.
    await w.db.run(async (tx) => {
      await w.bookings.transition(tx, { ...leaving, status: 'CANCELED' }, leaving.status);
      await w.events.adjustSeats(tx, event.id, { eventDelta: -1, option: { id: leaving.priceOptionId, delta: -1 }, requirePublished: false });
    });
    expect(errorType(await w.process.execute(owner, { eventId: event.id }))).toBe('FORBIDDEN');
    expect(errorType(await w.process.execute(scheduler, { eventId: '00000000-0000-7000-8000-ffffffffffff' }))).toBe('EVENT_NOT_FOUND');
    expect(value(await w.process.execute(scheduler, { eventId: event.id }))).toEqual({ offered: 1 });
    expect((await w.entry(ann.id)).status).toBe('OFFERED');
    expect(value(await w.process.execute(admin, { eventId: event.id }))).toEqual({ offered: 0 });
  });
});
