import type { AttendeeRow, EventStats } from '@aquastream/application';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { toCsv } from '../exports/csv.js';
import { IdParams, problemResponses } from '../openapi/common.schemas.js';
import { iso } from '../openapi/iso.js';
import { validationHook } from '../openapi/validation-hook.js';
import { errorResponse, respond } from '../respond.js';
import { AttendeePageSchema, AttendeesQuery, EventStatsSchema } from './event-extras.schemas.js';

const tags = ['Event insights'];
const security = [{ bearer: [] }];

const stats = createRoute({
  method: 'get',
  path: '/events/{id}/stats',
  tags,
  summary: 'Sales and booking statistics of an event',
  description: 'Owners, managers and admins (staff are refused: the stats carry revenue). `bookingsByDay` counts by calendar day in the event’s zone.',
  security,
  request: { params: IdParams },
  responses: {
    200: { content: { 'application/json': { schema: EventStatsSchema } }, description: 'the statistics' },
    ...problemResponses({ 400: ['VALIDATION_FAILED'], 401: ['NOT_AUTHENTICATED'], 403: ['FORBIDDEN'], 404: ['EVENT_NOT_FOUND'] }),
  },
});

const attendees = createRoute({
  method: 'get',
  path: '/events/{id}/bookings',
  tags,
  summary: 'The attendee list',
  description:
    'Owners, managers, staff of the organisation and admins. Active bookings (PENDING_PAYMENT, CONFIRMED) unless `status` says ' +
    'otherwise; pages newest first. `format=csv` answers every matching row, oldest first, as an RFC 4180 CSV file with a ' +
    'header row (`page` and `size` do not apply).',
  security,
  request: { params: IdParams, query: AttendeesQuery },
  responses: {
    200: {
      content: {
        'application/json': { schema: AttendeePageSchema },
        'text/csv': { schema: z.string().openapi({ example: 'bookingId,userId,status,…\r\n…' }) },
      },
      description: 'a page of attendees, or the whole list as CSV',
    },
    ...problemResponses({ 400: ['VALIDATION_FAILED'], 401: ['NOT_AUTHENTICATED'], 403: ['FORBIDDEN'], 404: ['EVENT_NOT_FOUND'] }),
  },
});

export const statsView = (s: EventStats) => ({
  eventId: s.eventId,
  totalBookings: s.totalBookings,
  pendingBookings: s.pendingBookings,
  confirmedBookings: s.confirmedBookings,
  canceledBookings: s.canceledBookings,
  expiredBookings: s.expiredBookings,
  ticketsSold: s.ticketsSold,
  revenueAmount: s.revenueAmount,
  currency: s.currency,
  avgRating: s.avgRating,
  reviewCount: s.reviewCount,
  conversionRate: s.conversionRate,
  bookingsByDay: { ...s.bookingsByDay },
  waitlistLength: s.waitlistLength,
  seatsAvailable: s.seatsAvailable,
});

export const attendeeView = (a: AttendeeRow) => ({
  bookingId: a.bookingId,
  userId: a.userId,
  status: a.status,
  quantity: a.quantity,
  priceOptionId: a.priceOptionId,
  priceOptionName: a.priceOptionName,
  totalAmount: a.totalAmount,
  currency: a.currency,
  ticketCode: a.ticketCode,
  checkedInAt: a.checkedInAt,
  createdAt: a.createdAt,
});

const CSV_HEADER = ['bookingId', 'userId', 'status', 'quantity', 'priceOptionId', 'priceOptionName', 'totalAmount', 'currency', 'ticketCode', 'checkedInAt', 'createdAt'];

function attendeesCsv(rows: readonly AttendeeRow[]): string {
  return toCsv(
    CSV_HEADER,
    rows.map((a) => [a.bookingId, a.userId, a.status, a.quantity, a.priceOptionId, a.priceOptionName, a.totalAmount, a.currency, a.ticketCode, iso(a.checkedInAt), iso(a.createdAt)]),
  );
}

/** What organisers read about one event: its statistics and who is coming. */
export function eventInsightsRoute(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const events = deps.useCases.events;

  app.openapi(stats, async (c) => {
    const result = await events.stats.execute(c.get('ctx'), { eventId: c.req.valid('param').id });
    return respond(c, result, 200, statsView) as never;
  });

  app.openapi(attendees, async (c) => {
    const eventId = c.req.valid('param').id;
    const q = c.req.valid('query');
    const statuses = q.status === undefined || q.status.length === 0 ? {} : { statuses: q.status };
    if (q.format === 'csv') {
      const all = await events.attendees.execute(c.get('ctx'), { eventId, ...statuses });
      if (!all.ok) return errorResponse(c, all.error);
      return c.body(attendeesCsv(all.value.data), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="event-${eventId}-attendees.csv"`,
      });
    }
    const result = await events.attendees.execute(c.get('ctx'), { eventId, ...statuses, page: q.page ?? 1, size: q.size ?? 20 });
    return respond(c, result, 200, (page) => ({ ...page, data: page.data.map(attendeeView) }));
  });
  return app;
}
