import { describe, expect, it } from 'vitest';
import { errorType, value } from './results.test-support.js';
import { admin, guest, manager, owner, staff, T0, user, waitlistWorld, type WaitlistWorld } from './waitlist-world.test-support.js';

/** A full event with ann, bob and cid in line (one second apart); bob was offered a freed seat. */
async function lineOfThree(w: WaitlistWorld) {
  const event = await w.seedEvent({ capacity: 2 });
  const leaving = (await w.book(event.id, 'leaving', 1))!;
  await w.book(event.id, 'staying', 1);
  const ann = value(await w.join.execute(user('ann'), { eventId: event.id, quantity: 2 }));
  w.clock.advance(1_000);
  const bob = value(await w.join.execute(user('bob'), { eventId: event.id, quantity: 1 }));
  w.clock.advance(1_000);
  const cid = value(await w.join.execute(user('cid'), { eventId: event.id, quantity: 1 }));
  return { event, leaving, ann, bob, cid };
}

describe('ListMyWaitlistUseCase', () => {
  it('lists the caller’s entries in every status, newest first, with a position while WAITING', async () => {
    const w = waitlistWorld();
    const { event, ann } = await lineOfThree(w);
    const other = await w.seedEvent({ capacity: 1 });
    await w.book(other.id, 'someone', 1);
    w.clock.advance(1_000);
    const second = value(await w.join.execute(user('ann'), { eventId: other.id, quantity: 1 }));
    w.clock.advance(1_000);
    value(await w.leave.execute(user('ann'), { entryId: second.id }));
    const third = value(await w.join.execute(user('ann'), { eventId: other.id, quantity: 1 }));

    const page = value(await w.listMine.execute(user('ann'), { page: 1, size: 20 }));
    expect(page).toMatchObject({ page: 1, size: 20, totalElements: 3, totalPages: 1 });
    expect(page.data.map((e) => [e.id, e.eventId, e.status, e.position])).toEqual([
      [third.id, other.id, 'WAITING', 1],
      [second.id, other.id, 'LEFT', null],
      [ann.id, event.id, 'WAITING', 1],
    ]);
    expect(page.data[2]).toEqual({ ...ann });
    const paged = value(await w.listMine.execute(user('ann'), { page: 2, size: 2 }));
    expect([paged.totalPages, paged.data.map((e) => e.id)]).toEqual([2, [ann.id]]);
  });

  it('shows a later entry’s position behind those ahead of it', async () => {
    const w = waitlistWorld();
    const { cid } = await lineOfThree(w);
    const page = value(await w.listMine.execute(user('cid'), { page: 1, size: 20 }));
    expect(page.data.map((e) => [e.id, e.position])).toEqual([[cid.id, 3]]);
  });

  it('answers NOT_AUTHENTICATED to guests', async () => {
    const w = waitlistWorld();
    expect(errorType(await w.listMine.execute(guest, { page: 1, size: 20 }))).toBe('NOT_AUTHENTICATED');
  });
});

describe('ListEventWaitlistUseCase', () => {
  it('shows owners, managers and admins the line in order, with positions and offer windows', async () => {
    const w = waitlistWorld();
    const { event, leaving, ann, bob, cid } = await lineOfThree(w);
    await w.cancel(leaving.id); // one seat: ann (2) does not fit, so nobody is offered
    for (const ctx of [owner, manager, admin]) {
      const page = value(await w.listForEvent.execute(ctx, { eventId: event.id, page: 1, size: 20 }));
      expect(page.totalElements).toBe(3);
      expect(page.data.map((e) => [e.id, e.userId, e.status, e.position, e.createdAt])).toEqual([
        [ann.id, 'ann', 'WAITING', 1, T0],
        [bob.id, 'bob', 'WAITING', 2, T0 + 1_000],
        [cid.id, 'cid', 'WAITING', 3, T0 + 2_000],
      ]);
    }
    value(await w.leave.execute(user('ann'), { entryId: ann.id })); // the line moves: bob is offered the seat
    const offered = value(await w.listForEvent.execute(owner, { eventId: event.id, page: 1, size: 20, statuses: ['OFFERED', 'WAITING'] }));
    expect(offered.data.map((e) => [e.userId, e.status, e.position, e.offerExpiresAt !== null])).toEqual([
      ['bob', 'OFFERED', null, true],
      ['cid', 'WAITING', 1, false],
    ]);
    const paged = value(await w.listForEvent.execute(owner, { eventId: event.id, page: 2, size: 2 }));
    expect([paged.totalElements, paged.totalPages, paged.data.map((e) => e.userId)]).toEqual([3, 2, ['cid']]);
  });

  it('refuses staff and other users with FORBIDDEN, hides drafts and unknown events with EVENT_NOT_FOUND', async () => {
    const w = waitlistWorld();
    const { event } = await lineOfThree(w);
    const draft = await w.seedEvent({ status: 'DRAFT', publishedAt: null });
    const q = (eventId: string) => ({ eventId, page: 1, size: 20 });
    expect(errorType(await w.listForEvent.execute(staff, q(event.id)))).toBe('FORBIDDEN');
    expect(errorType(await w.listForEvent.execute(user('ann'), q(event.id)))).toBe('FORBIDDEN');
    expect(errorType(await w.listForEvent.execute(user('ann'), q(draft.id)))).toBe('EVENT_NOT_FOUND');
    expect(errorType(await w.listForEvent.execute(staff, q(draft.id)))).toBe('FORBIDDEN');
    expect(errorType(await w.listForEvent.execute(owner, q('00000000-0000-7000-8000-ffffffffffff')))).toBe('EVENT_NOT_FOUND');
    expect(errorType(await w.listForEvent.execute(guest, q(event.id)))).toBe('NOT_AUTHENTICATED');
  });
});
