import { canViewPayment, err, ok, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { BookingRepository } from '../ports/booking-repository.port.js';
import type { PaymentRecord, PaymentRepository } from '../ports/payment-repository.port.js';

/** GET /payments/{id}: the booking's owner and admins; anyone else is told it does not exist. */
export class GetPaymentUseCase {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly bookings: BookingRepository,
  ) {}

  async execute(ctx: UseCaseContext, input: { readonly paymentId: string }): Promise<Result<PaymentRecord, AppError>> {
    if (ctx.actor.kind === 'guest') return err(appError('NOT_AUTHENTICATED', 'sign in to see payments'));
    const payment = await this.payments.findById(null, input.paymentId);
    const booking = payment === null ? null : await this.bookings.findById(null, payment.bookingId);
    if (payment === null || booking === null || !canViewPayment(ctx.actor, booking)) {
      return err(appError('PAYMENT_NOT_FOUND', 'no such payment'));
    }
    return ok(payment);
  }
}
