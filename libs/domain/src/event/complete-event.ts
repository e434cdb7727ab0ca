import { domainEvent, type Transition } from '../shared/domain-event.js';
import { err, ok, type Result } from '../shared/result.js';
import type { Instant } from '../shared/time.js';
import { assertInstant, guardStatus, type StatusError } from './event-rules.js';
import type { EventState } from './event.types.js';

/** When an event counts as over: its end, or its start when it has no end. */
export const finishesAt = (event: Pick<EventState, 'startsAt' | 'endsAt'>): Instant => event.endsAt ?? event.startsAt;

/**
 * The scheduler's `PUBLISHED → COMPLETED` once the event is over. Not over yet, or completed by an earlier run,
 * answers the event unchanged, so the job may repeat. The crew is left as it is: its work is done, not undone.
 */
export function completeEvent(event: EventState, now: Instant): Result<Transition<EventState>, StatusError> {
  assertInstant(now, 'now');
  if (event.status === 'COMPLETED') return ok({ state: event, events: [] });
  const wrongState = guardStatus(event, 'complete', ['PUBLISHED']);
  if (wrongState) return err(wrongState);
  if (finishesAt(event) > now) return ok({ state: event, events: [] });
  const state: EventState = { ...event, status: 'COMPLETED', completedAt: now };
  return ok({ state, events: [domainEvent('event.completed', event.id, { eventId: event.id, completedAt: now })] });
}
