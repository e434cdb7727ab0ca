import { z } from '@hono/zod-openapi';
import { EVENT_LIMITS } from '@aquastream/domain';
import { IANAZone } from 'luxon';
import { Instant, MoneyAmount, PageQuery, pageSchema, UuidParam } from '../openapi/common.schemas.js';

// The request and response shapes of an event (DESIGN §4 "Create an event"); field names are the contract's.

export const EventStatusSchema = z
  .enum(['DRAFT', 'IN_REVIEW', 'SCHEDULED', 'PUBLISHED', 'CANCELED', 'COMPLETED'])
  .openapi('EventStatus', { description: 'DRAFT → (IN_REVIEW →) SCHEDULED/PUBLISHED → COMPLETED, or CANCELED' });

/** An instant in a request: ISO 8601 with an offset or `Z`; a local time without one is ambiguous and refused. */
export const InstantInput = z.iso
  .datetime({ offset: true, message: 'an ISO 8601 date-time with an offset, e.g. 2026-12-01T10:00:00+03:00' })
  .openapi({ example: '2026-12-01T10:00:00+03:00' });

const text = (max: number) => z.string().max(max);
const TimeZone = z
  .string()
  .max(64)
  .refine((zone) => IANAZone.isValidZone(zone), 'an IANA time zone name, e.g. Europe/Moscow')
  .openapi({ example: 'Europe/Moscow', description: 'IANA zone of the event: dates in exports and stats follow it (default UTC)' });

const Location = z
  .object({
    name: z.string().min(1).max(200).openapi({ example: 'Pier 3' }),
    address: text(500).nullable().optional().openapi({ example: 'Embankment 12, Moscow' }),
    latitude: z.number().min(-90).max(90).nullable().optional().openapi({ example: 55.75 }),
    longitude: z.number().min(-180).max(180).nullable().optional().openapi({ example: 37.61 }),
  })
  .openapi('EventLocation');

const PriceOptionInput = z.object({
  name: z.string().min(1).max(EVENT_LIMITS.priceOptionNameMaxLength).openapi({ example: 'Adult' }),
  price: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).openapi({ example: 150000, description: 'minor units of the event currency' }),
  quantity: z.number().int().min(1).max(EVENT_LIMITS.capacityMax).nullable().optional().openapi({
    example: 15,
    description: 'a quota of seats for this option within the capacity; null = no quota',
  }),
  description: text(1000).nullable().optional(),
  active: z.boolean().optional().openapi({ description: 'inactive options cannot be booked (default true)' }),
});

const RefundTier = z.object({
  minHoursBefore: z.number().min(0).max(1_000_000).openapi({ example: 168 }),
  percent: z.number().int().min(0).max(100).openapi({ example: 100 }),
});
const DynamicPricingTier = z.object({
  minFillPercent: z.number().min(0).max(100).openapi({ example: 80 }),
  multiplier: z.number().positive().max(10).openapi({ example: 1.25 }),
});
const GroupDiscountTier = z.object({
  minQuantity: z.number().int().min(2).max(EVENT_LIMITS.capacityMax).openapi({ example: 5 }),
  percent: z.number().min(1).max(100).openapi({ example: 10 }),
});
export const CrewRequestBody = z
  .object({
    size: z.number().int().min(1).max(EVENT_LIMITS.crewSizeMax).openapi({ example: 2 }),
    skills: z.array(z.string().min(1).max(EVENT_LIMITS.crewSkillMaxLength)).max(EVENT_LIMITS.crewSkillsMax).default([]).openapi({ example: ['skipper'] }),
  })
  .openapi('CrewRequest');

const editable = {
  title: z.string().min(1).max(EVENT_LIMITS.titleMaxLength).openapi({ example: 'Sunset kayak tour' }),
  description: text(20_000).nullable().optional(),
  shortDescription: text(500).nullable().optional(),
  categoryId: UuidParam.nullable().optional(),
  startsAt: InstantInput,
  endsAt: InstantInput.nullable().optional().openapi({ example: '2026-12-01T13:00:00+03:00' }),
  timeZone: TimeZone.optional(),
  location: Location.nullable().optional(),
  capacity: z.number().int().min(1).max(EVENT_LIMITS.capacityMax).openapi({ example: 20 }),
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as RUB').openapi({ example: 'RUB' }),
  bookingDeadlineHours: z.number().int().min(0).max(EVENT_LIMITS.bookingDeadlineHoursMax).optional().openapi({
    example: 24,
    description: 'bookings close this many hours before the start (default 24)',
  }),
  maxTicketsPerBooking: z.number().int().min(1).max(EVENT_LIMITS.maxTicketsPerBookingMax).optional().openapi({ example: 10 }),
  refundPolicy: z.array(RefundTier).max(20).optional().openapi({ description: 'tiers; default 168 h → 100 %, 48 h → 80 %, 24 h → 50 %' }),
  dynamicPricing: z.array(DynamicPricingTier).max(20).optional(),
  groupDiscounts: z.array(GroupDiscountTier).max(20).optional(),
  imageUrl: z.string().url().max(2048).nullable().optional().openapi({ example: 'https://example.com/kayak.jpg' }),
  featured: z.boolean().optional().openapi({ description: 'admins only: shown first in the catalogue with `featured=true`' }),
  crew: CrewRequestBody.nullable().optional(),
};

export const CreateEventBody = z
  .object({
    organizationId: UuidParam.optional().openapi({ description: 'may be left out when the caller owns or manages exactly one organisation' }),
    ...editable,
    priceOptions: z.array(PriceOptionInput).min(1).max(EVENT_LIMITS.priceOptionsMax),
  })
  .openapi('CreateEventRequest');

export const UpdateEventBody = z
  .object({
    title: editable.title.optional(),
    description: editable.description,
    shortDescription: editable.shortDescription,
    categoryId: editable.categoryId,
    startsAt: InstantInput.optional(),
    endsAt: editable.endsAt,
    timeZone: editable.timeZone,
    location: editable.location,
    capacity: editable.capacity.optional(),
    currency: editable.currency.optional(),
    priceOptions: z
      .array(PriceOptionInput.extend({ id: UuidParam.optional().openapi({ description: 'an existing option keeps its id; none = a new option' }) }))
      .min(1)
      .max(EVENT_LIMITS.priceOptionsMax)
      .optional()
      .openapi({ description: 'replaces the whole list' }),
    bookingDeadlineHours: editable.bookingDeadlineHours,
    maxTicketsPerBooking: editable.maxTicketsPerBooking,
    refundPolicy: editable.refundPolicy,
    dynamicPricing: editable.dynamicPricing,
    groupDiscounts: editable.groupDiscounts,
    imageUrl: editable.imageUrl,
    featured: editable.featured,
    crew: CrewRequestBody.nullable().optional().openapi({ description: 'a new crew request, or null to release the crew' }),
    reason: text(EVENT_LIMITS.reasonMaxLength).nullable().optional().openapi({
      description: 'why the times changed; carried to attendees by the reschedule notice',
      example: 'the weather forecast',
    }),
  })
  .openapi('UpdateEventRequest');

export const EventSchema = z
  .object({
    id: z.string().uuid(),
    status: EventStatusSchema,
    creatorId: z.string(),
    organizationId: z.string().uuid(),
    title: z.string().openapi({ example: 'Sunset kayak tour' }),
    description: z.string().nullable(),
    shortDescription: z.string().nullable(),
    categoryId: z.string().nullable(),
    startsAt: Instant,
    endsAt: Instant.nullable(),
    timeZone: z.string().openapi({ example: 'Europe/Moscow' }),
    location: z
      .object({ name: z.string(), address: z.string().nullable(), latitude: z.number().nullable(), longitude: z.number().nullable() })
      .nullable(),
    capacity: z.number().int(),
    seatsAvailable: z.number().int().openapi({ example: 12 }),
    currency: z.string().openapi({ example: 'RUB' }),
    price: MoneyAmount.nullable().openapi({ description: 'the lowest active option price (the catalogue’s “from” price)' }),
    priceOptions: z.array(
      z.object({
        id: z.string().uuid(),
        name: z.string(),
        description: z.string().nullable(),
        price: MoneyAmount,
        quantity: z.number().int().nullable(),
        seatsAvailable: z.number().int().openapi({ description: 'what one booking of this option could take now' }),
        active: z.boolean(),
      }),
    ),
    bookingDeadlineHours: z.number().int(),
    maxTicketsPerBooking: z.number().int(),
    refundPolicy: z.array(z.object({ minHoursBefore: z.number(), percent: z.number().int() })),
    dynamicPricing: z.array(z.object({ minFillPercent: z.number(), multiplier: z.number() })),
    groupDiscounts: z.array(z.object({ minQuantity: z.number().int(), percent: z.number() })),
    imageUrl: z.string().nullable(),
    featured: z.boolean(),
    avgRating: z.number().nullable().openapi({ example: 4.6 }),
    reviewCount: z.number().int(),
    publishAt: Instant.nullable().openapi({ description: 'when a SCHEDULED event goes public' }),
    publishedAt: Instant.nullable(),
    createdAt: Instant,
    updatedAt: Instant,
    crew: z.object({ status: z.enum(['NONE', 'PENDING', 'ASSIGNED', 'FAILED', 'RELEASED']), crewId: z.string().nullable() }),
    rejectionReason: z.string().nullable().openapi({ description: 'why an admin sent it back to DRAFT' }),
    cancelReason: z.string().nullable(),
  })
  .openapi('Event');

export const EventPageSchema = pageSchema(EventSchema, 'EventPage');

/** `?status=A,B` or `?status=A&status=B`: one list either way (anything else is left for the schema to refuse). */
export function splitList(value: unknown): unknown {
  if (typeof value === 'string') return value.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (Array.isArray(value)) return value.flatMap((v: unknown) => splitList(v));
  return value;
}

const statusList = z.preprocess(splitList, z.array(EventStatusSchema));

export const CatalogueQuery = PageQuery.extend({
  q: text(200).optional().openapi({ param: { name: 'q', in: 'query' }, description: 'words in the title or description', example: 'kayak' }),
  category: text(200).optional().openapi({ param: { name: 'category', in: 'query' }, description: 'a category id or slug; subcategories included' }),
  from: InstantInput.optional().openapi({ param: { name: 'from', in: 'query' }, description: 'starts at or after' }),
  to: InstantInput.optional().openapi({ param: { name: 'to', in: 'query' }, description: 'starts at or before' }),
  featured: z.enum(['true', 'false']).optional().openapi({ param: { name: 'featured', in: 'query' } }),
  organizationId: UuidParam.optional().openapi({ param: { name: 'organizationId', in: 'query' } }),
  status: statusList.optional().openapi({
    param: { name: 'status', in: 'query', style: 'form', explode: true },
    description:
      'statuses (comma-separated or repeated). Default: PUBLISHED events not yet started. Guests get only PUBLISHED, CANCELED, ' +
      'COMPLETED; organisers also their organisations’ DRAFT, IN_REVIEW and SCHEDULED events; admins everything',
    example: ['PUBLISHED'],
  }),
  sort: z
    .enum(['startsAt', '-startsAt', 'price', 'rating', 'popularity'])
    .optional()
    .openapi({ param: { name: 'sort', in: 'query' }, description: 'default startsAt (soonest first)' }),
});
