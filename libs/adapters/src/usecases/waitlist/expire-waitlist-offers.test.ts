import { describe, expect, it } from 'vitest';
import { errorType, value } from './results.test-support.js';
import { guest, HOUR, MIN, OFFER_MINUTES, scheduler, user, waitlistWorld, type WaitlistWorld } from './waitlist-world.test-support.js';

/** A full event whose freed seat is offered to "first", with "second" waiting behind. */
async function offeredWithNext(w: WaitlistWorld) {
  const event = await w.seedEvent({ capacity: 1 });
  const leaving = (await w.book(event.id, 'leaving', 1))!;
  const first = value(await w.join.execute(user('first'), { eventId: event.id, quantity: 1 }));
  w.clock.advance(1_000);
  const second = value(await w.join.execute(user('second'), { eventId: event.id, quantity: 1 }));
  await w.cancel(leaving.id);
  return { event, first: await w.entry(first.id), second };
}

describe('ExpireWaitlistOffersUseCase', () => {
  it('leaves an offer alone up to and including offerExpiresAt', async () => {
    const w = waitlistWorld();
    const { first } = await offeredWithNext(w);
    w.clock.set(first.offerExpiresAt!);
    expect(value(await w.expire.execute(scheduler))).toEqual({ expired: 0, offered: 0, events: 0 });
    expect((await w.entry(first.id)).status).toBe('OFFERED');
  });

  it('expires a lapsed offer, releases its hold and offers the next in line, with messages and audit', async () => {
    const w = waitlistWorld();
    const { event, first, second } = await offeredWithNext(w);
    w.clock.set(first.offerExpiresAt! + 1);
    const now = w.clock.now();
    expect(value(await w.expire.execute(scheduler))).toEqual({ expired: 1, offered: 1, events: 1 });
    expect(await w.entry(first.id)).toMatchObject({ status: 'EXPIRED', updatedAt: now });
    expect(await w.entry(second.id)).toMatchObject({ status: 'OFFERED', offerExpiresAt: now + OFFER_MINUTES * MIN });
    expect((await w.event(event.id)).seatsTaken).toBe(1);
    expect((await w.messages()).slice(-2).map((m) => [m.type, m.subject, m.data])).toEqual([
      ['waitlist.offer_expired', first.id, { entryId: first.id, eventId: event.id, userId: 'first' }],
      ['waitlist.offered', second.id, expect.objectContaining({ userId: 'second' })],
    ]);
    expect((await w.auditOf(first.id)).at(-1)).toMatchObject({ from: 'OFFERED', to: 'EXPIRED', actorId: 'scheduler', reason: 'offer window passed' });
    // A repeated run finds nothing to do, and the claim now answers OFFER_EXPIRED.
    expect(value(await w.expire.execute(scheduler))).toEqual({ expired: 0, offered: 0, events: 0 });
    expect(errorType(await w.claim.execute(user('first'), { entryId: first.id }))).toBe('OFFER_EXPIRED');
  });

  it('works through several events in batches', async () => {
    const w = waitlistWorld();
    const a = await offeredWithNext(w);
    const b = await offeredWithNext(w);
    w.clock.advance(OFFER_MINUTES * MIN + 1);
    expect(value(await w.expire.execute(scheduler, { batchSize: 1 }))).toEqual({ expired: 2, offered: 2, events: 2 });
    for (const { first, second } of [a, b]) {
      expect((await w.entry(first.id)).status).toBe('EXPIRED');
      expect((await w.entry(second.id)).status).toBe('OFFERED');
    }
  });

  it('after the booking deadline expires offers and releases the seats without offering them again', async () => {
    const w = waitlistWorld();
    const { event, first, second } = await offeredWithNext(w);
    w.clock.set(event.startsAt - 24 * HOUR + 1);
    expect(value(await w.expire.execute(scheduler))).toEqual({ expired: 1, offered: 0, events: 1 });
    expect((await w.entry(second.id)).status).toBe('WAITING');
    expect((await w.entry(first.id)).status).toBe('EXPIRED');
    expect((await w.event(event.id)).seatsTaken).toBe(0);
  });

  it('runs for the scheduler and admins only', async () => {
    const w = waitlistWorld();
    expect(errorType(await w.expire.execute(guest))).toBe('NOT_AUTHENTICATED');
    expect(errorType(await w.expire.execute(user('ann')))).toBe('FORBIDDEN');
    expect(value(await w.expire.execute(user('root', ['ADMIN'])))).toEqual({ expired: 0, offered: 0, events: 0 });
  });
});
