import { createRoute, OpenAPIHono, type z } from '@hono/zod-openapi';
import { API_PREFIX } from '../api-prefix.js';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { idempotency } from '../idempotency.middleware.js';
import { IdParams, PageQuery, problemResponses } from '../openapi/common.schemas.js';
import { validationHook } from '../openapi/validation-hook.js';
import { respond } from '../respond.js';
import { BookingSchema, bookingView } from '../views/booking.view.js';
import { EventWaitlistQuery, JoinWaitlistBody, WaitlistEntrySchema, WaitlistPageSchema } from './waitlist.schemas.js';

const tags = ['Waitlist'];
const security = [{ bearer: [] }];
const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

const join = createRoute({
  method: 'post',
  path: '/events/{id}/waitlist',
  tags,
  summary: 'Join an event’s waitlist',
  description:
    'For a PUBLISHED event that has fewer seats available than `quantity` (otherwise 409 SEATS_AVAILABLE: book directly). ' +
    'The line is strict FIFO: when seats free up, the head is OFFERED and its seats are held for `WAITLIST_OFFER_MINUTES`; ' +
    'claim the offer with `POST /waitlist/{id}/claim`. One active entry per user and event.',
  security,
  request: { params: IdParams, body: { content: { 'application/json': { schema: JoinWaitlistBody } }, required: true } },
  responses: {
    201: json(WaitlistEntrySchema, 'joined: the entry, WAITING, with its position; `Location` names the entry'),
    ...problemResponses({
      400: ['VALIDATION_FAILED', 'MALFORMED_JSON'],
      401: ['NOT_AUTHENTICATED'],
      403: ['OWN_EVENT', 'FORBIDDEN (a priority set by a non-admin)'],
      404: ['EVENT_NOT_FOUND'],
      409: ['EVENT_NOT_BOOKABLE', 'BOOKING_CLOSED', 'ALREADY_BOOKED', 'ALREADY_WAITLISTED', 'SEATS_AVAILABLE'],
      422: ['QUANTITY_LIMIT', 'INVALID_PRICE_OPTION'],
    }),
  },
});

const listForEvent = createRoute({
  method: 'get',
  path: '/events/{id}/waitlist',
  tags,
  summary: 'An event’s waitlist (organisers, admins)',
  description: 'The line in serving order (priority, then join time), every status unless `status` is given.',
  security,
  request: { params: IdParams, query: EventWaitlistQuery },
  responses: {
    200: json(WaitlistPageSchema, 'a page of entries'),
    ...problemResponses({
      400: ['VALIDATION_FAILED'],
      401: ['NOT_AUTHENTICATED'],
      403: ['FORBIDDEN'],
      404: ['EVENT_NOT_FOUND'],
    }),
  },
});

const listMine = createRoute({
  method: 'get',
  path: '/waitlist',
  tags,
  summary: 'My waitlist entries',
  description: 'The caller’s entries in every status, newest first; `position` is set while WAITING.',
  security,
  request: { query: PageQuery },
  responses: {
    200: json(WaitlistPageSchema, 'a page of entries'),
    ...problemResponses({ 400: ['VALIDATION_FAILED'], 401: ['NOT_AUTHENTICATED'] }),
  },
});

const claimRoute = (deps: AppDeps) => createRoute({
  method: 'post',
  path: '/waitlist/{id}/claim',
  tags,
  summary: 'Claim a waitlist offer',
  description:
    'Turns an OFFERED entry into a PENDING_PAYMENT booking made from the held seats (entry → CLAIMED); pay it like any ' +
    'booking. No body. Accepts `Idempotency-Key`: a retried claim returns the first answer.',
  security,
  request: { params: IdParams },
  middleware: [idempotency(deps.storage.idempotency, 'POST /waitlist/{id}/claim', () => deps.clock.now())] as const,
  responses: {
    201: json(BookingSchema, 'the new booking; `Location` names it'),
    ...problemResponses({
      400: ['VALIDATION_FAILED'],
      401: ['NOT_AUTHENTICATED'],
      404: ['WAITLIST_ENTRY_NOT_FOUND'],
      409: [
        'OFFER_EXPIRED',
        'WAITLIST_ENTRY_NOT_ACTIVE (not OFFERED)',
        'EVENT_NOT_BOOKABLE',
        'BOOKING_CLOSED (the event has started)',
        'ALREADY_BOOKED',
        'PRICE_OPTION_SOLD_OUT',
        'IDEMPOTENCY_KEY_IN_PROGRESS',
      ],
      422: ['INVALID_PRICE_OPTION', 'IDEMPOTENCY_KEY_REUSED'],
    }),
  },
});

const leave = createRoute({
  method: 'delete',
  path: '/waitlist/{id}',
  tags,
  summary: 'Leave a waitlist',
  description:
    'The entry becomes LEFT; a held offer gives its seats back and the line moves on. Answers the entry (200) so the ' +
    'client sees its final state; leaving again answers it unchanged.',
  security,
  request: { params: IdParams },
  responses: {
    200: json(WaitlistEntrySchema, 'the entry, LEFT'),
    ...problemResponses({
      400: ['VALIDATION_FAILED'],
      401: ['NOT_AUTHENTICATED'],
      404: ['WAITLIST_ENTRY_NOT_FOUND'],
      409: ['WAITLIST_ENTRY_NOT_ACTIVE (already CLAIMED, EXPIRED or CANCELED)'],
    }),
  },
});

// `respond` answers a plain Response (a use case's value or its problem document); the typed-response check of
// zod-openapi cannot see through it, hence `as never`. The route's schemas still document every shape.

/** DESIGN §3.5 and §4: joining, the organisers' view of the line, the caller's entries, claiming and leaving. */
export function waitlistRoute(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const { waitlist } = deps.useCases;

  app.openapi(join, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const result = await waitlist.join.execute(c.get('ctx'), {
      eventId: id,
      quantity: body.quantity,
      ...(body.priceOptionId !== undefined ? { priceOptionId: body.priceOptionId } : {}),
      ...(body.priority !== undefined ? { priority: body.priority } : {}),
    });
    if (result.ok) c.header('Location', `${API_PREFIX}/waitlist/${result.value.id}`);
    return respond(c, result, 201) as never;
  });

  app.openapi(listForEvent, async (c) => {
    const { id } = c.req.valid('param');
    const { page, size, status } = c.req.valid('query');
    const result = await waitlist.listForEvent.execute(c.get('ctx'), {
      eventId: id,
      page,
      size,
      ...(status !== undefined ? { statuses: [status] } : {}),
    });
    return respond(c, result) as never;
  });

  app.openapi(listMine, async (c) => {
    const { page, size } = c.req.valid('query');
    return respond(c, await waitlist.listMine.execute(c.get('ctx'), { page, size })) as never;
  });

  app.openapi(claimRoute(deps), async (c) => {
    const { id } = c.req.valid('param');
    const result = await waitlist.claim.execute(c.get('ctx'), { entryId: id });
    if (result.ok) c.header('Location', `${API_PREFIX}/bookings/${result.value.id}`);
    return respond(c, result, 201, bookingView) as never;
  });

  app.openapi(leave, async (c) => {
    const { id } = c.req.valid('param');
    return respond(c, await waitlist.leave.execute(c.get('ctx'), { entryId: id })) as never;
  });

  return app;
}
