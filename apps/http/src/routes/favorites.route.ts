import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { FavoriteView } from '@aquastream/application';
import { API_PREFIX } from '../api-prefix.js';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { Instant, MoneyAmount, PageQuery, pageSchema, problemResponses, UuidParam } from '../openapi/common.schemas.js';
import { validationHook } from '../openapi/validation-hook.js';
import { errorResponse, respond } from '../respond.js';

const tags = ['Favorites'];
const security = [{ bearer: [] }];

const FavoriteBody = z.object({ eventId: UuidParam }).openapi('AddFavoriteRequest');
const FavoriteAck = z
  .object({ eventId: z.string().uuid(), favorited: z.literal(true) })
  .openapi('FavoriteAck', { description: 'the event is among the caller’s favorites' });

/** An event card: what a favorites list shows of each event, plus when it was added. */
const FavoriteEventSchema = z
  .object({
    id: z.string().uuid(),
    organizationId: z.string().uuid(),
    title: z.string().openapi({ example: 'Sunset kayak tour' }),
    shortDescription: z.string().nullable(),
    categoryId: z.string().uuid().nullable(),
    status: z.enum(['DRAFT', 'IN_REVIEW', 'SCHEDULED', 'PUBLISHED', 'CANCELED', 'COMPLETED']),
    startsAt: Instant,
    endsAt: Instant.nullable(),
    timeZone: z.string().openapi({ example: 'Europe/Moscow' }),
    location: z
      .object({ name: z.string(), address: z.string().nullable(), latitude: z.number().nullable(), longitude: z.number().nullable() })
      .nullable(),
    imageUrl: z.string().nullable(),
    currency: z.string().openapi({ example: 'RUB' }),
    price: MoneyAmount.nullable().openapi({ description: 'the lowest active option price; null when none is on sale', example: 150000 }),
    seatsAvailable: z.number().int().openapi({ example: 7 }),
    avgRating: z.number().nullable().openapi({ example: 4.5 }),
    reviewCount: z.number().int().openapi({ example: 12 }),
    favoritedAt: Instant,
  })
  .openapi('FavoriteEvent');

const FavoritePageSchema = pageSchema(FavoriteEventSchema, 'FavoriteEventPage');

const EventIdParams = z.object({ eventId: UuidParam.openapi({ param: { name: 'eventId', in: 'path' } }) });

const add = createRoute({
  method: 'post',
  path: '/favorites',
  tags,
  summary: 'Add an event to my favorites',
  description: 'Idempotent: 201 the first time, 200 when the event already was a favorite.',
  security,
  request: { body: { content: { 'application/json': { schema: FavoriteBody } }, required: true } },
  responses: {
    201: { content: { 'application/json': { schema: FavoriteAck } }, description: 'added; `Location` names it' },
    200: { content: { 'application/json': { schema: FavoriteAck } }, description: 'it already was a favorite' },
    ...problemResponses({
      400: ['VALIDATION_FAILED', 'MALFORMED_JSON'],
      401: ['NOT_AUTHENTICATED'],
      404: ['EVENT_NOT_FOUND'],
    }),
  },
});

const list = createRoute({
  method: 'get',
  path: '/favorites',
  tags,
  summary: 'My favorites',
  description:
    'Newest first, as event cards. An event that is no longer visible (sent back to draft) is left out of its page; ' +
    '`totalElements` counts every favorite.',
  security,
  request: { query: PageQuery },
  responses: {
    200: { content: { 'application/json': { schema: FavoritePageSchema } }, description: 'a page of favorite events' },
    ...problemResponses({ 400: ['VALIDATION_FAILED'], 401: ['NOT_AUTHENTICATED'] }),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/favorites/{eventId}',
  tags,
  summary: 'Remove an event from my favorites',
  description: 'Idempotent: 204 whether or not it was a favorite (or the event exists).',
  security,
  request: { params: EventIdParams },
  responses: {
    204: { description: 'not a favorite (any more)' },
    ...problemResponses({ 400: ['VALIDATION_FAILED'], 401: ['NOT_AUTHENTICATED'] }),
  },
});

const favoriteEvent = (f: FavoriteView) => ({ ...f.event, favoritedAt: f.favoritedAt });

// `respond` answers a plain Response (a use case's value or its problem document); the typed-response check of
// zod-openapi cannot see through it, hence `as never`. The route's schemas still document every shape.

/** DESIGN §3.7: favorites are idempotent both ways; the list answers event cards. */
export function favoritesRoute(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const { favorites } = deps.useCases;

  app.openapi(add, async (c) => {
    const { eventId } = c.req.valid('json');
    const result = await favorites.add.execute(c.get('ctx'), { eventId });
    if (!result.ok) return errorResponse(c, result.error) as never;
    if (result.value.changed) c.header('Location', `${API_PREFIX}/favorites/${eventId}`);
    return c.json({ eventId, favorited: true as const }, result.value.changed ? 201 : 200);
  });

  app.openapi(list, async (c) => {
    const { page, size } = c.req.valid('query');
    const result = await favorites.list.execute(c.get('ctx'), { page, size });
    return respond(c, result, 200, (p) => ({ ...p, data: p.data.map(favoriteEvent) })) as never;
  });

  app.openapi(remove, async (c) => {
    const { eventId } = c.req.valid('param');
    const result = await favorites.remove.execute(c.get('ctx'), { eventId });
    if (!result.ok) return errorResponse(c, result.error);
    return c.body(null, 204);
  });

  return app;
}
