import { OfferFreedSeatsService, type EventRecord, type TxContext } from '@aquastream/application';
import { describe, expect, it } from 'vitest';
import { InMemoryEventRepository } from '../../memory/event.memory-repository.js';
import { value } from './results.test-support.js';
import { HOUR, MIN, OFFER_MINUTES, scheduler, T0, user, waitlistWorld, type WaitlistWorld } from './waitlist-world.test-support.js';

/** An event of `capacity` seats sold one by one to buyer-0…, and a line of users with the given quantities. */
async function fullEventWithLine(w: WaitlistWorld, capacity: number, quantities: readonly number[]) {
  const event = await w.seedEvent({ capacity });
  const bookings = [];
  for (let i = 0; i < capacity; i += 1) bookings.push((await w.book(event.id, `buyer-${i}`, 1))!);
  const entries = [];
  for (const [i, quantity] of quantities.entries()) {
    entries.push(value(await w.join.execute(user(`waiter-${i}`), { eventId: event.id, quantity })));
    w.clock.advance(1_000);
  }
  return { event, bookings, entries };
}

describe('OfferFreedSeatsService', () => {
  it('offers freed seats to the head, holds them for the offer window, and records the message and the audit', async () => {
    const w = waitlistWorld();
    const { event, bookings, entries } = await fullEventWithLine(w, 3, [1, 1]);
    const now = w.clock.now();
    expect(await w.cancel(bookings[0]!.id)).toBe(1);

    const head = await w.entry(entries[0]!.id);
    expect(head).toMatchObject({ status: 'OFFERED', offeredAt: now, offerExpiresAt: now + OFFER_MINUTES * MIN, updatedAt: now });
    expect((await w.entry(entries[1]!.id)).status).toBe('WAITING');
    // The hold keeps the seat away from the public: the counter is as full as before the cancel.
    expect((await w.event(event.id)).seatsTaken).toBe(3);
    expect(await w.book(event.id, 'walk-in', 1)).toBeNull();

    const offered = await w.messages('waitlist.offered');
    expect(offered.map((m) => [m.subject, m.data, m.actorId])).toEqual([
      [
        head.id,
        { entryId: head.id, eventId: event.id, userId: 'waiter-0', quantity: 1, offerExpiresAt: new Date(now + OFFER_MINUTES * MIN).toISOString() },
        'scheduler',
      ],
    ]);
    expect((await w.auditOf(head.id)).map((a) => [a.from, a.to, a.actorId])).toEqual([
      [null, 'WAITING', 'waiter-0'],
      ['WAITING', 'OFFERED', 'scheduler'],
    ]);
  });

  it('offers several heads in order while the seats suffice', async () => {
    const w = waitlistWorld();
    const event = await w.seedEvent({ capacity: 4 });
    const big = (await w.book(event.id, 'group', 4))!;
    const entries = [];
    for (const [i, q] of [1, 2, 2].entries()) {
      entries.push(value(await w.join.execute(user(`waiter-${i}`), { eventId: event.id, quantity: q })));
      w.clock.advance(1_000);
    }
    expect(await w.cancel(big.id)).toBe(2);
    expect(await Promise.all(entries.map(async (e) => (await w.entry(e.id)).status))).toEqual(['OFFERED', 'OFFERED', 'WAITING']);
    expect((await w.event(event.id)).seatsTaken).toBe(3);
  });

  it('is strict FIFO: a head that does not fit blocks everyone behind it, even one who would fit', async () => {
    const w = waitlistWorld();
    const { event, bookings, entries } = await fullEventWithLine(w, 3, [2, 1]);
    expect(await w.cancel(bookings[0]!.id)).toBe(0);
    expect((await w.entry(entries[0]!.id)).status).toBe('WAITING');
    expect((await w.entry(entries[1]!.id)).status).toBe('WAITING');
    expect((await w.event(event.id)).seatsTaken).toBe(2);
    // The next freed seat makes the head fit.
    expect(await w.cancel(bookings[1]!.id)).toBe(1);
    expect((await w.entry(entries[0]!.id)).status).toBe('OFFERED');
    expect((await w.event(event.id)).seatsTaken).toBe(3);
  });

  it('never lets an offer outlive the event’s start', async () => {
    const w = waitlistWorld({ offerMinutes: 60 * 24 * 20 }); // a window longer than the time left
    const { event, bookings, entries } = await fullEventWithLine(w, 1, [1]);
    await w.cancel(bookings[0]!.id);
    expect((await w.entry(entries[0]!.id)).offerExpiresAt).toBe(event.startsAt);
  });

  it('offers nothing once bookings have closed, nor for an event that is not published', async () => {
    const w = waitlistWorld();
    const { event, bookings, entries } = await fullEventWithLine(w, 2, [1]);
    w.clock.set(event.startsAt - 24 * HOUR);
    expect(await w.cancel(bookings[0]!.id)).toBe(0);
    expect((await w.entry(entries[0]!.id)).status).toBe('WAITING');
    expect((await w.event(event.id)).seatsTaken).toBe(1);
  });

  it('loses the race for the last seat cleanly: a booking that took it first leaves the line waiting and the count right', async () => {
    const w = waitlistWorld();
    const { event, bookings, entries } = await fullEventWithLine(w, 2, [1]);
    // The seat is freed and immediately taken by a walk-in, in the same moment the offer reads the event: this
    // repository answers the read from before the walk-in, so only the conditional update can tell.
    await w.db.run(async (tx) => {
      const b = bookings[0]!;
      await w.bookings.transition(tx, { ...b, status: 'CANCELED', updatedAt: T0 }, b.status);
      await w.events.adjustSeats(tx, event.id, { eventDelta: -1, option: { id: b.priceOptionId, delta: -1 }, requirePublished: false });
    });
    const staleRecord = (await w.events.findById(null, event.id))!;
    expect(await w.book(event.id, 'walk-in', 1)).not.toBeNull();
    class StaleReads extends InMemoryEventRepository {
      override findById(_tx: TxContext | null, _id: string): Promise<EventRecord | null> {
        return Promise.resolve(staleRecord);
      }
    }
    const service = new OfferFreedSeatsService(new StaleReads(w.db), w.waitlist, w.recorder, w.clock, { offerMinutes: OFFER_MINUTES });
    // The domain believes a seat is free; the conditional update refuses it, and nothing is offered.
    expect(staleRecord.state.seatsTaken).toBe(1);
    expect(await w.db.run((tx) => service.offer(tx, scheduler, event.id))).toBe(0);
    expect((await w.entry(entries[0]!.id)).status).toBe('WAITING');
    expect((await w.event(event.id)).seatsTaken).toBe(2);
    expect(await w.messages('waitlist.offered')).toEqual([]);
  });

  it('answers 0 for an event with an empty line or no event at all', async () => {
    const w = waitlistWorld();
    const event = await w.seedEvent({ capacity: 2 });
    expect(await w.db.run((tx) => w.offers.offer(tx, scheduler, event.id))).toBe(0);
    expect(await w.db.run((tx) => w.offers.offer(tx, scheduler, '00000000-0000-7000-8000-ffffffffffff'))).toBe(0);
  });
});
