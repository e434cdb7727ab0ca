import { err, ok, reconcileSeats, type Result, type SeatDrift } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { AppError } from '../errors.js';
import type { BookingRepository } from '../ports/booking-repository.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { TxContext, UnitOfWork } from '../ports/unit-of-work.port.js';
import type { WaitlistRepository } from '../ports/waitlist-repository.port.js';
import type { ChangeRecorder } from '../shared/change-recorder.js';
import { adminRefusal } from './admin-guard.js';

export type ReconcileSeatCountersCommand = {
  /** Write the sums back where they differ. */
  readonly fix?: boolean;
  /** Only these events; all events when left out. */
  readonly eventIds?: readonly string[];
};

export type EventDrift = { readonly eventId: string; readonly drift: readonly SeatDrift[]; readonly repaired: boolean };
export type ReconcileReport = { readonly checked: number; readonly drifted: readonly EventDrift[]; readonly repaired: number };

const BATCH = 200;

/**
 * `aquastream-admin reconcile [--fix]` (DESIGN §3.2): for every event, the stored counters against their definition
 * (active bookings plus open offers, per event and per price option). The check reads outside transactions; a repair
 * takes the event's row lock — the lock every seat change takes — and re-reads everything under it, so it writes
 * the sums as they are at that moment, never a stale check's, and no concurrent booking can slip in between.
 */
export class ReconcileSeatCountersUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: EventRepository,
    private readonly bookings: BookingRepository,
    private readonly waitlist: WaitlistRepository,
    private readonly recorder: ChangeRecorder,
  ) {}

  async execute(ctx: UseCaseContext, input: ReconcileSeatCountersCommand = {}): Promise<Result<ReconcileReport, AppError>> {
    const refusal = adminRefusal(ctx.actor);
    if (refusal !== null) return err(refusal);
    let checked = 0;
    let repaired = 0;
    const drifted: EventDrift[] = [];
    for await (const eventId of this.eventIds(input.eventIds)) {
      const found = await this.check(null, eventId);
      if (found === null) continue;
      checked += 1;
      if (found.drift.length === 0) continue;
      if (input.fix !== true) {
        drifted.push({ eventId, drift: found.drift, repaired: false });
        continue;
      }
      const fixed = await this.uow.run((tx) => this.repair(tx, ctx, eventId));
      // Resolved meanwhile (a booking committed between the check and the lock): nothing to report.
      if (fixed.length === 0) continue;
      repaired += 1;
      drifted.push({ eventId, drift: fixed, repaired: true });
    }
    return ok({ checked, drifted, repaired });
  }

  private async *eventIds(only: readonly string[] | undefined): AsyncGenerator<string> {
    if (only !== undefined) {
      yield* new Set(only);
      return;
    }
    let after: string | null = null;
    for (;;) {
      const batch = await this.events.listIds(after, BATCH);
      yield* batch;
      if (batch.length < BATCH) return;
      after = batch[batch.length - 1] ?? null;
    }
  }

  private async check(tx: TxContext | null, eventId: string) {
    const record = await this.events.findById(tx, eventId);
    if (record === null) return null;
    const bookings = await this.bookings.listByEvent(tx, eventId, ['PENDING_PAYMENT', 'CONFIRMED']);
    const offers = await this.waitlist.listByEvent(tx, eventId, ['OFFERED']);
    return { record, ...reconcileSeats(record.state, { bookings, waitlist: offers }) };
  }

  private async repair(tx: TxContext, ctx: UseCaseContext, eventId: string): Promise<readonly SeatDrift[]> {
    await this.waitlist.lockLine(tx, eventId);
    const found = await this.check(tx, eventId);
    if (found === null || found.drift.length === 0) return [];
    const { repaired } = found;
    const byOption = Object.fromEntries(repaired.priceOptions.map((o) => [o.id, o.seatsTaken]));
    await this.events.overwriteSeatCounters(tx, eventId, repaired.seatsTaken, byOption);
    const what = found.drift.map((d) => `${d.field} ${d.stored} → ${d.expected}`).join('; ');
    const status = found.record.state.status;
    await this.recorder.record(tx, ctx, {
      audit: [{ entity: 'EVENT', entityId: eventId, eventId, from: status, to: status, reason: `reconcile: ${what}` }],
    });
    return found.drift;
  }
}
