import { z } from '@hono/zod-openapi';
import { Instant, PageQuery, UuidParam } from '../openapi/common.schemas.js';

const REVIEW_MAX = 5000;
const REPLY_MAX = 2000;

/** Counted in code points, as the domain counts them, so an emoji is one character. */
const text = (max: number, min = 0) =>
  z
    .string()
    .min(min)
    .refine((s) => [...s].length <= max, { message: `at most ${max} characters` })
    .openapi({ maxLength: max, description: `plain text (control characters are stripped), at most ${max} characters` });

export const ReviewStatusSchema = z
  .enum(['ACTIVE', 'PENDING', 'REJECTED'])
  .openapi('ReviewStatus', { description: 'PENDING while the organisation moderates reviews; public lists show ACTIVE only' });

const Rating = z.number().int().min(1).max(5).openapi({ example: 5, description: 'an integer from 1 to 5' });

export const ReviewSchema = z
  .object({
    id: z.string().uuid(),
    eventId: z.string().uuid(),
    userId: z.string(),
    rating: z.number().int().openapi({ example: 5 }),
    content: z.string().openapi({ example: 'Calm water, a great skipper.' }),
    status: ReviewStatusSchema,
    helpfulCount: z.number().int().openapi({ example: 3 }),
    replies: z.array(
      z
        .object({
          id: z.string().uuid(),
          authorId: z.string(),
          content: z.string().openapi({ example: 'Thank you, see you next season!' }),
          createdAt: Instant,
        })
        .openapi('ReviewReply'),
    ),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .openapi('Review');

export const ReviewPageSchema = z
  .object({
    data: z.array(ReviewSchema),
    page: z.number().int(),
    size: z.number().int(),
    totalElements: z.number().int(),
    totalPages: z.number().int(),
    avgRating: z.number().nullable().openapi({ description: 'of the `eventId` filtered on (its ACTIVE reviews); null without it', example: 4.5 }),
    reviewCount: z.number().int().nullable().openapi({ description: 'ACTIVE reviews of the `eventId` filtered on; null without it', example: 12 }),
  })
  .openapi('ReviewPage');

export const CreateReviewBody = z
  .object({
    eventId: UuidParam,
    rating: Rating,
    content: text(REVIEW_MAX).nullable().optional(),
  })
  .openapi('CreateReviewRequest');

export const UpdateReviewBody = z
  .object({
    rating: Rating.optional(),
    content: text(REVIEW_MAX).nullable().optional().openapi({ description: 'null or "" clears the text' }),
  })
  .openapi('UpdateReviewRequest');

export const ReplyBody = z
  .object({ content: text(REPLY_MAX, 1) })
  .openapi('ReviewReplyRequest');

export const ModerateBody = z
  .object({ status: z.enum(['ACTIVE', 'REJECTED']).openapi({ example: 'ACTIVE' }) })
  .openapi('ModerateReviewRequest');

export const ReviewListQuery = PageQuery.extend({
  eventId: UuidParam.optional().openapi({ param: { name: 'eventId', in: 'query' }, description: 'the reviews of one event; adds its avgRating' }),
  userId: z.string().min(1).max(200).optional().openapi({ param: { name: 'userId', in: 'query' }, description: 'the reviews by one person' }),
  status: ReviewStatusSchema.optional().openapi({
    param: { name: 'status', in: 'query' },
    description: 'admins (the moderation queue), or a user with `userId` = themselves; default: ACTIVE (plus the caller’s own)',
  }),
  sort: z
    .enum(['helpful', 'recent'])
    .default('recent')
    .openapi({ param: { name: 'sort', in: 'query' }, description: '`helpful`: most helpful votes first; `recent`: newest first' }),
});
