import { createRoute, OpenAPIHono, type z } from '@hono/zod-openapi';
import { API_PREFIX } from '../api-prefix.js';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { IdParams, problemResponses } from '../openapi/common.schemas.js';
import { validationHook } from '../openapi/validation-hook.js';
import { respond } from '../respond.js';
import { CreateReviewBody, ModerateBody, ReplyBody, ReviewListQuery, ReviewPageSchema, ReviewSchema, UpdateReviewBody } from './reviews.schemas.js';

const tags = ['Reviews'];
const security = [{ bearer: [] }];
const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const body = <T extends z.ZodTypeAny>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });

const create = createRoute({
  method: 'post',
  path: '/reviews',
  tags,
  summary: 'Review an event',
  description:
    'Needs a CONFIRMED booking for an event that has started; one review per person and event. ACTIVE at once, or PENDING ' +
    'when the organisation moderates reviews (then an admin decides).',
  security,
  request: { body: body(CreateReviewBody) },
  responses: {
    201: json(ReviewSchema, 'the review; `Location` names it'),
    ...problemResponses({
      400: ['VALIDATION_FAILED (a rating outside 1–5, content over 5 000 characters)', 'MALFORMED_JSON'],
      401: ['NOT_AUTHENTICATED'],
      403: ['REVIEW_NOT_ALLOWED (no confirmed booking, or the event has not started)'],
      404: ['EVENT_NOT_FOUND'],
      409: ['ALREADY_REVIEWED'],
      422: ['INVALID_REVIEW'],
    }),
  },
});

const update = createRoute({
  method: 'patch',
  path: '/reviews/{id}',
  tags,
  summary: 'Edit my review',
  description: 'The author only; any subset of `rating` and `content`. Under moderation an edited review goes back to PENDING.',
  security,
  request: { params: IdParams, body: body(UpdateReviewBody) },
  responses: {
    200: json(ReviewSchema, 'the edited review'),
    ...problemResponses({
      400: ['VALIDATION_FAILED', 'MALFORMED_JSON'],
      401: ['NOT_AUTHENTICATED'],
      403: ['FORBIDDEN (not the author)'],
      404: ['REVIEW_NOT_FOUND'],
      422: ['INVALID_REVIEW'],
    }),
  },
});

const list = createRoute({
  method: 'get',
  path: '/reviews',
  tags,
  summary: 'List reviews',
  description:
    'Public: ACTIVE reviews (a signed-in caller also sees their own in any status). With `eventId`, the page carries the ' +
    'event’s `avgRating` and `reviewCount`.',
  request: { query: ReviewListQuery },
  responses: {
    200: json(ReviewPageSchema, 'a page of reviews'),
    ...problemResponses({
      400: ['VALIDATION_FAILED'],
      401: ['NOT_AUTHENTICATED (an invalid token)'],
      403: ['FORBIDDEN (a status filter by a non-admin)'],
      404: ['EVENT_NOT_FOUND'],
    }),
  },
});

const reply = createRoute({
  method: 'post',
  path: '/reviews/{id}/replies',
  tags,
  summary: 'Reply to a review',
  description: 'Owners and managers of the event’s organisation, and admins. Answers the review with all its replies.',
  security,
  request: { params: IdParams, body: body(ReplyBody) },
  responses: {
    201: json(ReviewSchema, 'the review with the new reply; `Location` names the review'),
    ...problemResponses({
      400: ['VALIDATION_FAILED', 'MALFORMED_JSON'],
      401: ['NOT_AUTHENTICATED'],
      403: ['FORBIDDEN'],
      404: ['REVIEW_NOT_FOUND'],
      422: ['INVALID_REVIEW (empty once control characters are stripped)'],
    }),
  },
});

const helpful = createRoute({
  method: 'post',
  path: '/reviews/{id}/helpful',
  tags,
  summary: 'Mark a review helpful',
  description: 'One vote per person and review (a repeat changes nothing and answers 200 again); never on one’s own review. No body.',
  security,
  request: { params: IdParams },
  responses: {
    200: json(ReviewSchema, 'the review with its helpful count'),
    ...problemResponses({
      400: ['VALIDATION_FAILED'],
      401: ['NOT_AUTHENTICATED'],
      403: ['OWN_REVIEW'],
      404: ['REVIEW_NOT_FOUND'],
    }),
  },
});

const moderate = createRoute({
  method: 'post',
  path: '/reviews/{id}/moderate',
  tags,
  summary: 'Moderate a review (admins)',
  description: 'ACTIVE publishes it, REJECTED hides it; the event’s rating follows. Deciding the same again is a no-op.',
  security,
  request: { params: IdParams, body: body(ModerateBody) },
  responses: {
    200: json(ReviewSchema, 'the moderated review'),
    ...problemResponses({
      400: ['VALIDATION_FAILED', 'MALFORMED_JSON'],
      401: ['NOT_AUTHENTICATED'],
      403: ['FORBIDDEN'],
      404: ['REVIEW_NOT_FOUND'],
    }),
  },
});

// `respond` answers a plain Response (a use case's value or its problem document); the typed-response check of
// zod-openapi cannot see through it, hence `as never`. The route's schemas still document every shape.

/** DESIGN §3.7: reviews, their replies, helpful votes and moderation. */
export function reviewsRoute(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const { reviews } = deps.useCases;

  app.openapi(create, async (c) => {
    const { eventId, rating, content } = c.req.valid('json');
    const result = await reviews.create.execute(c.get('ctx'), { eventId, rating, ...(content !== undefined ? { content } : {}) });
    if (result.ok) c.header('Location', `${API_PREFIX}/reviews/${result.value.id}`);
    return respond(c, result, 201) as never;
  });

  app.openapi(update, async (c) => {
    const { id } = c.req.valid('param');
    const { rating, content } = c.req.valid('json');
    const result = await reviews.update.execute(c.get('ctx'), {
      reviewId: id,
      ...(rating !== undefined ? { rating } : {}),
      ...(content !== undefined ? { content } : {}),
    });
    return respond(c, result) as never;
  });

  app.openapi(list, async (c) => {
    const { page, size, eventId, userId, status, sort } = c.req.valid('query');
    const result = await reviews.list.execute(c.get('ctx'), {
      page,
      size,
      sort,
      ...(eventId !== undefined ? { eventId } : {}),
      ...(userId !== undefined ? { userId } : {}),
      ...(status !== undefined ? { status } : {}),
    });
    return respond(c, result) as never;
  });

  app.openapi(reply, async (c) => {
    const { id } = c.req.valid('param');
    const { content } = c.req.valid('json');
    const result = await reviews.reply.execute(c.get('ctx'), { reviewId: id, content });
    if (result.ok) c.header('Location', `${API_PREFIX}/reviews/${id}`);
    return respond(c, result, 201) as never;
  });

  app.openapi(helpful, async (c) => {
    const { id } = c.req.valid('param');
    return respond(c, await reviews.voteHelpful.execute(c.get('ctx'), { reviewId: id })) as never;
  });

  app.openapi(moderate, async (c) => {
    const { id } = c.req.valid('param');
    const { status } = c.req.valid('json');
    return respond(c, await reviews.moderate.execute(c.get('ctx'), { reviewId: id, status })) as never;
  });

  return app;
}
