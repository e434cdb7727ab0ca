import { domainEvent, type Transition } from '../shared/domain-event.js';
import { domainError } from '../shared/errors.js';
import { err, ok, type Result } from '../shared/result.js';
import type { Instant } from '../shared/time.js';
import {
  assertInstant,
  checkNotStarted,
  checkPublishAt,
  eventUpdated,
  guardStatus,
  type ErrorOf,
  type StatusError,
} from './event-rules.js';
import type { EventState } from './event.types.js';

export type GoLiveError = ErrorOf<'INVALID_EVENT'>;
export type PublishError = StatusError | GoLiveError | ErrorOf<'REVIEW_REQUIRED'>;

const unchanged = (event: EventState): Transition<EventState> => ({ state: event, events: [] });

/**
 * The common end of publish and approve: `PUBLISHED` now, or `SCHEDULED` when `publishAt` lies ahead.
 * A `publishAt` already past means now. A pending rejection reason is settled by going live, so it is cleared.
 */
export function goLive(event: EventState, now: Instant, publishAt: Instant | null): Result<Transition<EventState>, GoLiveError> {
  const problem = checkNotStarted(event, now) ?? checkPublishAt(publishAt, event.startsAt);
  if (problem) return err(problem);
  if (publishAt !== null && publishAt > now) {
    const state: EventState = { ...event, status: 'SCHEDULED', publishAt, rejectionReason: null };
    return ok({ state, events: [eventUpdated(state, ['status', 'publishAt'])] });
  }
  const state: EventState = { ...event, status: 'PUBLISHED', publishAt: null, publishedAt: now, rejectionReason: null };
  return ok({ state, events: [published(state, now)] });
}

function published(event: EventState, publishedAt: Instant) {
  return domainEvent('event.published', event.id, {
    eventId: event.id,
    organizationId: event.organizationId,
    title: event.title,
    startsAt: event.startsAt,
    publishedAt,
  });
}

/** `DRAFT → PUBLISHED | SCHEDULED`. An organisation that reviews its events must submit them instead. */
export function publishEvent(
  event: EventState,
  ctx: { readonly now: Instant; readonly publishAt?: Instant | null; readonly reviewRequired: boolean },
): Result<Transition<EventState>, PublishError> {
  assertInstant(ctx.now, 'now');
  const wrongState = guardStatus(event, 'publish', ['DRAFT']);
  if (wrongState) return err(wrongState);
  if (ctx.reviewRequired) {
    return err(domainError('REVIEW_REQUIRED', 'the organisation reviews its events: submit the event for review instead'));
  }
  return goLive(event, ctx.now, ctx.publishAt ?? null);
}

/**
 * The scheduler's step: a `SCHEDULED` event whose `publishAt` has come is `PUBLISHED`. Not yet due, or already
 * published by an earlier run, answers the event unchanged, so the job can be repeated safely.
 */
export function publishDueEvent(event: EventState, now: Instant): Result<Transition<EventState>, StatusError> {
  assertInstant(now, 'now');
  if (event.status === 'PUBLISHED') return ok(unchanged(event));
  const wrongState = guardStatus(event, 'publish-due', ['SCHEDULED']);
  if (wrongState) return err(wrongState);
  if (event.publishAt !== null && event.publishAt > now) return ok(unchanged(event));
  // publishAt stays as the record of the schedule; publishedAt says when it really happened.
  const state: EventState = { ...event, status: 'PUBLISHED', publishedAt: now };
  return ok({ state, events: [published(state, now)] });
}

/** `SCHEDULED → DRAFT`: the schedule is dropped. */
export function unscheduleEvent(event: EventState, ctx: { readonly now: Instant }): Result<Transition<EventState>, StatusError> {
  assertInstant(ctx.now, 'now');
  const wrongState = guardStatus(event, 'unschedule', ['SCHEDULED']);
  if (wrongState) return err(wrongState);
  const state: EventState = { ...event, status: 'DRAFT', publishAt: null };
  return ok({ state, events: [eventUpdated(state, ['status', 'publishAt'])] });
}
