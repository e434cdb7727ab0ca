import { domainError, domainEvent, err, ok, refundPayment, type Booking, type DomainError, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { AppError } from '../errors.js';
import type { BookingRepository } from '../ports/booking-repository.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { PaymentRefunder } from '../ports/payment-gateway.port.js';
import type { PaymentRecord, PaymentRepository, RefundRecord } from '../ports/payment-repository.port.js';
import type { TxContext, UnitOfWork } from '../ports/unit-of-work.port.js';
import type { ChangeRecorder } from '../shared/change-recorder.js';
import { inTransaction } from '../bookings/rollback.js';
import { cancelRefundKey, findPaidPayment } from './paid-payment.js';

type RefundError = Extract<DomainError, { type: 'PAYMENT_NOT_REFUNDABLE' | 'REFUND_EXCEEDS_PAYMENT' | 'INVALID_REFUND_AMOUNT' }>;

export type RefundRequest = {
  readonly payment: PaymentRecord;
  readonly booking: Pick<Booking, 'id' | 'eventId'>;
  readonly amount: number;
  readonly reason: string | null;
  /** See RefundRecord.key: a second request with the same key returns the first refund. */
  readonly key: string | null;
};

/** A refund after the attempt to send it: `error` says why it is still PENDING (the gateway failed). */
export type RefundProcessing = { readonly refund: RefundRecord; readonly error: string | null };

/**
 * Money back, in two steps. `request` runs in the caller's transaction: it reserves the amount on the payment with a
 * conditional update (refunds never add up past what was paid, however many run at once) and writes a PENDING refund.
 * `process` runs after that commit — a network call never holds a transaction open — and asks the gateway, with the
 * refund id as idempotency key, then marks the refund COMPLETED and emits `payment.refunded`. A gateway failure
 * leaves the refund PENDING for `retryPending`: money is never stuck, and never sent twice.
 */
export class RefundService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly payments: PaymentRepository,
    private readonly bookings: BookingRepository,
    private readonly gateway: PaymentRefunder,
    private readonly recorder: ChangeRecorder,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async request(tx: TxContext, ctx: UseCaseContext, input: RefundRequest): Promise<Result<RefundRecord, RefundError>> {
    const { payment, amount } = input;
    if (input.key !== null) {
      const existing = await this.payments.findRefundByKey(tx, input.key);
      if (existing !== null) return ok(existing);
    }
    const now = this.clock.now();
    const decided = refundPayment(payment, { amount, now });
    if (!decided.ok) return decided;
    const written = await this.payments.addRefundedAmount(tx, payment.id, amount, now);
    if (written === null) {
      // Another refund got there first: tell the caller what is left, from the payment as it is now.
      const current = await this.payments.findById(tx, payment.id);
      const again = current === null ? null : refundPayment(current, { amount, now });
      if (again !== null && !again.ok) return again;
      throw new Error(`refunding ${amount} of payment ${payment.id} was refused by the store`);
    }
    const refund: RefundRecord = {
      id: this.ids.next(),
      paymentId: payment.id,
      bookingId: input.booking.id,
      amount,
      status: 'PENDING',
      reason: input.reason,
      gatewayReference: null,
      key: input.key,
      createdAt: now,
      updatedAt: now,
    };
    await this.payments.insertRefund(tx, refund);
    await this.recorder.record(tx, ctx, {
      audit: [
        { entity: 'PAYMENT', entityId: payment.id, eventId: input.booking.eventId, from: payment.status, to: written.status, reason: input.reason },
      ],
    });
    return ok(refund);
  }

  /** Sends a PENDING refund through the gateway (after the transaction that requested it committed). */
  async process(ctx: UseCaseContext, refundId: string): Promise<RefundProcessing> {
    const refund = await this.payments.findRefundById(null, refundId);
    if (refund === null) throw new Error(`refund ${refundId} does not exist`);
    if (refund.status !== 'PENDING') return { refund, error: null };
    const payment = await this.payments.findById(null, refund.paymentId);
    if (payment === null) throw new Error(`payment ${refund.paymentId} of refund ${refund.id} does not exist`);
    let reference: string;
    try {
      ({ refundReference: reference } = await this.gateway.refund({
        gatewayReference: payment.gatewayReference,
        amount: refund.amount,
        idempotencyKey: refund.id,
      }));
    } catch (error: unknown) {
      return { refund, error: error instanceof Error ? error.message : String(error) };
    }
    const completed = await this.uow.run((tx) => this.complete(tx, ctx, refund.id, reference));
    return { refund: completed ?? refund, error: null };
  }

  /**
   * Marks a refund COMPLETED (the gateway accepted it, or its `refund.succeeded` webhook arrived), once: the status
   * is compare-and-set. The booking's own `refund.status` follows when no other refund of it is still pending.
   */
  async complete(tx: TxContext, ctx: UseCaseContext, refundId: string, reference: string | null): Promise<RefundRecord | null> {
    const refund = await this.payments.findRefundById(tx, refundId);
    if (refund === null || refund.status !== 'PENDING') return refund;
    const now = this.clock.now();
    const done: RefundRecord = { ...refund, status: 'COMPLETED', gatewayReference: reference ?? refund.gatewayReference, updatedAt: now };
    if (!(await this.payments.updateRefund(tx, done, 'PENDING'))) return this.payments.findRefundById(tx, refundId);
    const payment = await this.payments.findById(tx, refund.paymentId);
    if (payment === null) throw new Error(`payment ${refund.paymentId} of refund ${refund.id} does not exist`);
    const event = domainEvent('payment.refunded', payment.id, {
      paymentId: payment.id,
      bookingId: refund.bookingId,
      amount: refund.amount,
      currency: payment.currency,
      refundedTotal: payment.refundedAmount,
    });
    await this.recorder.record(tx, ctx, { events: [event] });
    await this.settleBookingRefund(tx, refund.bookingId, now);
    return done;
  }

  private async settleBookingRefund(tx: TxContext, bookingId: string, now: number): Promise<void> {
    const booking = await this.bookings.findById(tx, bookingId);
    if (booking?.refund?.status !== 'PENDING') return;
    const pending = await this.payments.listRefunds(tx, { bookingId, status: 'PENDING', limit: 100 });
    if (pending.some((r) => r.key !== null)) return;
    await this.bookings.transition(tx, { ...booking, refund: { ...booking.refund, status: 'COMPLETED' }, updatedAt: now }, booking.status);
  }

  /**
   * For the event-cancel cascade, after its transaction canceled the booking: refunds `amount` of what paid for it,
   * once per booking (the same key a single cancel uses), and sends it. `null` when nothing was paid or `amount` is 0.
   */
  async refundBooking(
    ctx: UseCaseContext,
    input: { readonly bookingId: string; readonly amount: number; readonly reason: string | null },
  ): Promise<Result<RefundProcessing | null, AppError>> {
    if (!(input.amount > 0)) return ok(null);
    const requested = await inTransaction<RefundRecord | null>(this.uow, async (tx) => {
      const booking = await this.bookings.findById(tx, input.bookingId);
      if (booking === null) return err(domainError('BOOKING_NOT_FOUND', 'no such booking'));
      const payment = await findPaidPayment(this.payments, tx, booking.id);
      if (payment === null) return ok(null);
      return this.request(tx, ctx, { payment, booking, amount: input.amount, reason: input.reason, key: cancelRefundKey(booking.id) });
    });
    if (!requested.ok) return requested;
    if (requested.value === null) return ok(null);
    return ok(await this.process(ctx, requested.value.id));
  }

  /** Sends refunds a gateway failure left PENDING, oldest first. */
  async retryPending(ctx: UseCaseContext, limit: number): Promise<{ readonly completed: number; readonly stillPending: number }> {
    const pending = await this.payments.listRefunds(null, { status: 'PENDING', limit });
    let completed = 0;
    for (const refund of pending) {
      const result = await this.process(ctx, refund.id);
      if (result.refund.status === 'COMPLETED') completed += 1;
    }
    return { completed, stillPending: pending.length - completed };
  }
}
