import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { domainError, type BookingStatus } from '@aquastream/domain';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { ticketPdf } from '../exports/ticket-pdf.js';
import { idempotency } from '../idempotency.middleware.js';
import { IdParams, pageSchema, problemResponses } from '../openapi/common.schemas.js';
import { validationHook } from '../openapi/validation-hook.js';
import { errorResponse, respond } from '../respond.js';
import { BookingSchema, bookingView } from '../views/booking.view.js';
import { CancelBookingBody, CreateBookingBody, IdempotencyHeader, ListBookingsQuery, RefundQuoteSchema } from './bookings.schemas.js';

const tags = ['Bookings'];
const security = [{ bearer: [] }];
const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

const create = (deps: AppDeps) =>
  createRoute({
    method: 'post',
    path: '/bookings',
    tags,
    security,
    summary: 'Book seats',
    description:
      'Reserves seats atomically. A paid booking starts `PENDING_PAYMENT` with a `paymentDeadline` (pay with `POST /payments`); a ' +
      'free one is `CONFIRMED` at once with a `ticketCode`. Checks in this order, the first failure deciding: the event is published ' +
      '(404 / 409 `EVENT_NOT_BOOKABLE`), not your own organisation’s (403 `OWN_EVENT`), before its booking deadline (409 ' +
      '`BOOKING_CLOSED`), quantity within limits (422 `QUANTITY_LIMIT`), no active booking of yours (409 `ALREADY_BOOKED`), price ' +
      'option (422), promo code (422 with `reason`), seats (409 `EVENT_FULL` with `waitlistJoinable: true` — join with `POST ' +
      '/events/{id}/waitlist` —, or `PRICE_OPTION_SOLD_OUT`). Accepts `Idempotency-Key`: a retry never books twice.',
    middleware: [idempotency(deps.storage.idempotency, 'POST /bookings', () => deps.clock.now())] as const,
    request: { headers: IdempotencyHeader, body: { content: { 'application/json': { schema: CreateBookingBody } }, required: true } },
    responses: {
      201: json(BookingSchema, 'the booking; `Location` points at it'),
      ...problemResponses({
        400: ['VALIDATION_FAILED', 'MALFORMED_JSON'],
        401: ['NOT_AUTHENTICATED'],
        403: ['OWN_EVENT'],
        404: ['EVENT_NOT_FOUND'],
        409: ['EVENT_NOT_BOOKABLE', 'BOOKING_CLOSED', 'ALREADY_BOOKED', 'EVENT_FULL (waitlistJoinable)', 'PRICE_OPTION_SOLD_OUT', 'IDEMPOTENCY_KEY_IN_PROGRESS'],
        422: ['QUANTITY_LIMIT', 'INVALID_PRICE_OPTION', 'INVALID_PROMO_CODE (reason)', 'IDEMPOTENCY_KEY_REUSED'],
      }),
    },
  });

const list = createRoute({
  method: 'get',
  path: '/bookings',
  tags,
  security,
  summary: 'List bookings',
  description:
    'Newest first. By default the caller’s own bookings. With `scope=organization` (implied by `organizationId`) the bookings of the ' +
    'events the caller’s organisations run — owners, managers and staff — or of every event for admins; `eventId` narrows to one ' +
    'event, `status` to some states.',
  request: { query: ListBookingsQuery },
  responses: {
    200: json(pageSchema(BookingSchema, 'BookingPage'), 'a page of bookings'),
    ...problemResponses({
      400: ['VALIDATION_FAILED'],
      401: ['NOT_AUTHENTICATED'],
      403: ['FORBIDDEN (not a member of any organisation)'],
      404: ['EVENT_NOT_FOUND', 'ORGANIZATION_NOT_FOUND'],
    }),
  },
});

const getOne = createRoute({
  method: 'get',
  path: '/bookings/{id}',
  tags,
  security,
  summary: 'A booking',
  description: 'Its owner, members of the event’s organisation and admins; anyone else is told it does not exist.',
  request: { params: IdParams },
  responses: {
    200: json(BookingSchema, 'the booking'),
    ...problemResponses({ 400: ['VALIDATION_FAILED'], 401: ['NOT_AUTHENTICATED'], 404: ['BOOKING_NOT_FOUND'] }),
  },
});

const cancel = createRoute({
  method: 'post',
  path: '/bookings/{id}/cancel',
  tags,
  security,
  summary: 'Cancel a booking',
  description:
    'A `PENDING_PAYMENT` booking is canceled without money moving. A `CONFIRMED` one is refunded: by the policy copied onto the ' +
    'booking when its owner cancels (see `GET /bookings/{id}/refund-quote`; 100 % after a reschedule), 100 % when an organiser of ' +
    'the event or an admin cancels — an admin may set `refundPercent`. The answer carries `refund`. Canceling again returns the ' +
    'booking unchanged; an `EXPIRED` one is 409 `BOOKING_NOT_CANCELABLE`, a confirmed one after the start 409 `EVENT_STARTED`.',
  request: { params: IdParams, body: { content: { 'application/json': { schema: CancelBookingBody } }, required: false } },
  responses: {
    200: json(BookingSchema, 'the canceled booking'),
    ...problemResponses({
      400: ['VALIDATION_FAILED', 'MALFORMED_JSON'],
      401: ['NOT_AUTHENTICATED'],
      403: ['FORBIDDEN (staff; refundPercent by a non-admin)'],
      404: ['BOOKING_NOT_FOUND'],
      409: ['BOOKING_NOT_CANCELABLE (expired; currentStatus)', 'EVENT_STARTED'],
    }),
  },
});

const refundQuote = createRoute({
  method: 'get',
  path: '/bookings/{id}/refund-quote',
  tags,
  security,
  summary: 'What canceling now would refund',
  description: 'The owner’s refund if the booking were canceled now (an unpaid booking quotes its percentage with amount 0).',
  request: { params: IdParams },
  responses: {
    200: json(RefundQuoteSchema, 'the quote'),
    ...problemResponses({
      400: ['VALIDATION_FAILED'],
      401: ['NOT_AUTHENTICATED'],
      404: ['BOOKING_NOT_FOUND'],
      409: ['BOOKING_NOT_CANCELABLE (canceled or expired; currentStatus)', 'EVENT_STARTED'],
    }),
  },
});

const ticket = createRoute({
  method: 'get',
  path: '/bookings/{id}/ticket',
  tags,
  security,
  summary: 'The ticket as a PDF',
  description: 'A printable ticket: event, date in the event’s time zone, seats, holder, and the ticket code as text and as a QR code. `CONFIRMED` bookings only.',
  request: { params: IdParams },
  responses: {
    200: { content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } }, description: 'the ticket (PDF)' },
    ...problemResponses({
      400: ['VALIDATION_FAILED'],
      401: ['NOT_AUTHENTICATED'],
      404: ['BOOKING_NOT_FOUND'],
      409: ['TICKET_NOT_VALID (the booking is not CONFIRMED; currentStatus)'],
    }),
  },
});

// `respond` answers a plain Response, which zod-openapi's typed-response check cannot see through (hence `as never`);
// the route schemas still document every shape.
export function bookingsRoute(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const uc = deps.useCases.bookings;

  app.openapi(create(deps), async (c) => {
    const body = c.req.valid('json');
    const result = await uc.create.execute(c.get('ctx'), {
      eventId: body.eventId,
      quantity: body.quantity,
      priceOptionId: body.priceOptionId ?? null,
      promoCode: body.promoCode ?? null,
    });
    if (result.ok) c.header('Location', `${c.req.path}/${result.value.id}`);
    return respond(c, result, 201, bookingView) as never;
  });

  app.openapi(list, async (c) => {
    const q = c.req.valid('query');
    const result = await uc.list.execute(c.get('ctx'), {
      page: q.page,
      size: q.size,
      scope: q.scope ?? (q.organizationId !== undefined ? 'organization' : 'mine'),
      ...(q.eventId !== undefined ? { eventId: q.eventId } : {}),
      ...(q.organizationId !== undefined ? { organizationId: q.organizationId } : {}),
      ...(q.status !== undefined ? { statuses: [...new Set(q.status.split(','))] as BookingStatus[] } : {}),
    });
    return respond(c, result, 200, (page) => ({ ...page, data: page.data.map(bookingView) })) as never;
  });

  app.openapi(getOne, async (c) => respond(c, await uc.get.execute(c.get('ctx'), { bookingId: c.req.valid('param').id }), 200, bookingView) as never);

  app.openapi(cancel, async (c) => {
    const body = c.req.valid('json');
    const result = await uc.cancel.execute(c.get('ctx'), {
      bookingId: c.req.valid('param').id,
      reason: body.reason ?? null,
      refundPercent: body.refundPercent ?? null,
    });
    return respond(c, result, 200, bookingView) as never;
  });

  app.openapi(refundQuote, async (c) => {
    const bookingId = c.req.valid('param').id;
    const result = await uc.refundQuote.execute(c.get('ctx'), { bookingId });
    return respond(c, result, 200, (q) => ({
      bookingId,
      percent: q.percent,
      amount: q.amount,
      refundable: q.refundable,
      hoursBeforeStart: q.hoursBeforeStart,
      basis: q.basis,
    })) as never;
  });

  app.openapi(ticket, async (c) => {
    const ctx = c.get('ctx');
    const found = await uc.get.execute(ctx, { bookingId: c.req.valid('param').id });
    if (!found.ok) return errorResponse(c, found.error);
    const booking = found.value;
    if (booking.status !== 'CONFIRMED' || booking.ticketCode === null) {
      return errorResponse(c, domainError('TICKET_NOT_VALID', `only a CONFIRMED booking has a ticket; this one is ${booking.status}`, { status: booking.status }));
    }
    const event = await deps.useCases.events.get.execute(ctx, { eventId: booking.eventId });
    if (!event.ok) return errorResponse(c, event.error);
    const e = event.value;
    const place = e.location === null ? null : [e.location.name, e.location.address].filter((part) => part !== null && part !== '').join(', ');
    const pdf = await ticketPdf({
      ticketCode: booking.ticketCode,
      bookingId: booking.id,
      holder: booking.userId,
      quantity: booking.quantity,
      priceOptionName: e.priceOptions.find((o) => o.id === booking.priceOptionId)?.name ?? null,
      eventTitle: e.title,
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      timeZone: e.timeZone,
      place,
    });
    return c.body(new Uint8Array(pdf), 200, {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="ticket-${booking.ticketCode}.pdf"`,
      'cache-control': 'private, no-store',
    });
  });

  return app;
}
