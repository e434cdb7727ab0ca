import type { CreateEventCommand, EventView, UpdateEventCommand } from '@aquastream/application';
import type { z } from '@hono/zod-openapi';
import { parseInstant } from '../openapi/iso.js';
import type { CreateEventBody, UpdateEventBody } from './events.schemas.js';

/** The event answer of DESIGN §4, field by field: what the application adds later does not leak by accident. */
export function eventView(e: EventView) {
  return {
    id: e.id,
    status: e.status,
    creatorId: e.creatorId,
    organizationId: e.organizationId,
    title: e.title,
    description: e.description,
    shortDescription: e.shortDescription,
    categoryId: e.categoryId,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    timeZone: e.timeZone,
    location: e.location === null ? null : { name: e.location.name, address: e.location.address, latitude: e.location.latitude, longitude: e.location.longitude },
    capacity: e.capacity,
    seatsAvailable: e.seatsAvailable,
    currency: e.currency,
    price: e.price,
    priceOptions: e.priceOptions.map((o) => ({
      id: o.id,
      name: o.name,
      description: o.description,
      price: o.price,
      quantity: o.quantity,
      seatsAvailable: o.seatsAvailable,
      active: o.active,
    })),
    bookingDeadlineHours: e.bookingDeadlineHours,
    maxTicketsPerBooking: e.maxTicketsPerBooking,
    refundPolicy: e.refundPolicy.map((t) => ({ minHoursBefore: t.minHoursBefore, percent: t.percent })),
    dynamicPricing: e.dynamicPricing.map((t) => ({ minFillPercent: t.minFillPercent, multiplier: t.multiplier })),
    groupDiscounts: e.groupDiscounts.map((t) => ({ minQuantity: t.minQuantity, percent: t.percent })),
    imageUrl: e.imageUrl,
    featured: e.featured,
    avgRating: e.avgRating,
    reviewCount: e.reviewCount,
    publishAt: e.publishAt,
    publishedAt: e.publishedAt,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    crew: { status: e.crew.status, crewId: e.crew.crewId },
    rejectionReason: e.rejectionReason,
    cancelReason: e.cancelReason,
  };
}

const instantOrNull = (t: string | null | undefined) => (t === undefined ? undefined : t === null ? null : parseInstant(t));

/** Drops the keys whose value is undefined: the use cases read "absent" as "unchanged". */
function defined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** `POST /events` as the use case takes it: instants as epoch ms. */
export function createEventCommand(body: z.infer<typeof CreateEventBody>): CreateEventCommand {
  const { startsAt, endsAt, ...rest } = body;
  return defined({ ...rest, startsAt: parseInstant(startsAt), endsAt: instantOrNull(endsAt) });
}

export function updateEventCommand(eventId: string, body: z.infer<typeof UpdateEventBody>): UpdateEventCommand {
  const { startsAt, endsAt, ...rest } = body;
  return defined({
    ...rest,
    eventId,
    startsAt: startsAt === undefined ? undefined : parseInstant(startsAt),
    endsAt: instantOrNull(endsAt),
  });
}
