import { describe, expect, it } from 'vitest';
import { alice, bob, bookingWorld, carol, GRACE_MINUTES, MIN, TTL_MINUTES, value } from './booking-world.test-support.js';

const DUE = (TTL_MINUTES + GRACE_MINUTES) * MIN + 1;

describe('ExpireDueBookingsUseCase', () => {
  it('expires unpaid bookings past deadline + grace: seats and promo uses back, message and audit written', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const promo = await w.seedPromo();
    const booking = await w.book(alice, event.id, 3, { promoCode: 'SPRING10' });
    w.clock.advance(DUE);
    expect(value(await w.expire.execute(w.ctx.scheduler))).toEqual({ examined: 1, expired: 1, paid: 0, skipped: 0, failed: [], more: false });
    expect(await w.booking(booking.id)).toMatchObject({ status: 'EXPIRED' });
    expect((await w.seats(event.id)).taken).toBe(0);
    expect((await w.promoCodes.findById(null, promo.id))?.usesCount).toBe(0);
    expect((await w.messages('booking.expired')).map((m) => m.data)).toMatchObject([{ bookingId: booking.id, quantity: 3 }]);
    expect((await w.auditOf(booking.id)).at(-1)).toMatchObject({ from: 'PENDING_PAYMENT', to: 'EXPIRED', actorId: 'scheduler' });
  });

  it('leaves a booking alone while its grace lasts, and confirmed ones always', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const pending = await w.book(alice, event.id);
    await w.bookPaid(bob, event.id);
    w.clock.advance(DUE - 1);
    expect(value(await w.expire.execute(w.ctx.scheduler)).examined).toBe(0);
    expect((await w.booking(pending.id)).status).toBe('PENDING_PAYMENT');
    expect((await w.seats(event.id)).taken).toBe(2);
  });

  it('asks the gateway first: a payment that succeeded but whose webhook was lost confirms the booking', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const booking = await w.book(alice, event.id, 2);
    const { payment } = await w.checkout(alice, booking.id); // paid at the sandbox; the webhook never arrives
    w.clock.advance(DUE);
    expect(value(await w.expire.execute(w.ctx.scheduler))).toMatchObject({ expired: 0, paid: 1 });
    expect(await w.booking(booking.id)).toMatchObject({ status: 'CONFIRMED', paidAmount: payment.amount });
    expect((await w.payment(payment.id)).status).toBe('COMPLETED');
    expect((await w.seats(event.id)).taken).toBe(2);
  });

  it('marks a payment the gateway declined FAILED and expires its booking', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const booking = await w.book(alice, event.id);
    const { payment } = await w.checkout(alice, booking.id, 'failed');
    w.clock.advance(DUE);
    expect(value(await w.expire.execute(w.ctx.scheduler))).toMatchObject({ expired: 1 });
    expect((await w.payment(payment.id)).status).toBe('FAILED');
    expect((await w.booking(booking.id)).status).toBe('EXPIRED');
    expect(await w.messages('payment.failed')).toHaveLength(1);
  });

  it('expires a booking whose payment is still pending at the gateway', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const booking = await w.book(alice, event.id);
    value(await w.initiate.execute(alice, { bookingId: booking.id }));
    w.clock.advance(DUE);
    expect(value(await w.expire.execute(w.ctx.scheduler))).toMatchObject({ expired: 1 });
    expect((await w.booking(booking.id)).status).toBe('EXPIRED');
  });

  it('skips what the gateway cannot be asked about, without holding back the rest', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const withPayment = await w.book(alice, event.id);
    value(await w.initiate.execute(alice, { bookingId: withPayment.id }));
    w.clock.advance(MIN);
    const plain = await w.book(bob, event.id);
    w.clock.advance(DUE);
    w.gateway.statusDown = true;
    const result = value(await w.expire.execute(w.ctx.scheduler));
    expect(result).toMatchObject({ examined: 2, expired: 1, failed: [{ bookingId: withPayment.id, error: 'sandbox status is down' }] });
    expect((await w.booking(withPayment.id)).status).toBe('PENDING_PAYMENT');
    expect((await w.booking(plain.id)).status).toBe('EXPIRED');
  });

  it('works in batches, oldest deadline first, and says when more are due', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const first = await w.book(alice, event.id);
    w.clock.advance(MIN);
    await w.book(bob, event.id);
    w.clock.advance(MIN);
    await w.book(carol, event.id);
    w.clock.advance(DUE);
    // One set-based transaction of one booking per call (bookings without an open payment go set-based).
    expect(value(await w.expire.execute(w.ctx.scheduler, { batchSize: 1, setBatchSize: 1, maxSetBatches: 1 }))).toMatchObject({ expired: 1, more: true });
    expect((await w.booking(first.id)).status).toBe('EXPIRED');
    expect(value(await w.expire.execute(w.ctx.scheduler, { batchSize: 5 }))).toMatchObject({ expired: 2, more: false });
    expect((await w.seats(event.id)).taken).toBe(0);
  });

  it('offers the freed seats to the waitlist', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent({ capacity: 1 });
    await w.book(alice, event.id);
    value(await w.joinWaitlist.execute(bob, { eventId: event.id, quantity: 1 }));
    w.clock.advance(DUE);
    value(await w.expire.execute(w.ctx.scheduler));
    expect((await w.messages('waitlist.offered')).map((m) => m.data)).toMatchObject([{ userId: 'bob' }]);
    expect((await w.seats(event.id)).taken).toBe(1);
  });
});
