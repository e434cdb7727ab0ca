import { canRefundPayment, canViewBooking, canViewPayment, domainError, err, ok, refundableAmount, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { BookingRepository } from '../ports/booking-repository.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { PaymentRecord, PaymentRepository, RefundRecord } from '../ports/payment-repository.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { inTransaction } from '../bookings/rollback.js';
import type { RefundService } from './refund.service.js';

export type RefundPaymentRequest = {
  readonly paymentId: string;
  /** Minor units; left out = everything still refundable. */
  readonly amount?: number | null;
  readonly reason: string;
};

export type RefundedPayment = { readonly payment: PaymentRecord; readonly refund: RefundRecord };

/**
 * POST /payments/{id}/refund: organisers of the event's organisation and admins, for goodwill or partial refunds
 * without canceling. Never above what was paid; several partial refunds add up (the store's conditional update
 * decides between concurrent ones). The booking itself is not changed.
 */
export class RefundPaymentUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly payments: PaymentRepository,
    private readonly bookings: BookingRepository,
    private readonly events: EventRepository,
    private readonly refunds: RefundService,
  ) {}

  async execute(ctx: UseCaseContext, input: RefundPaymentRequest): Promise<Result<RefundedPayment, AppError>> {
    const { actor } = ctx;
    if (actor.kind === 'guest') return err(appError('NOT_AUTHENTICATED', 'sign in to refund payments'));
    const payment = await this.payments.findById(null, input.paymentId);
    const booking = payment === null ? null : await this.bookings.findById(null, payment.bookingId);
    const event = booking === null ? null : await this.events.findById(null, booking.eventId);
    if (payment === null || booking === null || event === null) return err(appError('PAYMENT_NOT_FOUND', 'no such payment'));
    const organizationId = event.state.organizationId;
    if (!canViewPayment(actor, booking) && !canViewBooking(actor, booking, organizationId)) {
      return err(appError('PAYMENT_NOT_FOUND', 'no such payment'));
    }
    if (!canRefundPayment(actor, organizationId)) return err(domainError('FORBIDDEN', 'only organisers and admins refund payments'));

    const requested = await inTransaction<RefundRecord>(this.uow, async (tx) => {
      const current = await this.payments.findById(tx, payment.id);
      if (current === null) return err(appError('PAYMENT_NOT_FOUND', 'no such payment'));
      const amount = input.amount ?? refundableAmount(current);
      return this.refunds.request(tx, ctx, { payment: current, booking, amount, reason: input.reason, key: null });
    });
    if (!requested.ok) return requested;
    const processed = await this.refunds.process(ctx, requested.value.id);
    const after = (await this.payments.findById(null, payment.id)) ?? payment;
    return ok({ payment: after, refund: processed.refund });
  }
}
