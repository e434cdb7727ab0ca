import type { EventRecord } from '@aquastream/application';
import { DEFAULT_REFUND_POLICY, type EventState, type Instant, type PriceOption } from '@aquastream/domain';

// Builders for the event contract suites: complete records with every field set, so a round trip proves each column.

export const NOW: Instant = Date.UTC(2030, 0, 1, 12, 0, 0, 125);
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

let counter = 0;
/** UUID-shaped and unique within the process (PostgreSQL columns are UUID). */
export function uuid(): string {
  counter += 1;
  return `00000000-0000-7000-9000-${counter.toString(16).padStart(12, '0')}`;
}

export const anOption = (overrides: Partial<PriceOption> = {}): PriceOption => ({
  id: uuid(),
  name: `Option ${counter}`,
  price: 150_000,
  quantity: null,
  seatsTaken: 0,
  active: true,
  ...overrides,
});

export type RecordOverrides = Partial<Omit<EventState, 'organizationId'>> & {
  readonly details?: Partial<EventRecord['details']>;
  readonly avgRating?: number | null;
  readonly reviewCount?: number;
  readonly version?: number;
};

export function aRecord(organizationId: string, overrides: RecordOverrides = {}): EventRecord {
  const { details, avgRating, reviewCount, version, ...state } = overrides;
  const base: EventState = {
    id: uuid(),
    organizationId,
    creatorId: 'organiser-1',
    title: 'Sunset kayak tour',
    status: 'PUBLISHED',
    startsAt: NOW + 10 * DAY,
    endsAt: NOW + 10 * DAY + 3 * HOUR,
    timeZone: 'Europe/Moscow',
    publishAt: null,
    publishedAt: NOW - DAY,
    capacity: 20,
    seatsTaken: 0,
    currency: 'RUB',
    priceOptions: [anOption()],
    bookingDeadlineHours: 24,
    maxTicketsPerBooking: 10,
    refundPolicy: DEFAULT_REFUND_POLICY,
    dynamicPricing: [{ minFillPercent: 80, multiplier: 1.25 }],
    groupDiscounts: [{ minQuantity: 5, percent: 10 }],
    rescheduledAt: null,
    rejectionReason: null,
    cancelReason: null,
    canceledAt: null,
    completedAt: null,
    crew: { status: 'NONE', request: null, crewId: null, attempts: 0, nextAttemptAt: null, lastError: null },
    ...state,
  };
  return {
    state: base,
    details: {
      description: 'Three hours on the water at dusk',
      shortDescription: 'Kayaks at sunset',
      categoryId: null,
      location: { name: 'Pier 3', address: 'Embankment 1', latitude: 55.75, longitude: 37.61 },
      imageUrl: 'https://example.org/kayak.jpg',
      featured: false,
      priceOptionDescriptions: Object.fromEntries(base.priceOptions.map((o) => [o.id, null])),
      ...details,
    },
    avgRating: avgRating ?? null,
    reviewCount: reviewCount ?? 0,
    createdAt: NOW - 2 * DAY,
    updatedAt: NOW - DAY,
    version: version ?? 1,
  };
}
