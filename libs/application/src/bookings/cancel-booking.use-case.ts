import {
  actorId,
  bookingCancelRole,
  cancelBooking,
  domainError,
  err,
  ok,
  type Booking,
  type BookingCancelRole,
  type Result,
} from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { BookingRepository } from '../ports/booking-repository.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { PaymentRepository } from '../ports/payment-repository.port.js';
import type { TxContext, UnitOfWork } from '../ports/unit-of-work.port.js';
import type { ChangeRecorder } from '../shared/change-recorder.js';
import { cancelRefundKey, findPaidPayment } from '../payments/paid-payment.js';
import type { RefundService } from '../payments/refund.service.js';
import type { BookingHolds } from './booking-holds.js';
import { inTransaction, Rollback } from './rollback.js';
import { bookingAudit, loadVisibleBooking } from './visible-booking.js';

export type CancelBookingRequest = {
  readonly bookingId: string;
  readonly reason?: string | null;
  /** An admin's refund percentage (0–100); others may not set it. */
  readonly refundPercent?: number | null;
};

// A compare-and-set that fails means someone else changed the booking meanwhile: decide again on what they wrote.
const MAX_ATTEMPTS = 3;

/**
 * POST /bookings/{id}/cancel (DESIGN §3.3). The status change is a compare-and-set, and only the transaction whose
 * CAS wins gives the seats and the promo use back, so a repeated or concurrent cancel never moves seats twice; the
 * loser re-reads and answers what is there now (already CANCELED: 200 unchanged). A refund is requested in the same
 * transaction and sent to the gateway after it commits.
 */
export class CancelBookingUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly bookings: BookingRepository,
    private readonly events: EventRepository,
    private readonly payments: PaymentRepository,
    private readonly holds: BookingHolds,
    private readonly refunds: RefundService,
    private readonly recorder: ChangeRecorder,
    private readonly clock: Clock,
  ) {}

  async execute(ctx: UseCaseContext, input: CancelBookingRequest): Promise<Result<Booking, AppError>> {
    const found = await loadVisibleBooking(this.bookings, this.events, ctx.actor, input.bookingId);
    if (!found.ok) return found;
    const role = bookingCancelRole(ctx.actor, found.value.booking, found.value.event.state.organizationId);
    if (role === null) return err(domainError('FORBIDDEN', 'staff cannot cancel bookings'));
    const percent = input.refundPercent ?? null;
    if (percent !== null && role !== 'ADMIN') return err(domainError('FORBIDDEN', 'only an admin may choose the refund percentage'));
    if (percent !== null && !(Number.isFinite(percent) && percent >= 0 && percent <= 100)) {
      return err(appError('INVALID_REQUEST', 'refundPercent must be within 0..100', { field: 'refundPercent' }));
    }

    const eventId = found.value.booking.eventId;
    const done = await inTransaction(this.uow, async (tx) => {
      await this.holds.lockEvent(tx, eventId);
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        const outcome = await this.attempt(tx, ctx, input, role, percent);
        if (outcome !== 'RETRY') return outcome;
      }
      throw new Error(`booking ${input.bookingId} kept changing while being canceled`);
    });
    if (!done.ok) return done;
    if (done.value.refundId === null) return ok(done.value.booking);
    await this.refunds.process(ctx, done.value.refundId);
    return ok((await this.bookings.findById(null, input.bookingId)) ?? done.value.booking);
  }

  private async attempt(
    tx: TxContext,
    ctx: UseCaseContext,
    input: CancelBookingRequest,
    role: BookingCancelRole,
    percent: number | null,
  ): Promise<Result<{ booking: Booking; refundId: string | null }, AppError> | 'RETRY'> {
    const booking = await this.bookings.findById(tx, input.bookingId);
    const event = booking === null ? null : await this.events.findById(tx, booking.eventId);
    if (booking === null || event === null) return err(domainError('BOOKING_NOT_FOUND', 'no such booking'));
    const payment = booking.paidAmount > 0 ? await findPaidPayment(this.payments, tx, booking.id) : null;
    const reason = input.reason ?? null;
    const decided = cancelBooking(booking, {
      event: event.state,
      by: role,
      actorId: actorId(ctx.actor) ?? 'system',
      overridePercent: role === 'ADMIN' ? percent : null,
      reason,
      now: this.clock.now(),
      alreadyRefunded: payment?.refundedAmount ?? 0,
    });
    if (!decided.ok) return decided;
    if (booking.status === 'CANCELED') return ok({ booking, refundId: null });
    const canceled = decided.value.booking;
    if (!(await this.bookings.transition(tx, canceled, booking.status))) return 'RETRY';

    await this.holds.release(tx, ctx, booking, decided.value.promoUseToRelease);
    let refundId: string | null = null;
    if (canceled.refund !== null && canceled.refund.amount > 0) {
      if (payment === null) throw new Error(`booking ${booking.id} was paid but has no payment to refund`);
      const requested = await this.refunds.request(tx, ctx, {
        payment,
        booking,
        amount: canceled.refund.amount,
        reason,
        key: cancelRefundKey(booking.id),
      });
      if (!requested.ok) throw new Rollback(requested.error);
      refundId = requested.value.id;
    }
    await this.recorder.record(tx, ctx, { events: decided.value.events, audit: [bookingAudit(canceled, booking.status, reason)] });
    return ok({ booking: canceled, refundId });
  }
}
