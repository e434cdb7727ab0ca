import { describe, expect, it } from 'vitest';
import { alice, bob, bookingWorld, failure, GRACE_MINUTES, MIN, PRICE, TTL_MINUTES, value } from '../bookings/booking-world.test-support.js';

const PAST_GRACE = (TTL_MINUTES + GRACE_MINUTES) * MIN + 1;

describe('HandleGatewayEventUseCase', () => {
  it('confirms the booking when its payment succeeds: ticket code, paid amount, messages and audit', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const booking = await w.book(alice, event.id, 2);
    const { payment, event: paid } = await w.checkout(alice, booking.id);
    expect(value(await w.handle.execute(w.ctx.gateway, { gateway: 'sandbox', event: paid }))).toEqual({ outcome: 'confirmed', paymentId: payment.id });
    expect(await w.booking(booking.id)).toMatchObject({ status: 'CONFIRMED', ticketCode: expect.stringMatching(/^AQ-TEST-/), paidAmount: 2 * PRICE });
    expect((await w.payment(payment.id)).status).toBe('COMPLETED');
    expect((await w.messages()).map((m) => m.type)).toEqual(['booking.created', 'payment.initiated', 'payment.completed', 'booking.confirmed']);
    expect((await w.auditOf(booking.id)).at(-1)).toMatchObject({ from: 'PENDING_PAYMENT', to: 'CONFIRMED', actorId: 'gateway:sandbox' });
    expect((await w.seats(event.id)).taken).toBe(2);
  });

  it('treats a repeated delivery as a no-op, and a second report of a settled payment as unchanged', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const booking = await w.book(alice, event.id);
    const { event: paid } = await w.checkout(alice, booking.id);
    value(await w.handle.execute(w.ctx.gateway, { gateway: 'sandbox', event: paid }));
    const messages = (await w.messages()).length;
    expect(value(await w.handle.execute(w.ctx.gateway, { gateway: 'sandbox', event: paid })).outcome).toBe('duplicate');
    expect(value(await w.handle.execute(w.ctx.gateway, { gateway: 'sandbox', event: { ...paid, id: 'evt_other' } })).outcome).toBe('unchanged');
    expect((await w.messages()).length).toBe(messages);
    expect((await w.seats(event.id)).taken).toBe(1);
  });

  it('refuses a report whose amount or currency differ, changing and remembering nothing', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const booking = await w.book(alice, event.id);
    const { payment, event: paid } = await w.checkout(alice, booking.id);
    expect(failure(await w.handle.execute(w.ctx.gateway, { gateway: 'sandbox', event: { ...paid, amount: 1 } }))).toMatchObject({
      type: 'PAYMENT_MISMATCH',
      field: 'amount',
    });
    expect(failure(await w.handle.execute(w.ctx.gateway, { gateway: 'sandbox', event: { ...paid, currency: 'USD' } }))).toMatchObject({
      type: 'PAYMENT_MISMATCH',
      field: 'currency',
    });
    expect(failure(await w.handle.execute(w.ctx.gateway, { gateway: 'sandbox', event: { ...paid, type: 'payment.failed', amount: 2 } })).type).toBe(
      'PAYMENT_MISMATCH',
    );
    expect((await w.payment(payment.id)).status).toBe('INITIATED');
    expect((await w.booking(booking.id)).status).toBe('PENDING_PAYMENT');
    // The event id was not remembered: the genuine delivery with that id still goes through.
    expect(value(await w.handle.execute(w.ctx.gateway, { gateway: 'sandbox', event: paid })).outcome).toBe('confirmed');
  });

  it('answers PAYMENT_NOT_FOUND for a reference it does not know, and remembers nothing', async () => {
    const w = bookingWorld();
    const event = { id: 'evt_x', type: 'payment.succeeded' as const, reference: 'sbx_nope', amount: 1, currency: 'EUR' };
    expect(failure(await w.handle.execute(w.ctx.gateway, { gateway: 'sandbox', event })).type).toBe('PAYMENT_NOT_FOUND');
    expect(await w.db.run((tx) => w.payments.recordGatewayEvent(tx, 'sandbox', 'evt_x', 0))).toBe(true);
  });

  it('marks a failed payment FAILED; the booking keeps waiting for another attempt', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const booking = await w.book(alice, event.id);
    const { payment, event: declined } = await w.checkout(alice, booking.id, 'failed');
    expect(value(await w.handle.execute(w.ctx.gateway, { gateway: 'sandbox', event: declined })).outcome).toBe('failed');
    expect((await w.payment(payment.id)).status).toBe('FAILED');
    expect((await w.booking(booking.id)).status).toBe('PENDING_PAYMENT');
    expect((await w.messages('payment.failed')).map((m) => m.data)).toMatchObject([{ paymentId: payment.id }]);
  });

  it('confirms a payment that succeeds during the grace period', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const booking = await w.book(alice, event.id);
    const { event: paid } = await w.checkout(alice, booking.id);
    w.clock.advance(PAST_GRACE - 1);
    expect(value(await w.handle.execute(w.ctx.gateway, { gateway: 'sandbox', event: paid })).outcome).toBe('confirmed');
  });

  it('reinstates an expired booking when its seats can still be had', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const booking = await w.book(alice, event.id, 2);
    const { event: paid } = await w.checkout(alice, booking.id);
    w.gateway.statusDown = false;
    w.clock.advance(PAST_GRACE);
    // The job ran while the sandbox had not yet been paid: pretend so by expiring through a pending query.
    await w.db.run(async (tx) => {
      const current = await w.bookings.findById(tx, booking.id);
      if (current === null) throw new Error('no booking');
      await w.bookings.transition(tx, { ...current, status: 'EXPIRED' }, 'PENDING_PAYMENT');
      await w.events.adjustSeats(tx, event.id, { eventDelta: -2, option: { id: booking.priceOptionId, delta: -2 }, requirePublished: false });
    });
    expect((await w.seats(event.id)).taken).toBe(0);
    expect(value(await w.handle.execute(w.ctx.gateway, { gateway: 'sandbox', event: paid })).outcome).toBe('reinstated');
    expect(await w.booking(booking.id)).toMatchObject({ status: 'CONFIRMED', paidAmount: 2 * PRICE });
    expect((await w.seats(event.id)).taken).toBe(2);
    expect((await w.auditOf(booking.id)).at(-1)).toMatchObject({ from: 'EXPIRED', to: 'CONFIRMED', reason: 'paid late' });
  });

  it('reinstates a pending booking past its grace without counting its seats twice', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const booking = await w.book(alice, event.id, 2);
    const { event: paid } = await w.checkout(alice, booking.id);
    w.clock.advance(PAST_GRACE);
    expect(value(await w.handle.execute(w.ctx.gateway, { gateway: 'sandbox', event: paid })).outcome).toBe('reinstated');
    expect((await w.seats(event.id)).taken).toBe(2);
  });

  it('refunds in full a late payment whose seats are gone, and records it on the expired booking', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent({ capacity: 1 });
    const booking = await w.book(alice, event.id);
    const payment = value(await w.initiate.execute(alice, { bookingId: booking.id }));
    w.clock.advance(PAST_GRACE);
    value(await w.expire.execute(w.ctx.scheduler)); // pending at the gateway: expired
    await w.book(bob, event.id); // the seat is sold again
    const hook = w.gateway.sandbox.checkout(payment.gatewayReference, 'succeeded', w.clock.now());
    const verified = w.gateway.verifyWebhook(hook?.rawBody ?? '', hook?.headers ?? {}, w.clock.now());
    if (!verified.ok) throw new Error(verified.error);
    expect(value(await w.handle.execute(w.ctx.gateway, { gateway: 'sandbox', event: verified.value })).outcome).toBe('refunded');
    expect(await w.booking(booking.id)).toMatchObject({ status: 'EXPIRED', paidAmount: PRICE, refund: { amount: PRICE, percent: 100, status: 'COMPLETED' } });
    expect(await w.payment(payment.id)).toMatchObject({ status: 'REFUNDED', refundedAmount: PRICE });
    expect((await w.seats(event.id)).taken).toBe(1);
    expect(await w.messages('payment.refunded')).toHaveLength(1);
  });

  it('refunds in full a payment for a booking canceled meanwhile', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const booking = await w.book(alice, event.id);
    const { payment, event: paid } = await w.checkout(alice, booking.id);
    value(await w.cancel.execute(alice, { bookingId: booking.id }));
    expect(value(await w.handle.execute(w.ctx.gateway, { gateway: 'sandbox', event: paid })).outcome).toBe('refunded');
    expect(await w.booking(booking.id)).toMatchObject({ status: 'CANCELED', refund: { amount: PRICE, percent: 100, status: 'COMPLETED' } });
    expect(await w.payment(payment.id)).toMatchObject({ status: 'REFUNDED', refundedAmount: PRICE });
    expect((await w.seats(event.id)).taken).toBe(0);
  });

  it('refunds a late payment when the buyer has booked the event again since it expired', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const booking = await w.book(alice, event.id);
    const payment = value(await w.initiate.execute(alice, { bookingId: booking.id }));
    w.clock.advance(PAST_GRACE);
    value(await w.expire.execute(w.ctx.scheduler));
    const again = await w.book(alice, event.id);
    const hook = w.gateway.sandbox.checkout(payment.gatewayReference, 'succeeded', w.clock.now());
    const verified = w.gateway.verifyWebhook(hook?.rawBody ?? '', hook?.headers ?? {}, w.clock.now());
    if (!verified.ok) throw new Error(verified.error);
    expect(value(await w.handle.execute(w.ctx.gateway, { gateway: 'sandbox', event: verified.value })).outcome).toBe('refunded');
    expect((await w.booking(booking.id)).status).toBe('EXPIRED');
    expect((await w.booking(again.id)).status).toBe('PENDING_PAYMENT');
    expect((await w.seats(event.id)).taken).toBe(1);
  });

  it('refunds a second payment that arrives for a booking another payment already confirmed', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const booking = await w.book(alice, event.id);
    const first = await w.checkout(alice, booking.id, 'failed');
    value(await w.handle.execute(w.ctx.gateway, { gateway: 'sandbox', event: first.event }));
    const second = await w.checkout(alice, booking.id);
    value(await w.handle.execute(w.ctx.gateway, { gateway: 'sandbox', event: second.event }));
    // The provider changes its mind about the first payment: it did go through after all.
    const late = { ...first.event, id: 'evt_late', type: 'payment.succeeded' as const };
    expect(value(await w.handle.execute(w.ctx.gateway, { gateway: 'sandbox', event: late })).outcome).toBe('refunded');
    expect(await w.payment(first.payment.id)).toMatchObject({ status: 'REFUNDED', refundedAmount: PRICE });
    expect(await w.payments.listRefunds(null, { paymentId: first.payment.id, limit: 5 })).toMatchObject([
      { amount: PRICE, key: `payment:${first.payment.id}` },
    ]);
    expect(await w.booking(booking.id)).toMatchObject({ status: 'CONFIRMED', refund: null, paidAmount: PRICE });
    expect((await w.seats(event.id)).taken).toBe(1);
  });

  it('completes a pending refund when the gateway reports it, once', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const booking = await w.bookPaid(alice, event.id);
    w.gateway.refundsDown = true;
    value(await w.cancel.execute(alice, { bookingId: booking.id }));
    const [refund] = await w.payments.listRefunds(null, { bookingId: booking.id, limit: 1 });
    if (refund === undefined) throw new Error('no refund');
    // The provider accepted it after all and tells us by webhook, with its reference.
    await w.db.run((tx) => w.payments.updateRefund(tx, { ...refund, gatewayReference: 'sbx_rf_async' }, 'PENDING'));
    const report = { id: 'evt_rf', type: 'refund.succeeded' as const, reference: 'sbx_rf_async', amount: PRICE, currency: 'EUR' };
    expect(failure(await w.handle.execute(w.ctx.gateway, { gateway: 'sandbox', event: { ...report, amount: 1 } })).type).toBe('PAYMENT_MISMATCH');
    expect(value(await w.handle.execute(w.ctx.gateway, { gateway: 'sandbox', event: report })).outcome).toBe('refund_completed');
    expect(value(await w.handle.execute(w.ctx.gateway, { gateway: 'sandbox', event: { ...report, id: 'evt_rf2' } })).outcome).toBe('unchanged');
    expect((await w.booking(booking.id)).refund?.status).toBe('COMPLETED');
    expect(await w.messages('payment.refunded')).toHaveLength(1);
    const unknown = { ...report, id: 'evt_rf3', reference: 'sbx_rf_unknown' };
    expect(value(await w.handle.execute(w.ctx.gateway, { gateway: 'sandbox', event: unknown })).outcome).toBe('ignored');
  });
});
