import { canPayForBooking, domainError, err, initiatePayment, ok, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { BookingRepository } from '../ports/booking-repository.port.js';
import type { Clock } from '../ports/clock.port.js';
import { ConflictError } from '../ports/conflict.error.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { PaymentInitiator } from '../ports/payment-gateway.port.js';
import type { PaymentRecord, PaymentRepository } from '../ports/payment-repository.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { ChangeRecorder } from '../shared/change-recorder.js';
import { loadVisibleBooking } from '../bookings/visible-booking.js';

const MAX_ATTEMPTS = 3;

export type InitiatePaymentRequest = {
  readonly bookingId: string;
  /** Where the gateway sends the buyer back after the checkout. */
  readonly returnUrl?: string | null;
};

/**
 * POST /payments: only the booking's owner pays. One open payment per booking — asking again while one is INITIATED
 * returns it (the partial unique index settles two concurrent first requests). The gateway is called before the
 * transaction, so no connection waits on the network; a payment it opened for a request that then lost the race is
 * simply never used.
 */
export class InitiatePaymentUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly bookings: BookingRepository,
    private readonly events: EventRepository,
    private readonly payments: PaymentRepository,
    private readonly gateway: PaymentInitiator,
    private readonly recorder: ChangeRecorder,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  /**
   * A request that loses the race for the one open payment re-reads and answers again: the winner's payment while it
   * is open, or — when it was already paid or declined in between — whatever the booking's new state calls for.
   */
  async execute(ctx: UseCaseContext, input: InitiatePaymentRequest): Promise<Result<PaymentRecord, AppError>> {
    for (let attempt = 1; ; attempt += 1) {
      const answer = await this.attempt(ctx, input);
      if (answer !== 'LOST_RACE') return answer;
      if (attempt >= MAX_ATTEMPTS) throw new Error(`payment for booking ${input.bookingId}: still contended after ${MAX_ATTEMPTS} attempts`);
    }
  }

  private async attempt(ctx: UseCaseContext, input: InitiatePaymentRequest): Promise<Result<PaymentRecord, AppError> | 'LOST_RACE'> {
    const found = await loadVisibleBooking(this.bookings, this.events, ctx.actor, input.bookingId);
    if (!found.ok) return found;
    const { booking } = found.value;
    if (!canPayForBooking(ctx.actor, booking)) return err(domainError('FORBIDDEN', 'only the booking owner can pay for it'));
    switch (booking.status) {
      case 'PENDING_PAYMENT':
        break;
      case 'CONFIRMED':
        return err(appError('NOTHING_TO_PAY', 'the booking is already confirmed'));
      case 'CANCELED':
      case 'EXPIRED':
        return err(
          domainError('INVALID_BOOKING_TRANSITION', `a ${booking.status} booking cannot be paid`, { from: booking.status, command: 'pay' }),
        );
    }
    if (booking.totalAmount === 0) return err(appError('NOTHING_TO_PAY', 'the booking is free'));
    const open = await this.payments.findOpenForBooking(null, booking.id);
    if (open !== null) return ok(open);

    const paymentId = this.ids.next();
    const opened = await this.gateway.initiate({
      paymentId,
      amount: booking.totalAmount,
      currency: booking.currency,
      returnUrl: input.returnUrl ?? null,
    });
    const initiated = initiatePayment({
      id: paymentId,
      bookingId: booking.id,
      amount: booking.totalAmount,
      currency: booking.currency,
      gateway: this.gateway.name,
      gatewayReference: opened.gatewayReference,
      now: this.clock.now(),
    });
    const payment: PaymentRecord = { ...initiated.state, paymentUrl: opened.paymentUrl };
    try {
      await this.uow.run(async (tx) => {
        await this.payments.insert(tx, payment);
        await this.recorder.record(tx, ctx, { events: initiated.events });
      });
    } catch (error: unknown) {
      if (!(error instanceof ConflictError && error.constraint === 'payment_open_per_booking')) throw error;
      const winner = await this.payments.findOpenForBooking(null, booking.id);
      return winner === null ? 'LOST_RACE' : ok(winner);
    }
    return ok(payment);
  }
}
