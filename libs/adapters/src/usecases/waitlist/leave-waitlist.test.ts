import { describe, expect, it } from 'vitest';
import { errorType, value } from './results.test-support.js';
import { guest, MIN, user, waitlistWorld } from './waitlist-world.test-support.js';

describe('LeaveWaitlistUseCase', () => {
  it('moves a WAITING entry to LEFT without touching seats; leaving again answers it unchanged', async () => {
    const w = waitlistWorld();
    const event = await w.seedEvent({ capacity: 1 });
    await w.book(event.id, 'buyer', 1);
    const entry = value(await w.join.execute(user('ann'), { eventId: event.id, quantity: 1 }));
    w.clock.advance(MIN);
    const left = value(await w.leave.execute(user('ann'), { entryId: entry.id }));
    expect(left).toMatchObject({ id: entry.id, status: 'LEFT', position: null });
    expect((await w.entry(entry.id)).updatedAt).toBe(w.clock.now());
    expect((await w.event(event.id)).seatsTaken).toBe(1);
    w.clock.advance(MIN);
    expect(value(await w.leave.execute(user('ann'), { entryId: entry.id })).status).toBe('LEFT');
    expect((await w.auditOf(entry.id)).map((a) => [a.from, a.to, a.reason])).toEqual([
      [null, 'WAITING', null],
      ['WAITING', 'LEFT', 'left'],
    ]);
    // Having left, Ann may join again.
    expect(value(await w.join.execute(user('ann'), { eventId: event.id, quantity: 1 })).status).toBe('WAITING');
  });

  it('releases the hold of an OFFERED entry and offers the seats to the next in line', async () => {
    const w = waitlistWorld();
    const event = await w.seedEvent({ capacity: 2 });
    const leaving = (await w.book(event.id, 'leaving', 2))!;
    const ann = value(await w.join.execute(user('ann'), { eventId: event.id, quantity: 2 }));
    w.clock.advance(1_000);
    const bob = value(await w.join.execute(user('bob'), { eventId: event.id, quantity: 2 }));
    await w.cancel(leaving.id);
    expect((await w.entry(ann.id)).status).toBe('OFFERED');
    value(await w.leave.execute(user('ann'), { entryId: ann.id }));
    expect((await w.entry(ann.id)).status).toBe('LEFT');
    expect((await w.entry(bob.id)).status).toBe('OFFERED');
    expect((await w.event(event.id)).seatsTaken).toBe(2);
  });

  it('unblocks the line when a head that did not fit leaves', async () => {
    const w = waitlistWorld();
    const event = await w.seedEvent({ capacity: 3 });
    const small = (await w.book(event.id, 'small', 1))!;
    await w.book(event.id, 'rest', 2);
    const big = value(await w.join.execute(user('big'), { eventId: event.id, quantity: 3 }));
    w.clock.advance(1_000);
    const one = value(await w.join.execute(user('one'), { eventId: event.id, quantity: 1 }));
    await w.cancel(small.id);
    expect((await w.entry(one.id)).status).toBe('WAITING'); // strict FIFO: "big" blocks
    value(await w.leave.execute(user('big'), { entryId: big.id }));
    expect((await w.entry(one.id)).status).toBe('OFFERED');
    expect((await w.event(event.id)).seatsTaken).toBe(3);
  });

  it('answers WAITLIST_ENTRY_NOT_FOUND to others, NOT_AUTHENTICATED to guests, WAITLIST_ENTRY_NOT_ACTIVE once claimed', async () => {
    const w = waitlistWorld();
    const event = await w.seedEvent({ capacity: 1 });
    const leaving = (await w.book(event.id, 'leaving', 1))!;
    const entry = value(await w.join.execute(user('ann'), { eventId: event.id, quantity: 1 }));
    expect(errorType(await w.leave.execute(user('bob'), { entryId: entry.id }))).toBe('WAITLIST_ENTRY_NOT_FOUND');
    expect(errorType(await w.leave.execute(guest, { entryId: entry.id }))).toBe('NOT_AUTHENTICATED');
    await w.cancel(leaving.id);
    value(await w.claim.execute(user('ann'), { entryId: entry.id }));
    const r = await w.leave.execute(user('ann'), { entryId: entry.id });
    expect(!r.ok && r.error).toMatchObject({ type: 'WAITLIST_ENTRY_NOT_ACTIVE', status: 'CLAIMED' });
    expect((await w.event(event.id)).seatsTaken).toBe(1);
  });
});
