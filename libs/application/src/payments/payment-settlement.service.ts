import {
  completePayment,
  domainError,
  err,
  failPayment,
  ok,
  payBooking,
  type Booking,
  type DomainError,
  type Result,
} from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { BookingRepository } from '../ports/booking-repository.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { PaymentRecord, PaymentRepository } from '../ports/payment-repository.port.js';
import type { TicketCodeGenerator } from '../ports/ticket-code-generator.port.js';
import type { TxContext } from '../ports/unit-of-work.port.js';
import type { ChangeRecorder } from '../shared/change-recorder.js';
import type { BookingHolds } from '../bookings/booking-holds.js';
import type { BookingSettings } from '../bookings/booking-settings.js';
import { bookingAudit } from '../bookings/visible-booking.js';
import { paymentRefundKey } from './paid-payment.js';
import type { RefundService } from './refund.service.js';

type Mismatch = Extract<DomainError, { type: 'PAYMENT_MISMATCH' }>;

export type SettlementOutcome =
  /** The booking is now CONFIRMED (paid in time, or reinstated after its expiry). */
  | 'confirmed'
  | 'reinstated'
  /** The money cannot buy the booking (canceled, seats gone, or already paid by another payment): refunded in full. */
  | 'refunded'
  /** The payment was already in this state: a repeated report changes nothing. */
  | 'unchanged'
  /** The payment failed; the booking keeps waiting for another attempt or its expiry. */
  | 'failed';

export type Settlement = {
  readonly outcome: SettlementOutcome;
  readonly payment: PaymentRecord;
  /** A refund requested in this transaction, to send once it commits (RefundService.process). */
  readonly refundId: string | null;
};

export type GatewayReport = { readonly amount: number; readonly currency: string };

const MAX_ATTEMPTS = 3;

/**
 * What a gateway's verdict on a payment does, inside the caller's transaction (a webhook, or the expiry job that
 * asked the gateway first). Every write is a compare-and-set, so a report handled twice — or racing a cancel or an
 * expiry — moves seats at most once, and money that cannot buy the booking goes back in full.
 */
export class PaymentSettlement {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly bookings: BookingRepository,
    private readonly events: EventRepository,
    private readonly holds: BookingHolds,
    private readonly refunds: RefundService,
    private readonly recorder: ChangeRecorder,
    private readonly tickets: TicketCodeGenerator,
    private readonly clock: Clock,
    private readonly settings: BookingSettings,
  ) {}

  async succeeded(tx: TxContext, ctx: UseCaseContext, payment: PaymentRecord, report: GatewayReport): Promise<Result<Settlement, Mismatch>> {
    const now = this.clock.now();
    const completed = completePayment(payment, { amount: report.amount, currency: report.currency, now });
    if (!completed.ok) return completed;
    const paid: PaymentRecord = { ...payment, ...completed.value.state };
    if (paid.status === payment.status) return ok({ outcome: 'unchanged', payment, refundId: null });
    const booking = await this.bookings.findById(tx, payment.bookingId);
    if (booking === null) throw new Error(`payment ${payment.id} points at a booking that does not exist`);
    await this.holds.lockEvent(tx, booking.eventId);
    // Two different reports for one payment racing: the one whose CAS wins settles the booking.
    if (!(await this.payments.transition(tx, paid, payment.status))) return ok({ outcome: 'unchanged', payment, refundId: null });
    await this.recorder.record(tx, ctx, { events: completed.value.events });

    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const settled = await this.settleBooking(tx, ctx, paid);
      if (settled !== 'RETRY') return ok(settled);
    }
    throw new Error(`booking ${payment.bookingId} kept changing while payment ${payment.id} was settled`);
  }

  async failed(tx: TxContext, ctx: UseCaseContext, payment: PaymentRecord, report: GatewayReport | null): Promise<Result<Settlement, Mismatch>> {
    if (report !== null) {
      const mismatch = mismatchOf(payment, report);
      if (mismatch !== null) return err(mismatch);
    }
    const failed = failPayment(payment, { reason: 'declined by the gateway', now: this.clock.now() });
    const next: PaymentRecord = { ...payment, ...failed.state };
    if (next.status === payment.status || !(await this.payments.transition(tx, next, payment.status))) {
      return ok({ outcome: 'unchanged', payment, refundId: null });
    }
    await this.recorder.record(tx, ctx, { events: failed.events });
    return ok({ outcome: 'failed', payment: next, refundId: null });
  }

  private async settleBooking(tx: TxContext, ctx: UseCaseContext, payment: PaymentRecord): Promise<Settlement | 'RETRY'> {
    const booking = await this.bookings.findById(tx, payment.bookingId);
    const event = booking === null ? null : await this.events.findById(tx, booking.eventId);
    if (booking === null || event === null) throw new Error(`payment ${payment.id} points at a booking that does not exist`);
    const now = this.clock.now();
    const paid = payBooking(booking, {
      event: event.state,
      paidAmount: payment.amount,
      now,
      graceMinutes: this.settings.graceMinutes,
      ticketCode: this.tickets.next(),
    });
    switch (paid.outcome) {
      case 'confirmed':
        if (!(await this.bookings.transition(tx, paid.booking, booking.status))) return 'RETRY';
        await this.recorder.record(tx, ctx, { events: paid.events, audit: [bookingAudit(paid.booking, booking.status, 'paid')] });
        return { outcome: 'confirmed', payment, refundId: null };
      case 'reinstated': {
        // The user booked again since: confirming this one would give them two active bookings (the unique index).
        if (booking.status === 'EXPIRED' && (await this.bookings.hasActiveBooking(tx, booking.eventId, booking.userId))) {
          return this.refundInFull(tx, ctx, payment, booking, 'the buyer holds another booking for the event');
        }
        // An EXPIRED booking gave its seats back and must take them again; a PENDING one past its grace still holds them.
        if (booking.status === 'EXPIRED' && (await this.holds.retake(tx, booking)) !== 'OK') {
          return this.refundInFull(tx, ctx, payment, booking, 'the seats were no longer available');
        }
        if (!(await this.bookings.transition(tx, paid.booking, booking.status))) {
          if (booking.status === 'EXPIRED') await this.holds.undoRetake(tx, booking);
          return 'RETRY';
        }
        await this.recorder.record(tx, ctx, { events: paid.events, audit: [bookingAudit(paid.booking, booking.status, 'paid late')] });
        return { outcome: 'reinstated', payment, refundId: null };
      }
      case 'refund_required':
        return this.refundInFull(tx, ctx, payment, booking, `payment could not buy the booking: ${paid.reason}`);
      case 'already_confirmed':
        // This payment completed just now, yet another one had already confirmed the booking: a duplicate.
        return this.refundInFull(tx, ctx, payment, booking, 'the booking was already paid');
    }
  }

  /**
   * Sends the whole payment back. A canceled or expired booking that had never been paid records the money and the
   * refund, so that it reads like any other paid-then-canceled booking; otherwise (a duplicate payment) the booking is
   * left alone and the payment's own refund tells the story.
   */
  private async refundInFull(
    tx: TxContext,
    ctx: UseCaseContext,
    payment: PaymentRecord,
    booking: Booking,
    reason: string,
  ): Promise<Settlement | 'RETRY'> {
    if ((booking.status === 'CANCELED' || booking.status === 'EXPIRED') && booking.paidAmount === 0) {
      const annotated: Booking = {
        ...booking,
        paidAmount: payment.amount,
        refund: { amount: payment.amount, percent: 100, status: 'PENDING' },
        updatedAt: this.clock.now(),
      };
      if (!(await this.bookings.transition(tx, annotated, booking.status))) return 'RETRY';
    }
    const requested = await this.refunds.request(tx, ctx, {
      payment,
      booking,
      amount: payment.amount,
      reason,
      key: paymentRefundKey(payment.id),
    });
    if (!requested.ok) throw new Error(`refunding payment ${payment.id} in full was refused: ${requested.error.type}`);
    return { outcome: 'refunded', payment, refundId: requested.value.id };
  }
}

/** A report whose amount or currency differ from the payment is refused, and nothing changes. */
export function mismatchOf(expected: { readonly amount: number; readonly currency: string }, report: GatewayReport): Mismatch | null {
  if (report.currency !== expected.currency) {
    return domainError('PAYMENT_MISMATCH', `expected ${expected.currency}, got ${report.currency}`, { field: 'currency' });
  }
  if (report.amount !== expected.amount) {
    return domainError('PAYMENT_MISMATCH', `expected ${expected.amount}, got ${report.amount}`, { field: 'amount' });
  }
  return null;
}
