import { randomUUID } from 'node:crypto';
import { ConflictError, type BookingRepository, type PaymentRecord, type PaymentRepository, type RefundRecord } from '@aquastream/application';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aBooking, seedEvent, T0, type EventSeeding } from './booking-fixtures.test-support.js';

export type PaymentRepositoryHarness = EventSeeding & {
  readonly repo: PaymentRepository;
  /** Payments belong to a booking (a foreign key in SQL), so the suite makes some. */
  readonly bookings: BookingRepository;
  close(): Promise<void>;
};

/**
 * What every PaymentRepository does: one open payment per booking and one use of a gateway reference as conflicts,
 * status compare-and-set, refunds that never add up past the payment (one conditional update), webhook ids
 * remembered once, and refunds with their unique keys.
 */
export function describePaymentRepositoryContract(name: string, open: () => Promise<PaymentRepositoryHarness>): void {
  describe(`PaymentRepository contract: ${name}`, () => {
    let h: PaymentRepositoryHarness;
    let opened = false;
    beforeAll(async () => {
      h = await open();
      opened = true;
    });
    afterAll(async () => {
      if (opened) await h.close();
    });

    async function aBookingId(): Promise<string> {
      const event = await seedEvent(h);
      const booking = aBooking(event);
      await h.uow.run((tx) => h.bookings.insert(tx, booking));
      return booking.id;
    }
    const aPayment = (bookingId: string, overrides: Partial<PaymentRecord> = {}): PaymentRecord => {
      const id = overrides.id ?? randomUUID();
      return {
        id,
        bookingId,
        amount: 10_000,
        currency: 'EUR',
        status: 'INITIATED',
        gateway: 'sandbox',
        gatewayReference: `sbx_${id}`,
        paymentUrl: `http://localhost/sandbox/checkout/sbx_${id}`,
        refundedAmount: 0,
        createdAt: T0,
        updatedAt: T0,
        ...overrides,
      };
    };
    const aRefund = (payment: PaymentRecord, overrides: Partial<RefundRecord> = {}): RefundRecord => ({
      id: randomUUID(),
      paymentId: payment.id,
      bookingId: payment.bookingId,
      amount: 1_000,
      status: 'PENDING',
      reason: 'goodwill',
      gatewayReference: null,
      key: null,
      createdAt: T0,
      updatedAt: T0,
      ...overrides,
    });
    const save = (p: PaymentRecord) => h.uow.run((tx) => h.repo.insert(tx, p));
    const saveRefund = (r: RefundRecord) => h.uow.run((tx) => h.repo.insertRefund(tx, r));
    const addRefunded = (id: string, amount: number) => h.uow.run((tx) => h.repo.addRefundedAmount(tx, id, amount, T0 + 5_000));

    it('stores a payment and finds it by id, by reference (per gateway) and among its booking’s, oldest first', async () => {
      const bookingId = await aBookingId();
      const failed = aPayment(bookingId, { status: 'FAILED', createdAt: T0 + 1 });
      const open = aPayment(bookingId, { createdAt: T0 + 2, paymentUrl: null });
      await save(open);
      await save(failed);
      expect(await h.repo.findById(null, open.id)).toEqual(open);
      expect(await h.repo.findByReference(null, 'sandbox', failed.gatewayReference)).toEqual(failed);
      expect(await h.repo.findByReference(null, 'other', failed.gatewayReference)).toBeNull();
      expect(await h.repo.findOpenForBooking(null, bookingId)).toEqual(open);
      expect(await h.repo.listForBooking(null, bookingId)).toEqual([failed, open]);
      expect(await h.repo.findById(null, randomUUID())).toBeNull();
    });

    it('allows one INITIATED payment per booking, and a new one once it is settled', async () => {
      const bookingId = await aBookingId();
      const first = aPayment(bookingId);
      await save(first);
      await expect(save(aPayment(bookingId))).rejects.toEqual(new ConflictError('payment_open_per_booking'));
      expect(await h.uow.run((tx) => h.repo.transition(tx, { ...first, status: 'FAILED', updatedAt: T0 + 1 }, 'INITIATED'))).toBe(true);
      const second = aPayment(bookingId);
      await save(second);
      expect(await h.repo.findOpenForBooking(null, bookingId)).toEqual(second);
    });

    it('uses a gateway reference once per gateway', async () => {
      const bookingId = await aBookingId();
      const first = aPayment(bookingId, { status: 'FAILED' });
      await save(first);
      await expect(save(aPayment(bookingId, { gatewayReference: first.gatewayReference }))).rejects.toEqual(new ConflictError('payment_reference'));
      await save(aPayment(bookingId, { gatewayReference: first.gatewayReference, gateway: 'other' }));
    });

    it('changes a payment’s status only from the expected one', async () => {
      const bookingId = await aBookingId();
      const payment = aPayment(bookingId);
      await save(payment);
      const completed: PaymentRecord = { ...payment, status: 'COMPLETED', updatedAt: T0 + 9 };
      expect(await h.uow.run((tx) => h.repo.transition(tx, completed, 'FAILED'))).toBe(false);
      expect(await h.uow.run((tx) => h.repo.transition(tx, completed, 'INITIATED'))).toBe(true);
      expect(await h.uow.run((tx) => h.repo.transition(tx, completed, 'INITIATED'))).toBe(false);
      expect(await h.repo.findById(null, payment.id)).toEqual(completed);
      expect(await h.repo.findOpenForBooking(null, bookingId)).toBeNull();
      await save(aPayment(bookingId));
    });

    it('adds refunds up to the amount paid and no further, moving the status along', async () => {
      const bookingId = await aBookingId();
      const payment = aPayment(bookingId, { status: 'COMPLETED' });
      await save(payment);
      expect(await addRefunded(payment.id, 4_000)).toEqual({ ...payment, refundedAmount: 4_000, status: 'PARTIALLY_REFUNDED', updatedAt: T0 + 5_000 });
      expect(await addRefunded(payment.id, 6_001)).toBeNull();
      expect((await h.repo.findById(null, payment.id))?.refundedAmount).toBe(4_000);
      expect(await addRefunded(payment.id, 6_000)).toMatchObject({ refundedAmount: 10_000, status: 'REFUNDED' });
      expect(await addRefunded(payment.id, 1)).toBeNull();
    });

    it('refunds nothing of a payment that did not complete', async () => {
      const bookingId = await aBookingId();
      const initiated = aPayment(bookingId);
      await save(initiated);
      expect(await addRefunded(initiated.id, 1)).toBeNull();
      expect(await h.repo.findById(null, initiated.id)).toEqual(initiated);
    });

    it('remembers a webhook id once per gateway, and forgets it when its transaction rolls back', async () => {
      const id = `evt_${randomUUID()}`;
      const record = (gateway: string) => h.uow.run((tx) => h.repo.recordGatewayEvent(tx, gateway, id, T0));
      await expect(
        h.uow.run(async (tx) => {
          expect(await h.repo.recordGatewayEvent(tx, 'sandbox', id, T0)).toBe(true);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await record('sandbox')).toBe(true);
      expect(await record('sandbox')).toBe(false);
      expect(await record('other')).toBe(true);
      // A duplicate leaves the transaction usable (PostgreSQL aborts a transaction on a failed statement).
      const after = await h.uow.run(async (tx) => {
        expect(await h.repo.recordGatewayEvent(tx, 'sandbox', id, T0)).toBe(false);
        return h.repo.findById(tx, randomUUID());
      });
      expect(after).toBeNull();
    });

    it('stores refunds, keeps their keys unique and finds them by id, key and reference (per gateway)', async () => {
      const bookingId = await aBookingId();
      const payment = aPayment(bookingId, { status: 'COMPLETED' });
      await save(payment);
      const keyed = aRefund(payment, { key: `cancel:${bookingId}`, createdAt: T0 + 1 });
      const adHoc = aRefund(payment, { createdAt: T0 + 2, reason: null });
      const another = aRefund(payment, { createdAt: T0 + 3 });
      await saveRefund(keyed);
      await saveRefund(adHoc);
      await saveRefund(another);
      await expect(saveRefund(aRefund(payment, { key: keyed.key }))).rejects.toEqual(new ConflictError('refund_key'));
      expect(await h.repo.findRefundById(null, keyed.id)).toEqual(keyed);
      expect(await h.repo.findRefundByKey(null, `cancel:${bookingId}`)).toEqual(keyed);
      expect(await h.repo.findRefundByKey(null, 'cancel:nothing')).toBeNull();

      const done: RefundRecord = { ...adHoc, status: 'COMPLETED', gatewayReference: `sbx_rf_${adHoc.id}`, updatedAt: T0 + 50 };
      expect(await h.uow.run((tx) => h.repo.updateRefund(tx, done, 'COMPLETED'))).toBe(false);
      expect(await h.uow.run((tx) => h.repo.updateRefund(tx, done, 'PENDING'))).toBe(true);
      expect(await h.uow.run((tx) => h.repo.updateRefund(tx, done, 'PENDING'))).toBe(false);
      expect(await h.repo.findRefundByReference(null, 'sandbox', `sbx_rf_${adHoc.id}`)).toEqual(done);
      expect(await h.repo.findRefundByReference(null, 'other', `sbx_rf_${adHoc.id}`)).toBeNull();

      expect(await h.repo.listRefunds(null, { bookingId, limit: 10 })).toEqual([keyed, done, another]);
      expect(await h.repo.listRefunds(null, { paymentId: payment.id, status: 'PENDING', limit: 10 })).toEqual([keyed, another]);
      expect(await h.repo.listRefunds(null, { bookingId, limit: 1 })).toEqual([keyed]);
    });
  });
}
