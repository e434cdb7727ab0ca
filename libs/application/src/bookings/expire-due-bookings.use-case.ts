import { addMinutes, expireBooking, ok, type Booking, type DomainEvent, type EventState, type Result } from '@aquastream/domain';
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
import type { AuditChange } from '../shared/change-recorder.js';
import type { BookingHolds, EndedHold } from './booking-holds.js';
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

/** Bookings without an open payment expired per set-based transaction (the common case: nobody tried to pay). */
export const EXPIRY_SET_BATCH = 5_000;
/** Batches of candidates read at once. */
const CANDIDATE_WINDOW = 4;
/** Set-based batches per call at most, so one call stays bounded; `more` tells the runner to go on. */
export const EXPIRY_MAX_SET_BATCHES = 100;

/**
 * The expire-pending-bookings job (DESIGN §3.3, §6): bookings whose deadline + grace has passed.
 *
 * Those without an open payment (nobody tried to pay: the common case) go set-based, `setBatchSize` per transaction
 * until none is due: their events locked in id order, the bookings compare-and-set in one statement, seats and promo
 * uses given back grouped, messages and audit rows in bulk, then the lines of the events that got seats back. A batch that fails is retried booking by booking, so one bad booking cannot hold back the rest.
 *
 * A booking with an open payment is first checked with the gateway (`batchSize` of them per call), and one found paid
 * is settled as paid; each is its own short transaction. Every change is a compare-and-set, so replicas running the
 * job at once expire each booking (and give its seats back) once.
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

  async execute(
    ctx: UseCaseContext,
    input: {
      /** Bookings with an open payment looked at per call (each asks the gateway). */
      readonly batchSize?: number;
      /** Bookings without one expired per set-based transaction. */
      readonly setBatchSize?: number;
      /** Set-based transactions per call at most. */
      readonly maxSetBatches?: number;
    } = {},
  ): Promise<Result<ExpireDueBookingsResult, AppError>> {
    const limit = input.batchSize ?? 100;
    const setLimit = input.setBatchSize ?? EXPIRY_SET_BATCH;
    const maxSetBatches = input.maxSetBatches ?? EXPIRY_MAX_SET_BATCHES;
    const cutoff = addMinutes(this.clock.now(), -this.settings.graceMinutes);
    const counts: Record<One, number> = { expired: 0, paid: 0, skipped: 0 };
    const failed: { bookingId: string; error: string }[] = [];
    const handleEach = async (bookings: readonly Booking[]) => {
      for (const booking of bookings) {
        try {
          counts[await this.handle(ctx, booking)] += 1;
        } catch (error: unknown) {
          failed.push({ bookingId: booking.id, error: error instanceof Error ? error.message : String(error) });
        }
      }
    };

    let examined = 0;
    let setMore = false;
    // Candidates are read a few batches at a time: finding them scans what is due, once per read rather than per batch.
    let window: Booking[] = [];
    let windowFull = false;
    for (let batch = 0; ; batch += 1) {
      if (window.length === 0) {
        window = [...(await this.bookings.findExpiryCandidates(cutoff, setLimit * CANDIDATE_WINDOW, { openPayment: false }))];
        windowFull = window.length === setLimit * CANDIDATE_WINDOW;
      }
      const found = window.splice(0, setLimit);
      examined += found.length;
      if (found.length === 0) break;
      let progressed: boolean;
      try {
        const done = await this.expireBatch(ctx, found);
        counts.expired += done.expired;
        counts.skipped += found.length - done.expired;
        // Nothing expired: another replica holds or just took these; it goes on, and so does the next run.
        progressed = done.expired > 0;
      } catch {
        // One booking the batch cannot take (drifted counters, say) fails alone, with its reason, on the slow path;
        // the rest are expired one by one. Going on in bulk would meet the same booking again, so this call stops.
        await handleEach(found);
        progressed = false;
      }
      if (found.length < setLimit && window.length === 0 && !windowFull) break;
      if (!progressed || batch + 1 >= maxSetBatches) {
        setMore = true;
        break;
      }
    }

    const paying = await this.bookings.findExpiryCandidates(cutoff, limit, { openPayment: true });
    examined += paying.length;
    await handleEach(paying);
    return ok({ examined, ...counts, failed, more: setMore || paying.length === limit });
  }

  /** One set-based transaction over due bookings without an open payment; how many it expired. */
  private async expireBatch(ctx: UseCaseContext, found: readonly Booking[]): Promise<{ readonly expired: number }> {
    return this.uow.run(async (tx) => {
      // Lock order: the events first (in id order), then the bookings, as every path that changes a booking does.
      // The bookings are not locked by a read of their own: the compare-and-set below locks and re-checks them in
      // the same statement. What the domain reads of them (quantity, option, promo code, deadline) never changes
      // while they are PENDING_PAYMENT, so the candidates as read are what the CAS then holds.
      const locked = await this.events.lockMany(tx, [...new Set(found.map((b) => b.eventId))]);
      const events = new Map<string, EventState>(locked.map((r) => [r.state.id, r.state]));
      const now = this.clock.now();
      const next: Booking[] = [];
      const outcomes = new Map<string, { ended: EndedHold; events: readonly DomainEvent[]; audit: AuditChange }>();
      for (const booking of found) {
        const event = events.get(booking.eventId);
        if (event === undefined) continue;
        const outcome = expireBooking(booking, { event, now, graceMinutes: this.settings.graceMinutes });
        if (outcome.outcome !== 'expired') continue;
        events.set(booking.eventId, outcome.event);
        next.push(outcome.booking);
        outcomes.set(booking.id, {
          ended: { booking, promoUseToRelease: outcome.promoUseToRelease },
          events: outcome.events,
          audit: bookingAudit(outcome.booking, booking.status, 'payment deadline passed'),
        });
      }
      if (next.length === 0) return { expired: 0 };
      const written = await this.bookings.transitionStatuses(tx, next, 'PENDING_PAYMENT');
      const done = written.flatMap((id) => outcomes.get(id) ?? []);
      await this.recorder.record(tx, ctx, { events: done.flatMap((d) => d.events), audit: done.map((d) => d.audit) });
      await this.holds.releaseMany(tx, ctx, done.map((d) => d.ended));
      return { expired: done.length };
    });
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
