import { describe, expect, it } from 'vitest';
import { errorType, value } from './results.test-support.js';
import {
  guest, MIN, OPTION, user, waitlistWorld, type WaitlistWorld,
} from './waitlist-world.test-support.js';

const QUOTA_OPTION = '00000000-0000-7000-8000-00000000b002';

/** Ann waits for 2 seats of a full event; a buyer cancels 2 and Ann is offered them. */
async function annHoldsAnOffer(w: WaitlistWorld, overrides: Parameters<WaitlistWorld['seedEvent']>[0] = {}, priceOptionId?: string) {
  const event = await w.seedEvent({ capacity: 3, ...overrides });
  const leaving = (await w.book(event.id, 'leaving', 2))!;
  await w.book(event.id, 'staying', 1);
  const entry = value(
    await w.join.execute(user('ann'), { eventId: event.id, quantity: 2, ...(priceOptionId ? { priceOptionId } : {}) }),
  );
  w.clock.advance(MIN);
  expect(await w.cancel(leaving.id)).toBe(1);
  return { event, entry: await w.entry(entry.id) };
}

describe('ClaimOfferUseCase', () => {
  it('turns the offer into a PENDING_PAYMENT booking from the hold: the event count stays, the option counts it', async () => {
    const w = waitlistWorld({ bookingTtlMinutes: 15 });
    const { event, entry } = await annHoldsAnOffer(w);
    w.clock.advance(5 * MIN);
    const now = w.clock.now();
    const booking = value(await w.claim.execute(user('ann'), { entryId: entry.id }));
    expect(booking).toMatchObject({
      eventId: event.id, userId: 'ann', quantity: 2, priceOptionId: OPTION, status: 'PENDING_PAYMENT', totalAmount: 5_000,
      paymentDeadline: now + 15 * MIN, waitlistEntryId: entry.id, ticketCode: null, createdAt: now,
    });
    expect(await w.bookings.findById(null, booking.id)).toEqual(booking);
    expect(await w.entry(entry.id)).toMatchObject({ status: 'CLAIMED', bookingId: booking.id, updatedAt: now });
    const after = await w.event(event.id);
    expect(after.seatsTaken).toBe(3);
    expect(after.priceOptions[0]!.seatsTaken).toBe(3);

    expect((await w.messages()).slice(-2).map((m) => [m.type, m.subject])).toEqual([
      ['waitlist.claimed', entry.id],
      ['booking.created', booking.id],
    ]);
    expect((await w.auditOf(entry.id)).map((a) => [a.from, a.to])).toEqual([
      [null, 'WAITING'],
      ['WAITING', 'OFFERED'],
      ['OFFERED', 'CLAIMED'],
    ]);
    expect((await w.auditOf(booking.id)).map((a) => [a.entity, a.from, a.to, a.actorId])).toEqual([
      ['BOOKING', null, 'PENDING_PAYMENT', 'ann'],
    ]);
  });

  it('confirms a free booking at once, with a ticket code', async () => {
    const w = waitlistWorld();
    const free = [{ id: OPTION, name: 'Free', price: 0, quantity: null, seatsTaken: 0, active: true }];
    const { entry } = await annHoldsAnOffer(w, { priceOptions: free });
    const booking = value(await w.claim.execute(user('ann'), { entryId: entry.id }));
    expect(booking.status).toBe('CONFIRMED');
    expect(booking.ticketCode).toMatch(/^AQ-TICKET-/);
    expect((await w.messages()).slice(-3).map((m) => m.type)).toEqual(['waitlist.claimed', 'booking.created', 'booking.confirmed']);
  });

  it('answers WAITLIST_ENTRY_NOT_FOUND to anyone but the owner, and NOT_AUTHENTICATED to guests', async () => {
    const w = waitlistWorld();
    const { entry } = await annHoldsAnOffer(w);
    expect(errorType(await w.claim.execute(user('bob'), { entryId: entry.id }))).toBe('WAITLIST_ENTRY_NOT_FOUND');
    expect(errorType(await w.claim.execute(user('ann'), { entryId: '00000000-0000-7000-8000-ffffffffffff' }))).toBe(
      'WAITLIST_ENTRY_NOT_FOUND',
    );
    expect(errorType(await w.claim.execute(guest, { entryId: entry.id }))).toBe('NOT_AUTHENTICATED');
    expect((await w.entry(entry.id)).status).toBe('OFFERED');
  });

  it('answers OFFER_EXPIRED after the window, even before the cleanup job ran, and changes nothing', async () => {
    const w = waitlistWorld();
    const { event, entry } = await annHoldsAnOffer(w);
    w.clock.set(entry.offerExpiresAt!);
    w.clock.advance(1);
    expect(errorType(await w.claim.execute(user('ann'), { entryId: entry.id }))).toBe('OFFER_EXPIRED');
    expect((await w.entry(entry.id)).status).toBe('OFFERED');
    expect(await w.bookings.hasActiveBooking(null, event.id, 'ann')).toBe(false);
  });

  it('accepts a claim at the very instant the window closes', async () => {
    const w = waitlistWorld();
    const { entry } = await annHoldsAnOffer(w);
    w.clock.set(entry.offerExpiresAt!);
    expect(value(await w.claim.execute(user('ann'), { entryId: entry.id })).status).toBe('PENDING_PAYMENT');
  });

  it('answers WAITLIST_ENTRY_NOT_ACTIVE for an entry still waiting, and for a repeated claim, without moving seats', async () => {
    const w = waitlistWorld();
    const { event, entry } = await annHoldsAnOffer(w);
    const bob = value(await w.join.execute(user('bob'), { eventId: event.id, quantity: 1 }));
    expect(errorType(await w.claim.execute(user('bob'), { entryId: bob.id }))).toBe('WAITLIST_ENTRY_NOT_ACTIVE');
    value(await w.claim.execute(user('ann'), { entryId: entry.id }));
    const before = await w.event(event.id);
    expect(errorType(await w.claim.execute(user('ann'), { entryId: entry.id }))).toBe('WAITLIST_ENTRY_NOT_ACTIVE');
    expect(await w.event(event.id)).toEqual(before);
  });

  it('answers PRICE_OPTION_SOLD_OUT when the chosen option’s quota filled up meanwhile; the offer keeps its hold', async () => {
    const w = waitlistWorld();
    const options = [
      { id: OPTION, name: 'Seat', price: 2_500, quantity: null, seatsTaken: 0, active: true },
      { id: QUOTA_OPTION, name: 'Front row', price: 4_000, quantity: 2, seatsTaken: 0, active: true },
    ];
    const event = await w.seedEvent({ capacity: 4, priceOptions: options });
    const leaving = (await w.book(event.id, 'leaving', 2, OPTION))!;
    await w.book(event.id, 'front', 2, QUOTA_OPTION);
    const entry = value(await w.join.execute(user('ann'), { eventId: event.id, quantity: 2, priceOptionId: QUOTA_OPTION }));
    await w.cancel(leaving.id);
    expect((await w.entry(entry.id)).status).toBe('OFFERED');
    const before = await w.event(event.id);
    expect(errorType(await w.claim.execute(user('ann'), { entryId: entry.id }))).toBe('PRICE_OPTION_SOLD_OUT');
    expect((await w.entry(entry.id)).status).toBe('OFFERED');
    expect(await w.event(event.id)).toEqual(before);
  });

  it('answers EVENT_NOT_BOOKABLE when the event was canceled after the offer', async () => {
    const w = waitlistWorld();
    const { event, entry } = await annHoldsAnOffer(w);
    await w.db.run(async (tx) => {
      const record = (await w.events.findById(tx, event.id))!;
      await w.events.update(tx, { ...record, state: { ...record.state, status: 'CANCELED' } }, record.version);
    });
    expect(errorType(await w.claim.execute(user('ann'), { entryId: entry.id }))).toBe('EVENT_NOT_BOOKABLE');
  });

  it('answers ALREADY_BOOKED when the claimant booked directly meanwhile, and rolls the quota back', async () => {
    const w = waitlistWorld();
    const event = await w.seedEvent({ capacity: 4 });
    const leaving = (await w.book(event.id, 'leaving', 2))!;
    await w.book(event.id, 'staying', 1);
    const entry = value(await w.join.execute(user('ann'), { eventId: event.id, quantity: 2 }));
    expect(await w.book(event.id, 'ann', 1)).not.toBeNull(); // one seat was free: Ann took it directly
    await w.cancel(leaving.id);
    expect((await w.entry(entry.id)).status).toBe('OFFERED');
    const before = await w.event(event.id);
    expect(errorType(await w.claim.execute(user('ann'), { entryId: entry.id }))).toBe('ALREADY_BOOKED');
    expect(await w.event(event.id)).toEqual(before);
    expect((await w.entry(entry.id)).status).toBe('OFFERED');
  });
});
