import { describe, expect, it } from 'vitest';
import { admin, alice, bob, bookingWorld, failure, guest, manager, OPTION, PRICE, value } from '../bookings/booking-world.test-support.js';

describe('InitiatePaymentUseCase', () => {
  it('opens a payment for the booking’s total at the gateway, with its checkout URL', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const booking = await w.book(alice, event.id, 2);
    const payment = value(await w.initiate.execute(alice, { bookingId: booking.id, returnUrl: 'https://app.example/paid' }));
    expect(payment).toMatchObject({
      bookingId: booking.id,
      amount: 2 * PRICE,
      currency: 'EUR',
      status: 'INITIATED',
      gateway: 'sandbox',
      gatewayReference: `sbx_${payment.id}`,
      paymentUrl: `http://localhost:8102/sandbox/checkout/sbx_${payment.id}`,
      refundedAmount: 0,
    });
    expect(await w.payment(payment.id)).toEqual(payment);
    expect(w.gateway.sandbox.payment(payment.gatewayReference)).toMatchObject({ amount: 2 * PRICE, returnUrl: 'https://app.example/paid' });
    expect((await w.messages('payment.initiated')).map((m) => m.data)).toMatchObject([{ paymentId: payment.id, amount: 2 * PRICE }]);
  });

  it('returns the open payment when asked again, even by requests racing each other', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const booking = await w.book(alice, event.id);
    const results = await w.afterReads(() => [1, 2, 3].map(() => w.initiate.execute(alice, { bookingId: booking.id })));
    const ids = new Set(results.map((r) => value(r).id));
    expect(ids.size).toBe(1);
    expect(value(await w.initiate.execute(alice, { bookingId: booking.id })).id).toBe([...ids][0]);
    expect(await w.payments.listForBooking(null, booking.id)).toHaveLength(1);
  });

  it('opens a new payment after the previous one failed', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const booking = await w.book(alice, event.id);
    const { payment, event: declined } = await w.checkout(alice, booking.id, 'failed');
    value(await w.handle.execute(w.ctx.gateway, { gateway: 'sandbox', event: declined }));
    const second = value(await w.initiate.execute(alice, { bookingId: booking.id }));
    expect(second.id).not.toBe(payment.id);
  });

  it('has nothing to pay for a free or confirmed booking, and refuses canceled ones', async () => {
    const w = bookingWorld();
    const free = await w.seedEvent({ priceOptions: [{ id: OPTION, name: 'Free', price: 0, quantity: null, seatsTaken: 0, active: true }] });
    const paidEvent = await w.seedEvent();
    const freeBooking = await w.book(alice, free.id);
    const confirmed = await w.bookPaid(alice, paidEvent.id);
    expect(failure(await w.initiate.execute(alice, { bookingId: freeBooking.id })).type).toBe('NOTHING_TO_PAY');
    expect(failure(await w.initiate.execute(alice, { bookingId: confirmed.id })).type).toBe('NOTHING_TO_PAY');
    const canceled = await w.book(bob, paidEvent.id);
    value(await w.cancel.execute(bob, { bookingId: canceled.id }));
    expect(failure(await w.initiate.execute(bob, { bookingId: canceled.id }))).toMatchObject({
      type: 'INVALID_BOOKING_TRANSITION',
      from: 'CANCELED',
      command: 'pay',
    });
  });

  it('lets only the owner pay: others who see the booking are forbidden, the rest are told it does not exist', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const booking = await w.book(alice, event.id);
    expect(failure(await w.initiate.execute(manager, { bookingId: booking.id })).type).toBe('FORBIDDEN');
    expect(failure(await w.initiate.execute(admin, { bookingId: booking.id })).type).toBe('FORBIDDEN');
    expect(failure(await w.initiate.execute(bob, { bookingId: booking.id })).type).toBe('BOOKING_NOT_FOUND');
    expect(failure(await w.initiate.execute(guest, { bookingId: booking.id })).type).toBe('NOT_AUTHENTICATED');
    expect(await w.payments.listForBooking(null, booking.id)).toEqual([]);
  });
});

describe('GetPaymentUseCase', () => {
  it('shows a payment to the booking’s owner and admins only', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const booking = await w.book(alice, event.id);
    const payment = value(await w.initiate.execute(alice, { bookingId: booking.id }));
    expect(value(await w.getPayment.execute(alice, { paymentId: payment.id }))).toEqual(payment);
    expect(value(await w.getPayment.execute(admin, { paymentId: payment.id }))).toEqual(payment);
    expect(failure(await w.getPayment.execute(manager, { paymentId: payment.id })).type).toBe('PAYMENT_NOT_FOUND');
    expect(failure(await w.getPayment.execute(bob, { paymentId: payment.id })).type).toBe('PAYMENT_NOT_FOUND');
    expect(failure(await w.getPayment.execute(alice, { paymentId: 'nope' })).type).toBe('PAYMENT_NOT_FOUND');
    expect(failure(await w.getPayment.execute(guest, { paymentId: payment.id })).type).toBe('NOT_AUTHENTICATED');
  });
});
