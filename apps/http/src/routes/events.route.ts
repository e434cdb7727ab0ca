import type { z } from '@hono/zod-openapi';
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { API_PREFIX } from '../app.js';
import { catalogueCacheOf, type CatalogueCache } from '../cache/catalogue-cache.js';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { IdParams, problemResponses } from '../openapi/common.schemas.js';
import { parseInstant } from '../openapi/iso.js';
import { validationHook } from '../openapi/validation-hook.js';
import { errorResponse, respond } from '../respond.js';
import { eventExportsRoute } from './event-exports.route.js';
import { eventFaqRoute } from './event-faq.route.js';
import { eventInsightsRoute } from './event-insights.route.js';
import { eventLifecycleRoute } from './event-lifecycle.route.js';
import { CatalogueQuery, CreateEventBody, EventPageSchema, EventSchema, UpdateEventBody } from './events.schemas.js';
import { createEventCommand, eventView, updateEventCommand } from './events.views.js';

const tags = ['Events'];
const security = [{ bearer: [] }];
const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const body = <T extends z.ZodTypeAny>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const CACHE_NOTE =
  ' Guests’ answers are cached in the process for a few seconds (`X-Cache: HIT|MISS`); every answer has a strong `ETag` ' +
  '(send it back in `If-None-Match` for a 304). While the database is unreachable, the last cached page is served with `X-Cache: STALE`.';

const catalogueRoute = (cache: CatalogueCache) =>
  createRoute({
    method: 'get',
    path: '/events',
    tags,
    summary: 'The event catalogue',
    description: 'Public. Without `status`: PUBLISHED events that have not started, soonest first.' + CACHE_NOTE,
    request: { query: CatalogueQuery },
    middleware: [cache.read] as const,
    responses: {
      200: json(EventPageSchema, 'a page of events'),
      304: { description: 'not modified (If-None-Match matched the ETag)' },
      ...problemResponses({ 400: ['VALIDATION_FAILED'], 422: ['INVALID_REQUEST'] }),
    },
  });

const getRoute = (cache: CatalogueCache) =>
  createRoute({
    method: 'get',
    path: '/events/{id}',
    tags,
    summary: 'One event',
    description: 'Public for PUBLISHED, CANCELED and COMPLETED events; DRAFT, IN_REVIEW and SCHEDULED ones only for their organisation and admins (404 for anyone else).' + CACHE_NOTE,
    request: { params: IdParams },
    middleware: [cache.read] as const,
    responses: {
      200: json(EventSchema, 'the event'),
      304: { description: 'not modified (If-None-Match matched the ETag)' },
      ...problemResponses({ 400: ['VALIDATION_FAILED'], 404: ['EVENT_NOT_FOUND'] }),
    },
  });

const create = createRoute({
  method: 'post',
  path: '/events',
  tags,
  summary: 'Create an event (DRAFT)',
  description:
    'Organisers (owners and managers of the organisation) and admins. Instants are ISO 8601 with an offset. Defaults: `timeZone` UTC, ' +
    '`bookingDeadlineHours` 24, `maxTicketsPerBooking` 10, the default refund policy. A `crew` request is sent to the crew service ' +
    'after saving; if that fails the event is still created with crew status PENDING.',
  security,
  request: { body: body(CreateEventBody) },
  responses: {
    201: json(EventSchema, 'the new DRAFT; `Location` names it'),
    ...problemResponses({
      400: ['VALIDATION_FAILED', 'MALFORMED_JSON'],
      401: ['NOT_AUTHENTICATED'],
      403: ['FORBIDDEN (not an organiser of the organisation; `featured` by a non-admin)'],
      404: ['ORGANIZATION_NOT_FOUND', 'CATEGORY_NOT_FOUND'],
      422: ['INVALID_EVENT', 'INVALID_REFUND_POLICY', 'INVALID_PRICING_RULES', 'ORGANIZATION_REQUIRED'],
    }),
  },
});

const update = createRoute({
  method: 'patch',
  path: '/events/{id}',
  tags,
  summary: 'Edit an event',
  description:
    'Any subset of the create body; `priceOptions` replaces the list (send existing options with their `id`). New times of a PUBLISHED ' +
    'event are a reschedule: attendees are notified (with `reason`), the crew is asked again, and cancels after it refund 100 %. ' +
    'Capacity may not drop below the seats taken; raising it offers seats to the waitlist. CANCELED and COMPLETED events are final.',
  security,
  request: { params: IdParams, body: body(UpdateEventBody) },
  responses: {
    200: json(EventSchema, 'the event after the edit'),
    ...problemResponses({
      400: ['VALIDATION_FAILED', 'MALFORMED_JSON'],
      401: ['NOT_AUTHENTICATED'],
      403: ['FORBIDDEN'],
      404: ['EVENT_NOT_FOUND', 'CATEGORY_NOT_FOUND'],
      409: ['EVENT_NOT_EDITABLE', 'CAPACITY_BELOW_SEATS_TAKEN', 'CREW_NOT_REQUESTABLE'],
      422: ['INVALID_EVENT', 'INVALID_REFUND_POLICY', 'INVALID_PRICING_RULES'],
    }),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/events/{id}',
  tags,
  summary: 'Delete a DRAFT event',
  description: 'Only a DRAFT can be deleted; cancel a published event instead.',
  security,
  request: { params: IdParams },
  responses: {
    204: { description: 'deleted' },
    ...problemResponses({
      400: ['VALIDATION_FAILED'],
      401: ['NOT_AUTHENTICATED'],
      403: ['FORBIDDEN'],
      404: ['EVENT_NOT_FOUND'],
      409: ['EVENT_NOT_DELETABLE'],
    }),
  },
});

/**
 * The events resource: catalogue and CRUD here; lifecycle commands, stats and attendees, FAQ and exports in their
 * own sub-apps, mounted below. Mount this one before the other resources: its write middleware must see every write
 * under /api/v1 to keep the catalogue cache honest.
 */
export function eventsRoute(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const cache = catalogueCacheOf(deps);
  app.use('*', cache.invalidateOnWrite);
  const events = deps.useCases.events;

  app.openapi(catalogueRoute(cache), async (c) => {
    const q = c.req.valid('query');
    const result = await events.search.execute(c.get('ctx'), {
      page: q.page,
      size: q.size,
      ...(q.q === undefined ? {} : { q: q.q }),
      ...(q.category === undefined ? {} : { category: q.category }),
      ...(q.from === undefined ? {} : { from: parseInstant(q.from) }),
      ...(q.to === undefined ? {} : { to: parseInstant(q.to) }),
      ...(q.featured === undefined ? {} : { featured: q.featured === 'true' }),
      ...(q.organizationId === undefined ? {} : { organizationId: q.organizationId }),
      ...(q.status === undefined ? {} : { statuses: q.status }),
      ...(q.sort === undefined ? {} : { sort: q.sort }),
    });
    return respond(c, result, 200, (page) => ({ ...page, data: page.data.map(eventView) }));
  });

  app.openapi(getRoute(cache), async (c) => {
    const result = await events.get.execute(c.get('ctx'), { eventId: c.req.valid('param').id });
    return respond(c, result, 200, eventView);
  });

  app.openapi(create, async (c) => {
    const result = await events.create.execute(c.get('ctx'), createEventCommand(c.req.valid('json')));
    if (result.ok) c.header('Location', `${API_PREFIX}/events/${result.value.id}`);
    return respond(c, result, 201, eventView) as never;
  });

  app.openapi(update, async (c) => {
    const result = await events.update.execute(c.get('ctx'), updateEventCommand(c.req.valid('param').id, c.req.valid('json')));
    return respond(c, result, 200, eventView) as never;
  });

  app.openapi(remove, async (c) => {
    const result = await events.delete.execute(c.get('ctx'), { eventId: c.req.valid('param').id });
    return result.ok ? c.body(null, 204) : (errorResponse(c, result.error));
  });

  app.route('/', eventLifecycleRoute(deps));
  app.route('/', eventInsightsRoute(deps));
  app.route('/', eventFaqRoute(deps));
  app.route('/', eventExportsRoute(deps));
  return app;
}
