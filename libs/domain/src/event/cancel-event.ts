import { releaseCrew } from '../crew/crew.js';
import { domainEvent, type Transition } from '../shared/domain-event.js';
import { domainError } from '../shared/errors.js';
import { err, ok, type Result } from '../shared/result.js';
import type { Instant } from '../shared/time.js';
import {
  assertInstant,
  EVENT_LIMITS,
  notEditable,
  requiredText,
  type ErrorOf,
  type InvalidEvent,
} from './event-rules.js';
import type { EventState } from './event.types.js';

export type CancelEventError = ErrorOf<'EVENT_NOT_EDITABLE'> | InvalidEvent;

/**
 * `→ CANCELED` from every non-terminal state. DESIGN names `PUBLISHED → CANCELED`; the other states are let in
 * too because only a draft can be deleted, and an event in review or scheduled must have a way out (the admin
 * CLI's bulk cancel relies on it). Bookings, refunds and the waitlist are the application's part; the crew is
 * released here. Canceling a canceled event is a no-op; a completed one cannot be canceled.
 */
export function cancelEvent(
  event: EventState,
  ctx: { readonly reason: string; readonly now: Instant },
): Result<Transition<EventState>, CancelEventError> {
  const { now } = ctx;
  assertInstant(now, 'now');
  if (event.status === 'CANCELED') return ok({ state: event, events: [] });
  if (event.status === 'COMPLETED') return err(notEditable(event));
  const reason = requiredText(ctx.reason, 'reason', EVENT_LIMITS.reasonMaxLength);
  if (!reason.ok) return reason;
  const canceled: EventState = { ...event, status: 'CANCELED', cancelReason: reason.value, canceledAt: now };
  const crew = releaseCrew(canceled, now);
  return ok({
    state: crew.state,
    events: [domainEvent('event.canceled', event.id, { eventId: event.id, reason: reason.value, canceledAt: now }), ...crew.events],
  });
}

/** Only a draft may be deleted (DESIGN §3.1); anything else is canceled instead. */
export function assertDeletable(event: EventState): Result<EventState, ErrorOf<'EVENT_NOT_DELETABLE'>> {
  if (event.status === 'DRAFT') return ok(event);
  return err(
    domainError('EVENT_NOT_DELETABLE', `the event is ${event.status}: only a draft can be deleted, cancel it instead`, {
      status: event.status,
    }),
  );
}
