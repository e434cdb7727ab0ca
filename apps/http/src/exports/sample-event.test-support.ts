// An event view as the exports receive it, for their unit tests.
import type { EventView } from '@aquastream/application';

export const HOUR = 3_600_000;
export const startsAt = Date.parse('2026-07-01T07:00:00Z');

export function sampleEvent(overrides: Partial<EventView> = {}): EventView {
  return {
    id: '01936f7a-8c2e-7d3b-9a41-5f0e2c1d4b6a',
    status: 'PUBLISHED',
    creatorId: 'u1',
    organizationId: '01936f7a-0000-7000-8000-000000000001',
    title: 'Sunset kayak tour',
    description: 'Paddle along the river.',
    shortDescription: null,
    categoryId: null,
    startsAt,
    endsAt: startsAt + 3 * HOUR,
    timeZone: 'Europe/Berlin',
    publishAt: null,
    publishedAt: startsAt - 100 * HOUR,
    createdAt: startsAt - 200 * HOUR,
    updatedAt: startsAt - 150 * HOUR,
    location: { name: 'Pier 3', address: 'Riverside 1', latitude: 52.5, longitude: 13.4 },
    capacity: 20,
    seatsAvailable: 20,
    currency: 'EUR',
    price: 1500,
    priceOptions: [{ id: 'o1', name: 'Adult', description: null, price: 1500, quantity: null, seatsAvailable: 20, active: true }],
    bookingDeadlineHours: 24,
    maxTicketsPerBooking: 10,
    refundPolicy: [],
    dynamicPricing: [],
    groupDiscounts: [],
    imageUrl: null,
    featured: false,
    avgRating: null,
    reviewCount: 0,
    crew: { status: 'NONE', crewId: null },
    rejectionReason: null,
    cancelReason: null,
    ...overrides,
  };
}
