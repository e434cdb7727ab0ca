import { canViewEvent, domainError, type Actor, type EventState } from '@aquastream/domain';
import { appError, type AppError } from '../errors.js';
import type { EventRecord } from '../ports/event-repository.port.js';

export const eventNotFound = (): AppError => domainError('EVENT_NOT_FOUND', 'no such event');
export const notAuthenticated = (): AppError => appError('NOT_AUTHENTICATED', 'sign in to do this');
export const forbidden = (detail: string): AppError => domainError('FORBIDDEN', detail);

/** Reads: an event the actor may not see does not exist for them (DESIGN §3.8). */
export function canSee(actor: Actor, record: EventRecord | null): record is EventRecord {
  return record !== null && canViewEvent(actor, record.state);
}

/**
 * The order every write on an event checks in: a guest is told to sign in, an event the actor may not see is not
 * found, and one they see but may not change is forbidden. Null means allowed.
 */
export function writeRefusal(
  actor: Actor,
  record: EventRecord | null,
  allowed: (actor: Actor, event: EventState) => boolean,
  what: string,
): AppError | null {
  if (actor.kind === 'guest') return notAuthenticated();
  if (!canSee(actor, record)) return eventNotFound();
  return allowed(actor, record.state) ? null : forbidden(`you may not ${what} this event`);
}
