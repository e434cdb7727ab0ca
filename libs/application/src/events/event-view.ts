import {
  bookableSeats,
  seatsAvailable,
  type CrewStatus,
  type DynamicPricingTier,
  type EventStatus,
  type GroupDiscountTier,
  type Instant,
  type RefundPolicy,
} from '@aquastream/domain';
import type { EventLocation, EventRecord } from '../ports/event-repository.port.js';

export type PriceOptionView = {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly price: number;
  readonly quantity: number | null;
  /** What one booking of this option could take now: the smaller of the option's quota and the event's seats. */
  readonly seatsAvailable: number;
  readonly active: boolean;
};

/** The event answer of DESIGN §4; instants are epoch ms here and rendered as ISO 8601 by the apps. */
export type EventView = {
  readonly id: string;
  readonly status: EventStatus;
  readonly creatorId: string;
  readonly organizationId: string;
  readonly title: string;
  readonly description: string | null;
  readonly shortDescription: string | null;
  readonly categoryId: string | null;
  readonly startsAt: Instant;
  readonly endsAt: Instant | null;
  readonly timeZone: string;
  readonly publishAt: Instant | null;
  readonly publishedAt: Instant | null;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
  readonly location: EventLocation | null;
  readonly capacity: number;
  readonly seatsAvailable: number;
  readonly currency: string;
  /** The lowest price among active options (the catalogue's "from" price); null when none is active. */
  readonly price: number | null;
  readonly priceOptions: readonly PriceOptionView[];
  readonly bookingDeadlineHours: number;
  readonly maxTicketsPerBooking: number;
  readonly refundPolicy: RefundPolicy;
  readonly dynamicPricing: readonly DynamicPricingTier[];
  readonly groupDiscounts: readonly GroupDiscountTier[];
  readonly imageUrl: string | null;
  readonly featured: boolean;
  readonly avgRating: number | null;
  readonly reviewCount: number;
  readonly crew: { readonly status: CrewStatus; readonly crewId: string | null };
  /** Why an admin sent it back to DRAFT (until it is approved), and why it was canceled: organisers need both. */
  readonly rejectionReason: string | null;
  readonly cancelReason: string | null;
};

/** The lowest active option price, or null. */
export function lowestActivePrice(record: EventRecord): number | null {
  let lowest: number | null = null;
  for (const o of record.state.priceOptions) {
    if (o.active && (lowest === null || o.price < lowest)) lowest = o.price;
  }
  return lowest;
}

export function toEventView(record: EventRecord): EventView {
  const { state, details } = record;
  return {
    id: state.id,
    status: state.status,
    creatorId: state.creatorId,
    organizationId: state.organizationId,
    title: state.title,
    description: details.description,
    shortDescription: details.shortDescription,
    categoryId: details.categoryId,
    startsAt: state.startsAt,
    endsAt: state.endsAt,
    timeZone: state.timeZone,
    publishAt: state.publishAt,
    publishedAt: state.publishedAt,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    location: details.location,
    capacity: state.capacity,
    seatsAvailable: seatsAvailable(state),
    currency: state.currency,
    price: lowestActivePrice(record),
    priceOptions: state.priceOptions.map((o) => ({
      id: o.id,
      name: o.name,
      description: details.priceOptionDescriptions[o.id] ?? null,
      price: o.price,
      quantity: o.quantity,
      seatsAvailable: bookableSeats(state, o),
      active: o.active,
    })),
    bookingDeadlineHours: state.bookingDeadlineHours,
    maxTicketsPerBooking: state.maxTicketsPerBooking,
    refundPolicy: state.refundPolicy,
    dynamicPricing: state.dynamicPricing,
    groupDiscounts: state.groupDiscounts,
    imageUrl: details.imageUrl,
    featured: details.featured,
    avgRating: record.avgRating,
    reviewCount: record.reviewCount,
    crew: { status: state.crew.status, crewId: state.crew.crewId },
    rejectionReason: state.rejectionReason,
    cancelReason: state.cancelReason,
  };
}
