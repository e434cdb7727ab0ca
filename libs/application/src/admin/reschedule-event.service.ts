import { err, ok, updateEvent, type EventState, type Instant, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { AppError } from '../errors.js';
import { eventNotFound } from '../events/event-guards.js';
import { mutateEvent } from '../events/event-mutation.js';
import type { FulfilCrewRequestService } from '../events/fulfil-crew-request.service.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { TxContext, UnitOfWork } from '../ports/unit-of-work.port.js';
import type { ChangeRecorder } from '../shared/change-recorder.js';

export type EventTimes = { readonly startsAt: Instant; readonly endsAt: Instant | null };
export type RescheduleDetail = { readonly previous: EventTimes; readonly next: EventTimes };
export type RescheduleOutcome = RescheduleDetail & { readonly changed: boolean };

/** The new times, decided on the event as it is when the transaction reads it. */
export type TimesTarget = (state: EventState) => EventTimes;

const iso = (t: Instant | null): string => (t === null ? 'none' : new Date(t).toISOString());
const timesOf = (s: EventState): EventTimes => ({ startsAt: s.startsAt, endsAt: s.endsAt });

/**
 * Moves one event in time with the domain's updateEvent (DESIGN §3.1): on a PUBLISHED event it is a reschedule
 * (`event.rescheduled`, later cancels refund 100 %), bookings stay as they are, the crew is asked again for the new
 * times (an assigned one released) after the commit. The admin action is written to the audit log with the change.
 * Callers authorise; this is the admin commands' shared part.
 */
export class RescheduleEventService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: EventRepository,
    private readonly crew: FulfilCrewRequestService,
    private readonly recorder: ChangeRecorder,
    private readonly clock: Clock,
  ) {}

  /** What `reschedule` would do, read outside any transaction; writes nothing. */
  async plan(eventId: string, target: TimesTarget, reason: string | null): Promise<Result<RescheduleOutcome, AppError>> {
    const record = await this.events.findById(null, eventId);
    if (record === null) return err(eventNotFound());
    const next = target(record.state);
    const decided = updateEvent(record.state, { ...next, reason }, { now: this.clock.now() });
    if (!decided.ok) return decided;
    return ok({ previous: timesOf(record.state), next, changed: decided.value.state !== record.state });
  }

  /** `inTx` runs last in the transaction when the outcome is decided (moved or unchanged), to commit with it. */
  async reschedule(
    ctx: UseCaseContext,
    eventId: string,
    target: TimesTarget,
    reason: string | null,
    inTx?: (tx: TxContext, outcome: RescheduleOutcome) => Promise<void>,
  ): Promise<Result<RescheduleOutcome, AppError>> {
    const done = await this.uow.run(async (tx) => {
      const now = this.clock.now();
      const mutation = await mutateEvent(this.events, tx, eventId, now, (current) => {
        if (current === null) return err(eventNotFound());
        const updated = updateEvent(current.state, { ...target(current.state), reason }, { now });
        return updated.ok ? ok({ state: updated.value.state, events: updated.value.events }) : updated;
      });
      if (!mutation.ok) return mutation;
      const { before, after, changed } = mutation.value;
      if (!changed) {
        await inTx?.(tx, outcomeOf(before.state, after.state, false));
        return mutation;
      }
      const why = `moved from ${iso(before.state.startsAt)} to ${iso(after.state.startsAt)}${reason === null ? '' : `: ${reason}`}`;
      await this.recorder.record(tx, ctx, {
        events: mutation.value.events,
        audit: [{ entity: 'EVENT', entityId: eventId, eventId, from: before.state.status, to: after.state.status, reason: why }],
      });
      await inTx?.(tx, outcomeOf(before.state, after.state, true));
      return mutation;
    });
    if (!done.ok) return done;
    const { before, after, changed } = done.value;
    if (changed) {
      const crewBefore = before.state.crew;
      if (crewBefore.status === 'ASSIGNED' && after.state.crew.crewId !== crewBefore.crewId) {
        await this.crew.releaseQuietly(eventId, crewBefore.crewId);
      }
      if (after.state.crew.status === 'PENDING') await this.crew.fulfil(ctx, eventId);
    }
    return ok(outcomeOf(before.state, after.state, changed));
  }
}

const outcomeOf = (before: EventState, after: EventState, changed: boolean): RescheduleOutcome => ({ previous: timesOf(before), next: timesOf(after), changed });
