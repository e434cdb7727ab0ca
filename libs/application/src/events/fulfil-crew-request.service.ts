import {
  crewAssigned,
  crewRequestFailed,
  isCrewRetryDue,
  err,
  isTerminal,
  ok,
  type CrewRequest,
  type EventState,
  type Instant,
} from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { Clock } from '../ports/clock.port.js';
import type { CrewClient } from '../ports/crew-client.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { TxContext, UnitOfWork } from '../ports/unit-of-work.port.js';
import type { ChangeRecorder } from '../shared/change-recorder.js';
import { eventNotFound } from './event-guards.js';
import { mutateEvent } from './event-mutation.js';

export type CrewSettings = {
  /** Failed calls before the request becomes FAILED (`crew.assignment_failed`). */
  readonly maxAttempts: number;
  /** First retry delay; doubles per failure, capped at an hour by the domain. */
  readonly baseDelayMs: number;
  /** How long a claimed request is left alone by other workers while its call is in flight. */
  readonly claimMs: number;
};

/**
 * Defaults for apps without their own settings: five calls (the last about 15 minutes after the first, with the
 * domain's doubling from one minute), and a claim window longer than any sane client timeout with its retries.
 */
export const DEFAULT_CREW_SETTINGS: CrewSettings = { maxAttempts: 5, baseDelayMs: 60_000, claimMs: 120_000 };

export type CrewOutcome = 'ASSIGNED' | 'RETRYING' | 'FAILED' | 'SKIPPED';

/** What was asked, so the answer can be matched against the event as it is when the answer arrives. */
type Asked = { readonly request: CrewRequest; readonly startsAt: Instant; readonly endsAt: Instant | null };

const MAX_ERROR_LENGTH = 1000;

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e)).slice(0, MAX_ERROR_LENGTH) || 'unknown error';

const sameRequest = (a: CrewRequest | null, b: CrewRequest): boolean =>
  a !== null && a.size === b.size && a.skills.length === b.skills.length && a.skills.every((s, i) => s === b.skills[i]);

/** The event still wants exactly what was asked: same request, same times, still pending, still alive. */
const stillWanted = (state: EventState, asked: Asked): boolean =>
  state.crew.status === 'PENDING' &&
  !isTerminal(state.status) &&
  sameRequest(state.crew.request, asked.request) &&
  state.startsAt === asked.startsAt &&
  state.endsAt === asked.endsAt;

/**
 * Asks the crew service for an event's pending crew request (DESIGN §3.9) and records the answer. Never inside a
 * transaction: a short one claims the request (so a second worker leaves it alone while the call is in flight), the
 * call runs with no transaction open, and a second short one records the crew or the failure (backed off, then
 * FAILED). An answer for a request that changed meanwhile (rescheduled, canceled, asked again) is not recorded, and
 * the crew it brought is released.
 */
export class FulfilCrewRequestService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: EventRepository,
    private readonly crew: CrewClient,
    private readonly recorder: ChangeRecorder,
    private readonly clock: Clock,
    private readonly settings: CrewSettings,
  ) {}

  async fulfil(ctx: UseCaseContext, eventId: string): Promise<CrewOutcome> {
    const asked = await this.uow.run((tx) => this.claim(tx, eventId));
    if (asked === null) return 'SKIPPED';
    let crewId: string;
    try {
      ({ crewId } = await this.crew.requestCrew({ eventId, ...asked.request, startsAt: asked.startsAt, endsAt: asked.endsAt }));
    } catch (e) {
      return this.recordFailure(ctx, eventId, asked, errorText(e));
    }
    const recorded = await this.recordCrew(ctx, eventId, asked, crewId);
    if (!recorded) await this.releaseQuietly(eventId, crewId);
    return recorded ? 'ASSIGNED' : 'SKIPPED';
  }

  /**
   * Best effort: the `crew.released` message in the outbox is the durable signal to the crew service; this direct
   * call only frees the crew sooner. Answers whether the service took it.
   */
  async releaseQuietly(eventId: string, crewId: string | null): Promise<boolean> {
    try {
      await this.crew.releaseCrew(eventId, crewId);
      return true;
    } catch {
      return false;
    }
  }

  private async claim(tx: TxContext, eventId: string): Promise<Asked | null> {
    const record = await this.events.findById(tx, eventId);
    const now = this.clock.now();
    if (record === null || !isCrewRetryDue(record.state, now)) return null;
    const { state } = record;
    const request = state.crew.request;
    if (request === null) return null;
    const leased = { ...record, state: { ...state, crew: { ...state.crew, nextAttemptAt: now + this.settings.claimMs } } };
    // Losing the version race means another worker (or an edit) got there first: leave it to them.
    if (!(await this.events.update(tx, leased, record.version))) return null;
    return { request, startsAt: state.startsAt, endsAt: state.endsAt };
  }

  private async recordCrew(ctx: UseCaseContext, eventId: string, asked: Asked, crewId: string): Promise<boolean> {
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const done = await mutateEvent(this.events, tx, eventId, now, (current) => {
        if (current === null) return err(eventNotFound());
        if (!stillWanted(current.state, asked)) return ok({ state: current.state, events: [] });
        const assigned = crewAssigned(current.state, { crewId, now });
        return assigned.ok ? ok(assigned.value) : ok({ state: current.state, events: [] });
      });
      // Unchanged means the event no longer wants this crew (or could not take it).
      if (!done.ok || !done.value.changed) return false;
      await this.recorder.record(tx, ctx, { events: done.value.events });
      return true;
    });
  }

  private async recordFailure(ctx: UseCaseContext, eventId: string, asked: Asked, error: string): Promise<CrewOutcome> {
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const { maxAttempts, baseDelayMs } = this.settings;
      const done = await mutateEvent(this.events, tx, eventId, now, (current) => {
        if (current === null) return err(eventNotFound());
        if (!stillWanted(current.state, asked)) return ok({ state: current.state, events: [] });
        const failed = crewRequestFailed(current.state, { error, now, maxAttempts, baseDelayMs });
        return failed.ok ? ok(failed.value) : ok({ state: current.state, events: [] });
      });
      if (!done.ok || !done.value.changed) return 'SKIPPED';
      await this.recorder.record(tx, ctx, { events: done.value.events });
      return done.value.after.state.crew.status === 'FAILED' ? 'FAILED' : 'RETRYING';
    });
  }
}
