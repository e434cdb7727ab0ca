import {
  actorId,
  canManageEvent,
  cancelEventCascade,
  domainError,
  err,
  isAdmin,
  ok,
  type Booking,
  type CancelEventCascadeSummary,
  type CascadeRefund,
  type EventStatus,
  type Result,
  type WaitlistEntry,
} from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { AppError } from '../errors.js';
import { inTransaction, Rollback } from '../bookings/rollback.js';
import { bookingAudit } from '../bookings/visible-booking.js';
import { eventNotFound, writeRefusal } from '../events/event-guards.js';
import { cancelRefundKey, findPaidPayment } from '../payments/paid-payment.js';
import type { RefundService } from '../payments/refund.service.js';
import type { BookingRepository } from '../ports/booking-repository.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { CrewClient } from '../ports/crew-client.port.js';
import type { EventRecord, EventRepository } from '../ports/event-repository.port.js';
import type { PaymentRecord, PaymentRepository } from '../ports/payment-repository.port.js';
import type { PromoCodeRepository } from '../ports/promo-code-repository.port.js';
import type { TxContext, UnitOfWork } from '../ports/unit-of-work.port.js';
import type { WaitlistRepository } from '../ports/waitlist-repository.port.js';
import type { ChangeRecorder } from '../shared/change-recorder.js';
import { refundPercentProblem } from './admin-guard.js';

export type CancelEventCommand = {
  readonly eventId: string;
  readonly reason: string;
  /** An admin's refund percentage for paid bookings (0–100); left out = 100 %. */
  readonly refundPercent?: number | null;
  /** Compute and return the plan; write nothing. */
  readonly dryRun?: boolean;
};

/** What a cancel does (or would do) to one event: the CLI's `--dry-run` line. */
export type CancelEventPlan = CancelEventCascadeSummary & {
  readonly eventId: string;
  readonly title: string;
  readonly statusBefore: EventStatus;
  readonly refunds: readonly CascadeRefund[];
};

/** A refund after the attempt to send it; `error` set when the gateway failed (the refund job retries it). */
export type SentRefund = { readonly bookingId: string; readonly refundId: string; readonly amount: number; readonly error: string | null };

export type CancelEventOutcome = {
  readonly event: EventRecord;
  /** False for a dry run and for an event that was already canceled (a no-op). */
  readonly changed: boolean;
  readonly dryRun: boolean;
  readonly plan: CancelEventPlan;
  readonly refunds: readonly SentRefund[];
};

/** The waitlist part of the cascade (CancelEventWaitlistService), run inside the cancel's transaction. */
export type EventWaitlistCanceler = {
  cancelEntriesForEvent(tx: TxContext, ctx: UseCaseContext, eventId: string): Promise<readonly WaitlistEntry[]>;
};

/** A compare-and-set lost to a concurrent change: the whole transaction is rolled back and decided again. */
class Collision extends Error {}
const MAX_ATTEMPTS = 3;
const ACTIVE: readonly Booking['status'][] = ['PENDING_PAYMENT', 'CONFIRMED'];

type RequestedRefund = CascadeRefund & { readonly refundId: string };
type Applied = {
  readonly record: EventRecord;
  readonly changed: boolean;
  readonly plan: CancelEventPlan;
  readonly refundIds: readonly RequestedRefund[];
  readonly crewId: string | null;
};

/**
 * `POST /events/{id}/cancel` and the admin CLI (DESIGN §3.1): one transaction cancels the event (compare-and-set on
 * its version), every active booking (compare-and-set on its status), every waitlist entry, gives back promo uses,
 * leaves the event at 0 seats taken, and requests the refunds of paid bookings — requested in the transaction so that
 * money is never forgotten, sent to the gateway after the commit (a gateway failure leaves them PENDING for the
 * retry job). The crew is released after the commit too; its `crew.released` message is the durable signal.
 * Canceling a canceled event is a no-op answering the event.
 */
export class CancelEventUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: EventRepository,
    private readonly bookings: BookingRepository,
    private readonly payments: PaymentRepository,
    private readonly waitlist: WaitlistRepository,
    private readonly waitlistCanceler: EventWaitlistCanceler,
    private readonly promoCodes: PromoCodeRepository,
    private readonly refunds: RefundService,
    private readonly crew: CrewClient,
    private readonly recorder: ChangeRecorder,
    private readonly clock: Clock,
  ) {}

  async execute(ctx: UseCaseContext, input: CancelEventCommand): Promise<Result<CancelEventOutcome, AppError>> {
    const current = await this.events.findById(null, input.eventId);
    const refusal = writeRefusal(ctx.actor, current, canManageEvent, 'cancel');
    if (refusal !== null) return err(refusal);
    const percent = input.refundPercent ?? null;
    if (percent !== null && !isAdmin(ctx.actor)) return err(domainError('FORBIDDEN', 'only an admin may choose the refund percentage'));
    const badPercent = refundPercentProblem(percent);
    if (badPercent !== null) return err(badPercent);
    if (input.dryRun === true) return this.dryRun(ctx, input, percent);

    let applied: Result<Applied, AppError> | null = null;
    for (let attempt = 0; attempt < MAX_ATTEMPTS && applied === null; attempt += 1) {
      try {
        applied = await inTransaction(this.uow, (tx) => this.apply(tx, ctx, input, percent));
      } catch (error: unknown) {
        if (!(error instanceof Collision)) throw error;
      }
    }
    if (applied === null) throw new Error(`event ${input.eventId} kept changing while being canceled`);
    if (!applied.ok) return applied;
    const { record, changed, plan, refundIds, crewId } = applied.value;
    const sent: SentRefund[] = [];
    for (const r of refundIds) {
      const processed = await this.refunds.process(ctx, r.refundId);
      sent.push({ bookingId: r.bookingId, refundId: r.refundId, amount: r.amount, error: processed.error });
    }
    if (changed && plan.crewReleased) await this.releaseCrewQuietly(input.eventId, crewId);
    const fresh = (await this.events.findById(null, input.eventId)) ?? record;
    return ok({ event: fresh, changed, dryRun: false, plan, refunds: sent });
  }

  private async dryRun(ctx: UseCaseContext, input: CancelEventCommand, percent: number | null): Promise<Result<CancelEventOutcome, AppError>> {
    const record = await this.events.findById(null, input.eventId);
    if (record === null) return err(eventNotFound());
    const bookings = await this.bookings.listByEvent(null, input.eventId, ACTIVE);
    const entries = await this.waitlist.listByEvent(null, input.eventId, ['WAITING', 'OFFERED']);
    const paid = await this.paidPayments(null, bookings);
    const cascade = this.decide(ctx, input, percent, record, bookings, entries, paid);
    if (!cascade.ok) return cascade;
    return ok({ event: record, changed: false, dryRun: true, plan: cascade.value, refunds: [] });
  }

  private async apply(tx: TxContext, ctx: UseCaseContext, input: CancelEventCommand, percent: number | null): Promise<Result<Applied, AppError>> {
    // The event's row lock: no booking, offer or claim of this event commits between the reads below and the writes.
    await this.waitlist.lockLine(tx, input.eventId);
    const record = await this.events.findById(tx, input.eventId);
    if (record === null) return err(eventNotFound());
    const bookings = await this.bookings.listByEvent(tx, input.eventId, ACTIVE);
    const paid = await this.paidPayments(tx, bookings);
    // The waitlist is canceled by its own service below; it is left out of the decision so nothing is done twice.
    const decided = this.decideCascade(ctx, input, percent, record, bookings, [], paid);
    if (!decided.ok) return decided;
    const cascade = decided.value;
    const plan0 = planOf(record, cascade.summary, cascade.refunds);
    if (record.state.status === 'CANCELED') return ok({ record, changed: false, plan: plan0, refundIds: [], crewId: null });

    const now = this.clock.now();
    if (!(await this.events.update(tx, { ...record, state: cascade.event, updatedAt: now }, record.version))) throw new Collision();
    const before = new Map(bookings.map((b) => [b.id, b]));
    for (const next of cascade.bookings) {
      const previous = before.get(next.id);
      if (previous === undefined || !(await this.bookings.transition(tx, next, previous.status))) throw new Collision();
    }
    const entries = await this.waitlistCanceler.cancelEntriesForEvent(tx, ctx, input.eventId);
    // Nothing holds a seat any more: the counters' definition (DESIGN §3.2) is 0 for the event and every option.
    const zeroOptions = Object.fromEntries(record.state.priceOptions.map((o) => [o.id, 0]));
    await this.events.overwriteSeatCounters(tx, input.eventId, 0, zeroOptions);
    // A refusal means the code's uses are already at 0: there is nothing left to give back.
    for (const promoId of cascade.promoUsesToRelease) await this.promoCodes.adjustUses(tx, promoId, -1);

    const refundIds: RequestedRefund[] = [];
    for (const r of cascade.refunds) {
      const payment = paid.get(r.bookingId);
      const booking = before.get(r.bookingId);
      if (payment === undefined || booking === undefined) throw new Error(`booking ${r.bookingId} was paid but has no payment to refund`);
      const requested = await this.refunds.request(tx, ctx, {
        payment,
        booking,
        amount: r.amount,
        reason: input.reason,
        key: cancelRefundKey(r.bookingId),
      });
      if (!requested.ok) throw new Rollback(requested.error);
      refundIds.push({ ...r, refundId: requested.value.id });
    }
    await this.recorder.record(tx, ctx, {
      events: cascade.events,
      audit: [
        { entity: 'EVENT', entityId: record.state.id, eventId: record.state.id, from: record.state.status, to: 'CANCELED', reason: input.reason },
        ...cascade.bookings.map((b) => bookingAudit(b, before.get(b.id)?.status ?? null, input.reason)),
      ],
    });
    const plan = { ...plan0, waitlistCanceled: entries.length };
    return ok({ record, changed: true, plan, refundIds, crewId: record.state.crew.crewId });
  }

  private decide(
    ctx: UseCaseContext,
    input: CancelEventCommand,
    percent: number | null,
    record: EventRecord,
    bookings: readonly Booking[],
    entries: readonly WaitlistEntry[],
    paid: ReadonlyMap<string, PaymentRecord>,
  ): Result<CancelEventPlan, AppError> {
    const cascade = this.decideCascade(ctx, input, percent, record, bookings, entries, paid);
    return cascade.ok ? ok(planOf(record, cascade.value.summary, cascade.value.refunds)) : cascade;
  }

  private decideCascade(
    ctx: UseCaseContext,
    input: CancelEventCommand,
    percent: number | null,
    record: EventRecord,
    bookings: readonly Booking[],
    entries: readonly WaitlistEntry[],
    paid: ReadonlyMap<string, PaymentRecord>,
  ) {
    return cancelEventCascade({
      event: record.state,
      bookings,
      entries,
      reason: input.reason,
      by: isAdmin(ctx.actor) ? 'ADMIN' : 'ORGANIZER',
      actorId: actorId(ctx.actor) ?? 'system',
      overridePercent: percent,
      now: this.clock.now(),
      alreadyRefunded: (bookingId) => paid.get(bookingId)?.refundedAmount ?? 0,
    });
  }

  /** The payment of each paid booking, for what it has already refunded and to request the refund on. */
  private async paidPayments(tx: TxContext | null, bookings: readonly Booking[]): Promise<Map<string, PaymentRecord>> {
    const paid = new Map<string, PaymentRecord>();
    for (const b of bookings) {
      if (b.paidAmount <= 0) continue;
      const payment = await findPaidPayment(this.payments, tx, b.id);
      if (payment !== null) paid.set(b.id, payment);
    }
    return paid;
  }

  /** Best effort: the `crew.released` message in the outbox is what the crew service relies on. */
  private async releaseCrewQuietly(eventId: string, crewId: string | null): Promise<void> {
    try {
      await this.crew.releaseCrew(eventId, crewId);
    } catch {
      // Deliberately ignored: see above.
    }
  }
}

function planOf(record: EventRecord, summary: CancelEventCascadeSummary, refunds: readonly CascadeRefund[]): CancelEventPlan {
  return { ...summary, eventId: record.state.id, title: record.state.title, statusBefore: record.state.status, refunds };
}
