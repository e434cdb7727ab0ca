import type { Transition } from '../shared/domain-event.js';
import { err, ok, type Result } from '../shared/result.js';
import type { Instant } from '../shared/time.js';
import {
  assertInstant,
  checkNotStarted,
  checkPublishAt,
  EVENT_LIMITS,
  eventUpdated,
  guardStatus,
  invalidTransition,
  requiredText,
  type InvalidEvent,
  type StatusError,
} from './event-rules.js';
import type { EventState } from './event.types.js';
import { goLive } from './publish-event.js';

export type ReviewStepError = StatusError | InvalidEvent;

/**
 * `DRAFT → IN_REVIEW`. Only an organisation with `reviewRequired` submits: for the others the command is refused
 * (publish directly), so `IN_REVIEW` never holds an event no admin is expected to look at. The organiser's
 * wished `publishAt` travels with the submission and is used on approval unless the admin sets another.
 */
export function submitEvent(
  event: EventState,
  ctx: { readonly now: Instant; readonly reviewRequired: boolean; readonly publishAt?: Instant | null },
): Result<Transition<EventState>, ReviewStepError> {
  assertInstant(ctx.now, 'now');
  const wrongState = guardStatus(event, 'submit', ['DRAFT']);
  if (wrongState) return err(wrongState);
  if (!ctx.reviewRequired) {
    return err(invalidTransition(event, 'submit', 'the organisation does not review its events: publish the event instead'));
  }
  const publishAt = ctx.publishAt ?? null;
  const problem = checkNotStarted(event, ctx.now) ?? checkPublishAt(publishAt, event.startsAt);
  if (problem) return err(problem);
  const state: EventState = { ...event, status: 'IN_REVIEW', publishAt };
  const changed = publishAt === event.publishAt ? ['status'] : ['status', 'publishAt'];
  return ok({ state, events: [eventUpdated(state, changed)] });
}

/** `IN_REVIEW → PUBLISHED | SCHEDULED`: `publishAt` (the admin's, else the organiser's) decides which. */
export function approveEvent(
  event: EventState,
  ctx: { readonly now: Instant; readonly publishAt?: Instant | null },
): Result<Transition<EventState>, ReviewStepError> {
  assertInstant(ctx.now, 'now');
  const wrongState = guardStatus(event, 'approve', ['IN_REVIEW']);
  if (wrongState) return err(wrongState);
  return goLive(event, ctx.now, ctx.publishAt === undefined ? event.publishAt : ctx.publishAt);
}

/** `IN_REVIEW → DRAFT` with the admin's reason kept on the event until it is approved. */
export function rejectEvent(
  event: EventState,
  ctx: { readonly reason: string; readonly now: Instant },
): Result<Transition<EventState>, ReviewStepError> {
  assertInstant(ctx.now, 'now');
  const wrongState = guardStatus(event, 'reject', ['IN_REVIEW']);
  if (wrongState) return err(wrongState);
  const reason = requiredText(ctx.reason, 'reason', EVENT_LIMITS.reasonMaxLength);
  if (!reason.ok) return reason;
  const state: EventState = { ...event, status: 'DRAFT', publishAt: null, rejectionReason: reason.value };
  const changed = event.publishAt === null ? ['status', 'rejectionReason'] : ['status', 'rejectionReason', 'publishAt'];
  return ok({ state, events: [eventUpdated(state, changed)] });
}
