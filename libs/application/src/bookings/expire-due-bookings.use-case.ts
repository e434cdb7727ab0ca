import { addMinutes, expireBooking, ok, type Booking, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { AppError } from '../errors.js';
import type { BookingRepository } from '../ports/booking-repository.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { PaymentStatusQuery } from '../ports/payment-gateway.port.js';
import type { PaymentRepository } from '../ports/payment-repository.port.js';
import type { TxContext, UnitOfWork } from '../ports/unit-of-work.port.js';
import type { ChangeRecorder } from '../shared/change-recorder.js';
import type { PaymentSettlement } from '../payments/payment-settlement.service.js';
import type { RefundService } from '../payments/refund.service.js';
import type { BookingHolds } from './booking-holds.js';
import type { BookingSettings } from './booking-settings.js';
import { bookingAudit } from './visible-booking.js';

export type ExpireDueBookingsResult = {
  /** Candidates looked at in this batch. */
  readonly examined: number;
  readonly expired: number;
  /** Found paid when the gateway was asked: confirmed, reinstated or refunded instead of expired. */
  readonly paid: number;
  /** Already handled by someone else (paid, canceled, expired by another replica) or not due after all. */
  readonly skipped: number;
  /** Left for the next run: the gateway could not be asked, or storing the change failed. */
  readonly failed: readonly { readonly bookingId: string; readonly error: string }[];
  /** The batch was full: more may be due. */
  readonly more: boolean;
};

type One = 'expired' | 'paid' | 'skipped';

/**
 * The expire-pending-bookings job (DESIGN §3.3, §6): one batch of bookings whose deadline + grace has passed. A
 * booking with an open payment is first checked with the gateway, and one found paid is settled as paid. Each
 * booking is its own short transaction, so one failure does not hold back the rest, and every change is a
 * compare-and-set, so replicas running the job at once expire each booking (and give its seats back) once.
 */
export class ExpireDueBookingsUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly bookings: BookingRepository,
    private readonly events: EventRepository,
    private readonly payments: PaymentRepository,
    private readonly gateway: PaymentStatusQuery,
    private readonly settlement: PaymentSettlement,
    private readonly holds: BookingHolds,
    private readonly refunds: RefundService,
    private readonly recorder: ChangeRecorder,
    private readonly clock: Clock,
    private readonly settings: BookingSettings,
  ) {}

  async execute(ctx: UseCaseContext, input: { readonly batchSize?: number } = {}): Promise<Result<ExpireDueBookingsResult, AppError>> {
    const limit = input.batchSize ?? 100;
    const cutoff = addMinutes(this.clock.now(), -this.settings.graceMinutes);
    const candidates = await this.bookings.findExpiryCandidates(cutoff, limit);
    const counts: Record<One, number> = { expired: 0, paid: 0, skipped: 0 };
    const failed: { bookingId: string; error: string }[] = [];
    for (const booking of candidates) {
      try {
        counts[await this.handle(ctx, booking)] += 1;
      } catch (error: unknown) {
        failed.push({ bookingId: booking.id, error: error instanceof Error ? error.message : String(error) });
      }
    }
    return ok({ examined: candidates.length, ...counts, failed, more: candidates.length === limit });
  }

  private async handle(ctx: UseCaseContext, candidate: Booking): Promise<One> {
    const open = await this.payments.findOpenForBooking(null, candidate.id);
    const status = open === null ? 'PENDING' : await this.gateway.queryStatus(open.gatewayReference);
    if (open !== null && status === 'SUCCEEDED') {
      const settled = await this.uow.run(async (tx) => {
        await this.holds.lockEvent(tx, candidate.eventId);
        const current = await this.payments.findById(tx, open.id);
        if (current === null) throw new Error(`payment ${open.id} disappeared`);
        return this.settlement.succeeded(tx, ctx, current, { amount: current.amount, currency: current.currency });
      });
      if (!settled.ok) throw new Error(`settling payment ${open.id}: ${settled.error.detail}`);
      if (settled.value.refundId !== null) await this.refunds.process(ctx, settled.value.refundId);
      return settled.value.outcome === 'unchanged' ? 'skipped' : 'paid';
    }
    return this.uow.run(async (tx) => {
      await this.holds.lockEvent(tx, candidate.eventId);
      if (open !== null && status === 'FAILED') {
        const current = await this.payments.findById(tx, open.id);
        if (current !== null) await this.settlement.failed(tx, ctx, current, null);
      }
      return this.expire(tx, ctx, candidate.id);
    });
  }

  private async expire(tx: TxContext, ctx: UseCaseContext, bookingId: string): Promise<One> {
    const booking = await this.bookings.findById(tx, bookingId);
    const event = booking === null ? null : await this.events.findById(tx, booking.eventId);
    if (booking === null || event === null) return 'skipped';
    const outcome = expireBooking(booking, { event: event.state, now: this.clock.now(), graceMinutes: this.settings.graceMinutes });
    switch (outcome.outcome) {
      case 'not_due':
      case 'not_pending':
        return 'skipped';
      case 'expired':
        break;
    }
    if (!(await this.bookings.transition(tx, outcome.booking, booking.status))) return 'skipped';
    await this.holds.release(tx, ctx, booking, outcome.promoUseToRelease);
    await this.recorder.record(tx, ctx, {
      events: outcome.events,
      audit: [bookingAudit(outcome.booking, booking.status, 'payment deadline passed')],
    });
    return 'expired';
  }
}
