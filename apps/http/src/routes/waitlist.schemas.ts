import { z } from '@hono/zod-openapi';
import { Instant, PageQuery, pageSchema, UuidParam } from '../openapi/common.schemas.js';

export const WaitlistStatusSchema = z
  .enum(['WAITING', 'OFFERED', 'CLAIMED', 'EXPIRED', 'LEFT', 'CANCELED'])
  .openapi('WaitlistStatus', { description: 'WAITING in line; OFFERED holds seats until offerExpiresAt; the others are final' });

export const WaitlistEntrySchema = z
  .object({
    id: z.string().uuid(),
    eventId: z.string().uuid(),
    userId: z.string(),
    quantity: z.number().int().openapi({ example: 2 }),
    status: WaitlistStatusSchema,
    position: z.number().int().nullable().openapi({ description: '1 = next in line; set while WAITING, null otherwise', example: 1 }),
    offerExpiresAt: Instant.nullable().openapi({ description: 'while OFFERED: claim before this instant', example: null }),
    createdAt: Instant,
  })
  .openapi('WaitlistEntry');

export const WaitlistPageSchema = pageSchema(WaitlistEntrySchema, 'WaitlistEntryPage');

export const JoinWaitlistBody = z
  .object({
    quantity: z.number().int().min(1).max(1000).openapi({ example: 2, description: 'seats wanted; at most the event’s maxTicketsPerBooking' }),
    priceOptionId: UuidParam.optional().openapi({
      description: 'the option the booking made from an offer will use; omitted = the cheapest active option at claim time',
    }),
    priority: z.number().int().min(-1000).max(1000).optional().openapi({
      description: 'admins only: lower is served first (default 0); anyone else sending a non-zero value gets 403',
      example: 0,
    }),
  })
  .openapi('JoinWaitlistRequest');

export const EventWaitlistQuery = PageQuery.extend({
  status: WaitlistStatusSchema.optional().openapi({ param: { name: 'status', in: 'query' }, description: 'only entries in this status' }),
});
