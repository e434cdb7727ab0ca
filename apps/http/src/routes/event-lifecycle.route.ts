import { toEventView } from '@aquastream/application';
import type { z } from '@hono/zod-openapi';
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { idempotency } from '../idempotency.middleware.js';
import { IdParams, problemResponses } from '../openapi/common.schemas.js';
import { parseInstant } from '../openapi/iso.js';
import { validationHook } from '../openapi/validation-hook.js';
import { respond } from '../respond.js';
import { CancelEventBody, PublishBody, ReasonBody } from './event-extras.schemas.js';
import { CrewRequestBody, EventSchema } from './events.schemas.js';
import { eventView } from './events.views.js';

const tags = ['Event lifecycle'];
const security = [{ bearer: [] }];
const answer = { content: { 'application/json': { schema: EventSchema } }, description: 'the event after the command' };
const body = <T extends z.ZodTypeAny>(schema: T, required = true) => ({ content: { 'application/json': { schema } }, required });

/** The problem statuses every command on one event can answer, plus its own. */
const problems = (own: Readonly<Record<number, readonly string[]>>) =>
  problemResponses({
    400: ['VALIDATION_FAILED', 'MALFORMED_JSON'],
    401: ['NOT_AUTHENTICATED'],
    403: ['FORBIDDEN'],
    404: ['EVENT_NOT_FOUND'],
    ...own,
  });

const command = <Req extends { params: typeof IdParams; body?: ReturnType<typeof body> }>(
  path: string,
  summary: string,
  description: string,
  request: Req,
  own: Readonly<Record<number, readonly string[]>>,
) => createRoute({ method: 'post', path, tags, summary, description, security, request, responses: { 200: answer, ...problems(own) } });

const publish = command(
  '/events/{id}/publish',
  'Publish (or schedule) a DRAFT',
  'Owners, managers, admins. DRAFT → PUBLISHED now, or → SCHEDULED when `publishAt` is in the future (the scheduler publishes it then). ' +
    'The body may be left out. An organisation with `reviewRequired` must `submit` instead (409 REVIEW_REQUIRED).',
  { params: IdParams, body: body(PublishBody, false) },
  { 409: ['INVALID_EVENT_TRANSITION', 'REVIEW_REQUIRED', 'EVENT_NOT_EDITABLE'], 422: ['INVALID_EVENT'] },
);
const unschedule = command(
  '/events/{id}/unschedule',
  'Take a SCHEDULED event back to DRAFT',
  'Owners, managers, admins: SCHEDULED → DRAFT, before the scheduler publishes it.',
  { params: IdParams },
  { 409: ['INVALID_EVENT_TRANSITION', 'EVENT_NOT_EDITABLE'] },
);
const submit = command(
  '/events/{id}/submit',
  'Submit a DRAFT for review',
  'For organisations with `reviewRequired`: DRAFT → IN_REVIEW; an admin then approves or rejects it. `publishAt` is the wished ' +
    'publication time, used on approval unless the admin sets another. The body may be left out.',
  { params: IdParams, body: body(PublishBody, false) },
  { 409: ['INVALID_EVENT_TRANSITION', 'EVENT_NOT_EDITABLE'], 422: ['INVALID_EVENT'] },
);
const approve = command(
  '/events/{id}/approve',
  'Approve an event in review (admin)',
  'IN_REVIEW → PUBLISHED, or SCHEDULED for a future `publishAt`. Without `publishAt` the organiser’s wish from the submission ' +
    'applies; `publishAt: null` publishes now. The body may be left out.',
  { params: IdParams, body: body(PublishBody, false) },
  { 409: ['INVALID_EVENT_TRANSITION', 'EVENT_NOT_EDITABLE'], 422: ['INVALID_EVENT'] },
);
const reject = command(
  '/events/{id}/reject',
  'Reject an event in review (admin)',
  'IN_REVIEW → DRAFT; the reason is kept on the event (`rejectionReason`) for the organiser.',
  { params: IdParams, body: body(ReasonBody) },
  { 409: ['INVALID_EVENT_TRANSITION', 'EVENT_NOT_EDITABLE'], 422: ['INVALID_EVENT'] },
);
const crew = command(
  '/events/{id}/crew',
  'Request a crew',
  'Owners, managers, admins. Asks the crew service for `size` people with `skills`; if it is down the request stays PENDING and is ' +
    'retried by the scheduler (`crew.status`). Repeating the request in force changes nothing; another one replaces it.',
  { params: IdParams, body: body(CrewRequestBody) },
  { 409: ['CREW_NOT_REQUESTABLE', 'EVENT_NOT_EDITABLE'], 422: ['INVALID_EVENT'] },
);

const cancelRoute = (deps: AppDeps) =>
  createRoute({
    method: 'post',
    path: '/events/{id}/cancel',
    tags,
    summary: 'Cancel an event',
    description:
      'Owners, managers, admins. Cancels every active booking (paid ones are refunded 100 %, or `refundPercent` chosen by an admin), ' +
      'every waitlist entry, and releases the crew. Canceling a canceled event changes nothing and answers it. Accepts `Idempotency-Key`.',
    security,
    request: { params: IdParams, body: body(CancelEventBody) },
    middleware: [idempotency(deps.storage.idempotency, 'POST /events/{id}/cancel', () => deps.clock.now())] as const,
    responses: {
      200: answer,
      ...problems({
        403: ['FORBIDDEN (also: refundPercent set by a non-admin)'],
        409: ['INVALID_EVENT_TRANSITION', 'EVENT_NOT_EDITABLE', 'IDEMPOTENCY_KEY_IN_PROGRESS'],
        422: ['INVALID_REQUEST', 'IDEMPOTENCY_KEY_REUSED'],
      }),
    },
  });

const publishAtOf = (t: string | null | undefined) => (t === undefined ? {} : { publishAt: t === null ? null : parseInstant(t) });

/** Publish, schedule, review, cancel and crew: the commands of DESIGN §3.1 on one event. */
export function eventLifecycleRoute(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const events = deps.useCases.events;

  app.openapi(publish, async (c) => {
    const result = await events.publish.execute(c.get('ctx'), { eventId: c.req.valid('param').id, ...publishAtOf(c.req.valid('json').publishAt) });
    return respond(c, result, 200, eventView) as never;
  });
  app.openapi(unschedule, async (c) => {
    const result = await events.unschedule.execute(c.get('ctx'), { eventId: c.req.valid('param').id });
    return respond(c, result, 200, eventView) as never;
  });
  app.openapi(submit, async (c) => {
    const result = await events.submit.execute(c.get('ctx'), { eventId: c.req.valid('param').id, ...publishAtOf(c.req.valid('json').publishAt) });
    return respond(c, result, 200, eventView) as never;
  });
  app.openapi(approve, async (c) => {
    const result = await events.approve.execute(c.get('ctx'), { eventId: c.req.valid('param').id, ...publishAtOf(c.req.valid('json').publishAt) });
    return respond(c, result, 200, eventView) as never;
  });
  app.openapi(reject, async (c) => {
    const result = await events.reject.execute(c.get('ctx'), { eventId: c.req.valid('param').id, reason: c.req.valid('json').reason });
    return respond(c, result, 200, eventView) as never;
  });
  app.openapi(crew, async (c) => {
    const { size, skills } = c.req.valid('json');
    const result = await events.requestCrew.execute(c.get('ctx'), { eventId: c.req.valid('param').id, size, skills });
    return respond(c, result, 200, eventView) as never;
  });
  app.openapi(cancelRoute(deps), async (c) => {
    const { reason, refundPercent } = c.req.valid('json');
    const result = await events.cancel.execute(c.get('ctx'), {
      eventId: c.req.valid('param').id,
      reason,
      ...(refundPercent === undefined ? {} : { refundPercent }),
    });
    return respond(c, result, 200, (outcome) => eventView(toEventView(outcome.event))) as never;
  });
  return app;
}
