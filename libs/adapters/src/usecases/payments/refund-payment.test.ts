import { describe, expect, it } from 'vitest';
import { admin, alice, bob, bookingWorld, failure, guest, manager, otherOrganiser, PRICE, staff, value } from '../bookings/booking-world.test-support.js';

async function paidWorld() {
  const w = bookingWorld();
  const event = await w.seedEvent();
  const booking = await w.bookPaid(alice, event.id, 2);
  const [payment] = await w.payments.listForBooking(null, booking.id);
  if (payment === undefined) throw new Error('no payment');
  return { w, booking, payment };
}

describe('RefundPaymentUseCase', () => {
  it('refunds part of a payment through the gateway; partial refunds add up to what was paid and no further', async () => {
    const { w, booking, payment } = await paidWorld();
    const first = value(await w.refundPayment.execute(manager, { paymentId: payment.id, amount: 3_000, reason: 'late start' }));
    expect(first.payment).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundedAmount: 3_000 });
    expect(first.refund).toMatchObject({ amount: 3_000, status: 'COMPLETED', reason: 'late start', key: null, bookingId: booking.id });
    expect(failure(await w.refundPayment.execute(admin, { paymentId: payment.id, amount: 7_001, reason: 'x' }))).toMatchObject({
      type: 'REFUND_EXCEEDS_PAYMENT',
      refundable: 7_000,
    });
    const rest = value(await w.refundPayment.execute(admin, { paymentId: payment.id, reason: 'the rest' }));
    expect(rest.payment).toMatchObject({ status: 'REFUNDED', refundedAmount: 2 * PRICE });
    expect(rest.refund.amount).toBe(7_000);
    expect(failure(await w.refundPayment.execute(admin, { paymentId: payment.id, reason: 'again' })).type).toBe('PAYMENT_NOT_REFUNDABLE');
    expect((await w.messages('payment.refunded')).map((m) => m.data)).toMatchObject([
      { amount: 3_000, refundedTotal: 3_000 },
      { amount: 7_000, refundedTotal: 10_000 },
    ]);
    expect((await w.auditOf(payment.id)).map((a) => [a.from, a.to])).toEqual([
      ['COMPLETED', 'PARTIALLY_REFUNDED'],
      ['PARTIALLY_REFUNDED', 'REFUNDED'],
    ]);
    // The booking itself is not changed by a refund without a cancel.
    expect(await w.booking(booking.id)).toMatchObject({ status: 'CONFIRMED', refund: null });
  });

  it('refuses amounts that are not positive whole minor units, and payments not received', async () => {
    const { w, payment } = await paidWorld();
    expect(failure(await w.refundPayment.execute(manager, { paymentId: payment.id, amount: 0, reason: 'x' })).type).toBe('INVALID_REFUND_AMOUNT');
    expect(failure(await w.refundPayment.execute(manager, { paymentId: payment.id, amount: 1.5, reason: 'x' })).type).toBe('INVALID_REFUND_AMOUNT');
    const event = await w.seedEvent();
    const unpaid = await w.book(bob, event.id);
    const open = value(await w.initiate.execute(bob, { bookingId: unpaid.id }));
    expect(failure(await w.refundPayment.execute(manager, { paymentId: open.id, reason: 'x' }))).toMatchObject({
      type: 'PAYMENT_NOT_REFUNDABLE',
      status: 'INITIATED',
    });
  });

  it('is for organisers and admins: the owner and staff are forbidden, outsiders told it does not exist', async () => {
    const { w, payment } = await paidWorld();
    expect(failure(await w.refundPayment.execute(alice, { paymentId: payment.id, reason: 'x' })).type).toBe('FORBIDDEN');
    expect(failure(await w.refundPayment.execute(staff, { paymentId: payment.id, reason: 'x' })).type).toBe('FORBIDDEN');
    expect(failure(await w.refundPayment.execute(otherOrganiser, { paymentId: payment.id, reason: 'x' })).type).toBe('PAYMENT_NOT_FOUND');
    expect(failure(await w.refundPayment.execute(bob, { paymentId: payment.id, reason: 'x' })).type).toBe('PAYMENT_NOT_FOUND');
    expect(failure(await w.refundPayment.execute(manager, { paymentId: 'nope', reason: 'x' })).type).toBe('PAYMENT_NOT_FOUND');
    expect(failure(await w.refundPayment.execute(guest, { paymentId: payment.id, reason: 'x' })).type).toBe('NOT_AUTHENTICATED');
    expect((await w.payment(payment.id)).refundedAmount).toBe(0);
  });

  it('never lets racing refunds add up past the payment', async () => {
    const { w, payment } = await paidWorld();
    const results = await w.afterReads(() =>
      [4_000, 4_000, 4_000].map((amount) => w.refundPayment.execute(manager, { paymentId: payment.id, amount, reason: 'race' })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(failure(results.find((r) => !r.ok))).toMatchObject({ type: 'REFUND_EXCEEDS_PAYMENT', refundable: 2_000 });
    expect((await w.payment(payment.id)).refundedAmount).toBe(8_000);
  });
});

describe('RefundService.refundBooking (the event-cancel cascade)', () => {
  it('refunds a canceled booking once, however often it is asked', async () => {
    const { w, booking, payment } = await paidWorld();
    const first = value(await w.refunds.refundBooking(admin, { bookingId: booking.id, amount: 2 * PRICE, reason: 'event canceled' }));
    const again = value(await w.refunds.refundBooking(admin, { bookingId: booking.id, amount: 2 * PRICE, reason: 'event canceled' }));
    expect(first?.refund).toMatchObject({ status: 'COMPLETED', amount: 2 * PRICE, key: `cancel:${booking.id}` });
    expect(again?.refund.id).toBe(first?.refund.id);
    expect(await w.payment(payment.id)).toMatchObject({ status: 'REFUNDED', refundedAmount: 2 * PRICE });
    expect(w.gateway.refundCalls).toBe(1);
  });

  it('does nothing for an amount of 0 or a booking never paid, and answers BOOKING_NOT_FOUND for an unknown one', async () => {
    const { w, booking } = await paidWorld();
    expect(value(await w.refunds.refundBooking(admin, { bookingId: booking.id, amount: 0, reason: null }))).toBeNull();
    const event = await w.seedEvent();
    const unpaid = await w.book(bob, event.id);
    expect(value(await w.refunds.refundBooking(admin, { bookingId: unpaid.id, amount: 100, reason: null }))).toBeNull();
    expect(failure(await w.refunds.refundBooking(admin, { bookingId: 'nope', amount: 100, reason: null })).type).toBe('BOOKING_NOT_FOUND');
  });

  it('reports a gateway failure and leaves the refund PENDING for the retry', async () => {
    const { w, booking } = await paidWorld();
    w.gateway.refundsDown = true;
    const processing = value(await w.refunds.refundBooking(admin, { bookingId: booking.id, amount: 1_000, reason: null }));
    expect(processing).toMatchObject({ refund: { status: 'PENDING' }, error: 'sandbox refunds are down' });
  });
});
