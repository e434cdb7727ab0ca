import { z } from '@hono/zod-openapi';
import { EVENT_LIMITS } from '@aquastream/domain';
import { Instant, MoneyAmount, UuidParam } from '../openapi/common.schemas.js';
import { InstantInput, splitList } from './events.schemas.js';

// Bodies of the lifecycle commands, and the shapes of stats, attendees and FAQ entries (DESIGN §4).

export const PublishBody = z
  .object({
    publishAt: InstantInput.nullable().optional().openapi({
      description: 'a future instant schedules the publication (SCHEDULED); absent or null publishes now',
      example: '2026-11-01T09:00:00+03:00',
    }),
  })
  .openapi('PublishEventRequest');

export const ReasonBody = z
  .object({ reason: z.string().trim().min(1).max(EVENT_LIMITS.reasonMaxLength).openapi({ example: 'the route is not described' }) })
  .openapi('RejectEventRequest');

export const CancelEventBody = z
  .object({
    reason: z.string().trim().min(1).max(EVENT_LIMITS.reasonMaxLength).openapi({ example: 'storm warning' }),
    refundPercent: z.number().int().min(0).max(100).nullable().optional().openapi({
      description: 'admins only: the refund percentage for paid bookings (default 100)',
      example: 100,
    }),
  })
  .openapi('CancelEventRequest');

export const EventStatsSchema = z
  .object({
    eventId: z.string().uuid(),
    totalBookings: z.number().int(),
    pendingBookings: z.number().int(),
    confirmedBookings: z.number().int(),
    canceledBookings: z.number().int(),
    expiredBookings: z.number().int(),
    ticketsSold: z.number().int().openapi({ description: 'seats of CONFIRMED bookings' }),
    revenueAmount: MoneyAmount,
    currency: z.string(),
    avgRating: z.number().nullable(),
    reviewCount: z.number().int(),
    conversionRate: z.number().openapi({ description: 'confirmed over all bookings, 0 to 1', example: 0.75 }),
    bookingsByDay: z.record(z.string(), z.number().int()).openapi({
      description: 'bookings created per calendar day in the event’s time zone',
      example: { '2026-11-20': 3, '2026-11-21': 1 },
    }),
    waitlistLength: z.number().int(),
    seatsAvailable: z.number().int(),
  })
  .openapi('EventStats');

export const BookingStatusSchema = z.enum(['PENDING_PAYMENT', 'CONFIRMED', 'CANCELED', 'EXPIRED']);

export const AttendeeSchema = z
  .object({
    bookingId: z.string().uuid(),
    userId: z.string(),
    status: BookingStatusSchema,
    quantity: z.number().int(),
    priceOptionId: z.string().uuid(),
    priceOptionName: z.string().nullable().openapi({ description: 'null when the option was removed since' }),
    totalAmount: MoneyAmount,
    currency: z.string(),
    ticketCode: z.string().nullable(),
    checkedInAt: Instant.nullable(),
    createdAt: Instant,
  })
  .openapi('Attendee');

export const AttendeePageSchema = z
  .object({
    data: z.array(AttendeeSchema),
    page: z.number().int(),
    size: z.number().int(),
    totalElements: z.number().int(),
    totalPages: z.number().int(),
  })
  .openapi('AttendeePage');

export const AttendeesQuery = z.object({
  format: z.enum(['json', 'csv']).default('json').openapi({
    param: { name: 'format', in: 'query' },
    description: 'csv: every matching row as text/csv with a header row (page and size are ignored)',
  }),
  status: z
    .preprocess(splitList, z.array(BookingStatusSchema))
    .optional()
    .openapi({ param: { name: 'status', in: 'query' }, description: 'booking statuses (default PENDING_PAYMENT,CONFIRMED)' }),
  page: z.coerce.number().int().min(1).optional().openapi({ param: { name: 'page', in: 'query' }, example: 1 }),
  size: z.coerce.number().int().min(1).max(100).optional().openapi({ param: { name: 'size', in: 'query' }, example: 20 }),
});

export const FaqSchema = z
  .object({
    id: z.string().uuid(),
    eventId: z.string().uuid(),
    question: z.string().openapi({ example: 'Is there parking?' }),
    answer: z.string().openapi({ example: 'Yes, free, at the pier.' }),
    position: z.number().int().openapi({ description: 'order on the page, 0 first' }),
    createdAt: Instant,
  })
  .openapi('FaqEntry');

export const FaqListSchema = z
  .object({ data: z.array(FaqSchema), page: z.number().int(), size: z.number().int(), totalElements: z.number().int(), totalPages: z.number().int() })
  .openapi('FaqList');

export const AddFaqBody = z
  .object({
    question: z.string().min(1).max(500),
    answer: z.string().min(1).max(5000),
    position: z.number().int().min(0).max(10_000).optional().openapi({ description: 'default: after the last entry' }),
  })
  .openapi('AddFaqRequest');

export const UpdateFaqBody = AddFaqBody.partial().openapi('UpdateFaqRequest');

export const FaqParams = z.object({
  id: UuidParam.openapi({ param: { name: 'id', in: 'path' } }),
  faqId: UuidParam.openapi({ param: { name: 'faqId', in: 'path' } }),
});
