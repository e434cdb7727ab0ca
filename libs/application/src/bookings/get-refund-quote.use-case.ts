import { bookingRefundQuote, type RefundQuote, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { AppError } from '../errors.js';
import type { BookingRepository } from '../ports/booking-repository.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { PaymentRepository } from '../ports/payment-repository.port.js';
import { findPaidPayment } from '../payments/paid-payment.js';
import { loadVisibleBooking } from './visible-booking.js';

/**
 * GET /bookings/{id}/refund-quote: what the owner would get back by canceling now, from the policy copied onto the
 * booking and what earlier refunds left. Whoever may see the booking may ask; the quote is always the owner's.
 */
export class GetRefundQuoteUseCase {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly events: EventRepository,
    private readonly payments: PaymentRepository,
    private readonly clock: Clock,
  ) {}

  async execute(ctx: UseCaseContext, input: { readonly bookingId: string }): Promise<Result<RefundQuote, AppError>> {
    const found = await loadVisibleBooking(this.bookings, this.events, ctx.actor, input.bookingId);
    if (!found.ok) return found;
    const { booking, event } = found.value;
    const payment = booking.paidAmount > 0 ? await findPaidPayment(this.payments, null, booking.id) : null;
    return bookingRefundQuote(booking, event.state, this.clock.now(), payment?.refundedAmount ?? 0);
  }
}
