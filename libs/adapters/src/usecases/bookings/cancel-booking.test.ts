import { describe, expect, it } from 'vitest';
import {
  admin,
  alice,
  bob,
  bookingWorld,
  DAY,
  failure,
  guest,
  HOUR,
  manager,
  OPTION,
  otherOrganiser,
  PRICE,
  staff,
  T0,
  value,
} from './booking-world.test-support.js';

describe('CancelBookingUseCase', () => {
  it('cancels an unpaid booking: seats and the promo use go back, no money moves', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const promo = await w.seedPromo();
    const booking = await w.book(alice, event.id, 2, { promoCode: 'SPRING10' });
    const canceled = value(await w.cancel.execute(alice, { bookingId: booking.id, reason: 'plans changed' }));
    expect(canceled).toMatchObject({ status: 'CANCELED', refund: null, cancelReason: 'plans changed' });
    expect(await w.seats(event.id)).toMatchObject({ taken: 0, byOption: { [OPTION]: 0 } });
    expect((await w.promoCodes.findById(null, promo.id))?.usesCount).toBe(0);
    expect((await w.messages('booking.canceled')).map((m) => m.data)).toMatchObject([{ bookingId: booking.id, canceledBy: 'alice', refundAmount: null }]);
    expect(await w.auditOf(booking.id)).toMatchObject([
      { from: null, to: 'PENDING_PAYMENT' },
      { from: 'PENDING_PAYMENT', to: 'CANCELED', reason: 'plans changed', actorId: 'alice' },
    ]);
    expect(await w.payments.listRefunds(null, { bookingId: booking.id, limit: 10 })).toEqual([]);
  });

  it('refunds the owner of a paid booking by the policy copied onto it, through the gateway', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent({ startsAt: T0 + 72 * HOUR });
    const booking = await w.bookPaid(alice, event.id, 2);
    // Later edits to the event's policy do not change what this booking gets back.
    const record = await w.events.findById(null, event.id);
    if (record === null) throw new Error('no event');
    await w.db.run((tx) => w.events.update(tx, { ...record, state: { ...record.state, refundPolicy: [] }, version: 2 }, 1));

    const canceled = value(await w.cancel.execute(alice, { bookingId: booking.id }));
    expect(canceled).toMatchObject({ status: 'CANCELED', paidAmount: 2 * PRICE, refund: { amount: 8_000, percent: 80, status: 'COMPLETED' } });
    const [payment] = await w.payments.listForBooking(null, booking.id);
    expect(payment).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundedAmount: 8_000 });
    expect(await w.payments.listRefunds(null, { bookingId: booking.id, limit: 10 })).toMatchObject([
      { amount: 8_000, status: 'COMPLETED', key: `cancel:${booking.id}`, gatewayReference: expect.stringMatching(/^sbx_rf_/) },
    ]);
    expect((await w.messages('payment.refunded')).map((m) => m.data)).toMatchObject([{ amount: 8_000, refundedTotal: 8_000, currency: 'EUR' }]);
    expect((await w.seats(event.id)).taken).toBe(0);
  });

  it('records a refund of 0 as settled when the policy gives nothing back', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent({ startsAt: T0 + 30 * HOUR, bookingDeadlineHours: 1 });
    const booking = await w.bookPaid(alice, event.id);
    w.clock.advance(7 * HOUR); // 23 hours before the start: 0 %
    expect(value(await w.cancel.execute(alice, { bookingId: booking.id })).refund).toEqual({ amount: 0, percent: 0, status: 'COMPLETED' });
    expect(w.gateway.refundCalls).toBe(0);
  });

  it('refunds 100 % when an organiser cancels, and what an admin chooses', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent({ startsAt: T0 + 30 * HOUR, bookingDeadlineHours: 1 });
    const a = await w.bookPaid(alice, event.id);
    const b = await w.bookPaid(bob, event.id);
    expect(value(await w.cancel.execute(manager, { bookingId: a.id })).refund).toEqual({ amount: PRICE, percent: 100, status: 'COMPLETED' });
    expect(value(await w.cancel.execute(admin, { bookingId: b.id, refundPercent: 30 })).refund).toEqual({
      amount: 1_500,
      percent: 30,
      status: 'COMPLETED',
    });
  });

  it('lets only those who may: guests sign in, strangers see nothing, staff and non-admin percentages are forbidden', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const booking = await w.book(alice, event.id);
    expect(failure(await w.cancel.execute(guest, { bookingId: booking.id })).type).toBe('NOT_AUTHENTICATED');
    expect(failure(await w.cancel.execute(bob, { bookingId: booking.id })).type).toBe('BOOKING_NOT_FOUND');
    expect(failure(await w.cancel.execute(otherOrganiser, { bookingId: booking.id })).type).toBe('BOOKING_NOT_FOUND');
    expect(failure(await w.cancel.execute(alice, { bookingId: 'nope' })).type).toBe('BOOKING_NOT_FOUND');
    expect(failure(await w.cancel.execute(staff, { bookingId: booking.id })).type).toBe('FORBIDDEN');
    expect(failure(await w.cancel.execute(manager, { bookingId: booking.id, refundPercent: 50 })).type).toBe('FORBIDDEN');
    expect(failure(await w.cancel.execute(alice, { bookingId: booking.id, refundPercent: 50 })).type).toBe('FORBIDDEN');
    expect(failure(await w.cancel.execute(admin, { bookingId: booking.id, refundPercent: 101 }))).toMatchObject({
      type: 'INVALID_REQUEST',
      field: 'refundPercent',
    });
    expect((await w.booking(booking.id)).status).toBe('PENDING_PAYMENT');
  });

  it('answers EVENT_STARTED for a paid booking after the start, BOOKING_NOT_CANCELABLE for an expired one', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent({ startsAt: T0 + 2 * DAY });
    const paid = await w.bookPaid(alice, event.id);
    const unpaid = await w.book(bob, event.id);
    w.clock.advance(HOUR);
    value(await w.expire.execute(w.ctx.scheduler));
    expect(failure(await w.cancel.execute(bob, { bookingId: unpaid.id }))).toMatchObject({ type: 'BOOKING_NOT_CANCELABLE', status: 'EXPIRED' });
    w.clock.set(event.startsAt);
    expect(failure(await w.cancel.execute(alice, { bookingId: paid.id })).type).toBe('EVENT_STARTED');
    expect((await w.seats(event.id)).taken).toBe(1);
  });

  it('offers the freed seats to the head of the waitlist in the same transaction', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent({ capacity: 2 });
    const booking = await w.book(alice, event.id, 2);
    value(await w.joinWaitlist.execute(bob, { eventId: event.id, quantity: 1 }));
    value(await w.cancel.execute(alice, { bookingId: booking.id }));
    expect((await w.messages('waitlist.offered')).map((m) => m.data)).toMatchObject([{ userId: 'bob', quantity: 1 }]);
    expect((await w.seats(event.id)).taken).toBe(1); // the offer holds its seat
  });

  it('keeps a refund the gateway could not take PENDING, and sends it once the gateway is back', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const booking = await w.bookPaid(alice, event.id);
    w.gateway.refundsDown = true;
    const canceled = value(await w.cancel.execute(alice, { bookingId: booking.id }));
    expect(canceled).toMatchObject({ status: 'CANCELED', refund: { amount: PRICE, percent: 100, status: 'PENDING' } });
    expect(await w.payments.listRefunds(null, { status: 'PENDING', limit: 10 })).toHaveLength(1);
    expect(await w.refunds.retryPending(w.ctx.scheduler, 10)).toEqual({ completed: 0, stillPending: 1 });
    w.gateway.refundsDown = false;
    expect(await w.refunds.retryPending(w.ctx.scheduler, 10)).toEqual({ completed: 1, stillPending: 0 });
    expect((await w.booking(booking.id)).refund).toEqual({ amount: PRICE, percent: 100, status: 'COMPLETED' });
    expect(await w.messages('payment.refunded')).toHaveLength(1);
  });
});
