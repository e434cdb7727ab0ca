import { assertInstant, isTerminal, validateCrewRequest, type ErrorOf, type InvalidEvent } from '../event/event-rules.js';
import type { CrewRequest, CrewState, EventState } from '../event/event.types.js';
import { domainEvent, type DomainEvent, type Transition } from '../shared/domain-event.js';
import { domainError } from '../shared/errors.js';
import { DomainInvariantError, err, ok, type Result } from '../shared/result.js';
import { MS_PER_HOUR, type Instant } from '../shared/time.js';

type NotRequestable = ErrorOf<'CREW_NOT_REQUESTABLE'>;

/** Retries never wait longer than this, however many attempts failed. */
export const MAX_CREW_RETRY_DELAY_MS = MS_PER_HOUR;

export const NO_CREW: CrewState = {
  status: 'NONE', request: null, crewId: null, attempts: 0, nextAttemptAt: null, lastError: null,
};

/** A fresh request: due at once (the application calls the crew service right after saving). */
export const pendingCrew = (request: CrewRequest): CrewState => ({
  status: 'PENDING', request, crewId: null, attempts: 0, nextAttemptAt: null, lastError: null,
});

const notRequestable = (event: EventState, why: string): NotRequestable =>
  domainError('CREW_NOT_REQUESTABLE', why, { crewStatus: event.crew.status });

const sameRequest = (a: CrewRequest | null, b: CrewRequest): boolean =>
  a !== null && a.size === b.size && a.skills.length === b.skills.length && a.skills.every((s, i) => s === b.skills[i]);

const withCrew = (event: EventState, crew: CrewState): EventState => ({ ...event, crew });

/**
 * Releases a crew that is asked for or assigned. Anything else (none, failed, already released) has nothing to
 * free, so the answer is the event unchanged and no message.
 */
export function releaseCrew(event: EventState, now: Instant): Transition<EventState> {
  assertInstant(now, 'now');
  const { crew } = event;
  if (crew.status !== 'PENDING' && crew.status !== 'ASSIGNED') return { state: event, events: [] };
  return {
    state: withCrew(event, { ...crew, status: 'RELEASED', nextAttemptAt: null }),
    events: [domainEvent('crew.released', event.id, { eventId: event.id, crewId: crew.crewId })],
  };
}

/**
 * Asks for a crew again with the current request (after a reschedule): an assigned crew is released first,
 * because it was booked for the old times. Without a request, or on a terminal event, nothing happens.
 */
export function rerequestCrew(event: EventState, now: Instant): Transition<EventState> {
  assertInstant(now, 'now');
  const { request, status } = event.crew;
  if (request === null || status === 'NONE' || status === 'RELEASED' || isTerminal(event.status)) {
    return { state: event, events: [] };
  }
  const events: DomainEvent[] = [];
  if (status === 'ASSIGNED') events.push(...releaseCrew(event, now).events);
  return { state: withCrew(event, pendingCrew(request)), events };
}

/**
 * Requests a crew (`POST /events/{id}/crew`). Repeating the request in force is a no-op, so the call is safe to
 * retry; a different request replaces it, releasing an assigned crew. A failed request may be asked again.
 */
export function requestCrew(
  event: EventState,
  input: { readonly size: number; readonly skills: readonly string[]; readonly now: Instant },
): Result<Transition<EventState>, NotRequestable | InvalidEvent> {
  assertInstant(input.now, 'now');
  if (isTerminal(event.status)) {
    return err(notRequestable(event, `the event is ${event.status}: no crew can be requested`));
  }
  const valid = validateCrewRequest({ size: input.size, skills: input.skills });
  if (!valid.ok) return valid;
  const request = valid.value;
  const { crew } = event;
  if ((crew.status === 'PENDING' || crew.status === 'ASSIGNED') && sameRequest(crew.request, request)) {
    return ok({ state: event, events: [] });
  }
  const events = crew.status === 'ASSIGNED' ? releaseCrew(event, input.now).events : [];
  return ok({ state: withCrew(event, pendingCrew(request)), events });
}

/** The crew service answered with a crew. A repeated answer with the same crew is a no-op. */
export function crewAssigned(
  event: EventState,
  input: { readonly crewId: string; readonly now: Instant },
): Result<Transition<EventState>, NotRequestable> {
  assertInstant(input.now, 'now');
  const { crew } = event;
  if (crew.status === 'ASSIGNED' && crew.crewId === input.crewId) return ok({ state: event, events: [] });
  if (isTerminal(event.status)) {
    return err(notRequestable(event, `the event is ${event.status}: release the crew instead of assigning it`));
  }
  if (crew.status !== 'PENDING') {
    return err(notRequestable(event, `no crew request is pending (crew status ${crew.status})`));
  }
  return ok({
    state: withCrew(event, { ...crew, status: 'ASSIGNED', crewId: input.crewId, nextAttemptAt: null, lastError: null }),
    events: [domainEvent('crew.assigned', event.id, { eventId: event.id, crewId: input.crewId })],
  });
}

/** `baseDelayMs × 2^(attempts − 1)`, capped at an hour. The exponent is bounded so the product stays finite. */
export function crewRetryDelay(attempts: number, baseDelayMs: number): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 40);
  return Math.min(MAX_CREW_RETRY_DELAY_MS, baseDelayMs * 2 ** exponent);
}

/**
 * A call to the crew service failed. The request stays `PENDING` with the next attempt backed off, until
 * `maxAttempts` failures make it `FAILED` (announced by `crew.assignment_failed`).
 */
export function crewRequestFailed(
  event: EventState,
  input: { readonly error: string; readonly now: Instant; readonly maxAttempts: number; readonly baseDelayMs: number },
): Result<Transition<EventState>, NotRequestable> {
  const { now, maxAttempts, baseDelayMs } = input;
  assertInstant(now, 'now');
  if (!Number.isSafeInteger(maxAttempts) || maxAttempts < 1) {
    throw new DomainInvariantError('INVALID_ARGUMENT', `maxAttempts must be a positive integer, got ${maxAttempts}`);
  }
  if (!Number.isFinite(baseDelayMs) || baseDelayMs < 0) {
    throw new DomainInvariantError('INVALID_ARGUMENT', `baseDelayMs must be a non-negative number, got ${baseDelayMs}`);
  }
  const { crew } = event;
  if (crew.status !== 'PENDING' || isTerminal(event.status)) {
    return err(notRequestable(event, `no crew request is pending (crew status ${crew.status}, event ${event.status})`));
  }
  const attempts = crew.attempts + 1;
  const lastError = input.error.trim() === '' ? null : input.error;
  if (attempts >= maxAttempts) {
    return ok({
      state: withCrew(event, { ...crew, status: 'FAILED', attempts, nextAttemptAt: null, lastError }),
      events: [domainEvent('crew.assignment_failed', event.id, { eventId: event.id, attempts, lastError })],
    });
  }
  return ok({
    state: withCrew(event, { ...crew, attempts, nextAttemptAt: now + crewRetryDelay(attempts, baseDelayMs), lastError }),
    events: [],
  });
}

/** For the retry job: a pending request of a live event whose back-off has run out. */
export function isCrewRetryDue(event: EventState, now: Instant): boolean {
  const { crew } = event;
  return (
    crew.status === 'PENDING' && !isTerminal(event.status) && (crew.nextAttemptAt === null || crew.nextAttemptAt <= now)
  );
}
