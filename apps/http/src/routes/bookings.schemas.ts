import { z } from '@hono/zod-openapi';
import { MoneyAmount, PageQuery, UuidParam } from '../openapi/common.schemas.js';

export const IdempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .openapi({ description: '8–128 characters of [A-Za-z0-9._:-]; a retry with the same key and body returns the first answer', example: 'book-7f3a9c1e' }),
});

export const CreateBookingBody = z
  .object({
    eventId: UuidParam,
    quantity: z.number().int().openapi({ description: 'seats; 1..maxTicketsPerBooking of the event (422 QUANTITY_LIMIT outside)', example: 2 }),
    priceOptionId: UuidParam.nullable().optional().openapi({ description: 'left out: the event’s first active price option' }),
    promoCode: z.string().max(64).nullable().optional().openapi({ description: 'case-insensitive', example: 'SPRING10' }),
  })
  .openapi('CreateBooking');

const STATUS = '(PENDING_PAYMENT|CONFIRMED|CANCELED|EXPIRED)';

export const ListBookingsQuery = PageQuery.extend({
  scope: z
    .enum(['mine', 'organization'])
    .optional()
    .openapi({
      param: { name: 'scope', in: 'query' },
      description:
        '`mine`: the caller’s own bookings. `organization`: bookings of the events the caller’s organisations run (every event for ' +
        'admins). Default: `organization` when `organizationId` is given, `mine` otherwise.',
    }),
  eventId: UuidParam.optional().openapi({ param: { name: 'eventId', in: 'query' } }),
  organizationId: UuidParam.optional().openapi({ param: { name: 'organizationId', in: 'query' } }),
  status: z
    .string()
    .regex(new RegExp(`^${STATUS}(,${STATUS})*$`), 'one or more of PENDING_PAYMENT, CONFIRMED, CANCELED, EXPIRED, comma-separated')
    .optional()
    .openapi({ param: { name: 'status', in: 'query' }, example: 'CONFIRMED,PENDING_PAYMENT' }),
});

export const CancelBookingBody = z
  .object({
    reason: z.string().max(500).nullable().optional().openapi({ example: 'plans changed' }),
    refundPercent: z
      .number()
      .min(0)
      .max(100)
      .nullable()
      .optional()
      .openapi({ description: 'admins only: the percentage to refund instead of 100 %', example: 50 }),
  })
  .openapi('CancelBooking');

export const RefundQuoteSchema = z
  .object({
    bookingId: z.string().uuid(),
    percent: z.number().openapi({ example: 100 }),
    amount: MoneyAmount.openapi({ description: 'what a cancel now pays back', example: 1999 }),
    refundable: MoneyAmount.openapi({ description: 'what is left of the payment after earlier refunds', example: 1999 }),
    hoursBeforeStart: z.number().openapi({ example: 239.5 }),
    basis: z.enum(['POLICY', 'RESCHEDULED', 'OVERRIDE']).openapi({ description: 'RESCHEDULED: the event moved after booking, so 100 %' }),
  })
  .openapi('RefundQuote');

export const TicketCodeParams = z.object({
  ticketCode: z
    .string()
    .min(4)
    .max(64)
    .regex(/^[A-Za-z0-9-]+$/, 'letters, digits and dashes')
    .openapi({ param: { name: 'ticketCode', in: 'path' }, example: 'AQ-7K2M-9QXP' }),
});
