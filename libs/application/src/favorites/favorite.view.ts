import type { Instant } from '@aquastream/domain';
import { toEventView, type EventView } from '../events/event-view.js';
import type { EventRecord } from '../ports/event-repository.port.js';

/** What a favorites list shows of an event: enough for a card, not the whole event answer. */
export type EventSummaryView = Pick<
  EventView,
  | 'id'
  | 'organizationId'
  | 'title'
  | 'shortDescription'
  | 'categoryId'
  | 'status'
  | 'startsAt'
  | 'endsAt'
  | 'timeZone'
  | 'location'
  | 'imageUrl'
  | 'currency'
  | 'price'
  | 'seatsAvailable'
  | 'avgRating'
  | 'reviewCount'
>;

export type FavoriteView = { readonly eventId: string; readonly favoritedAt: Instant; readonly event: EventSummaryView };

export function toEventSummary(record: EventRecord): EventSummaryView {
  const v = toEventView(record);
  return {
    id: v.id,
    organizationId: v.organizationId,
    title: v.title,
    shortDescription: v.shortDescription,
    categoryId: v.categoryId,
    status: v.status,
    startsAt: v.startsAt,
    endsAt: v.endsAt,
    timeZone: v.timeZone,
    location: v.location,
    imageUrl: v.imageUrl,
    currency: v.currency,
    price: v.price,
    seatsAvailable: v.seatsAvailable,
    avgRating: v.avgRating,
    reviewCount: v.reviewCount,
  };
}
