// Builders for tests only (excluded from the build by tsconfig.lib.json).
import type { Booking } from '../booking/booking.types.js';
import type { EventState, PriceOption } from '../event/event.types.js';
import type { PromoCode } from '../pricing/pricing.types.js';
import type { WaitlistEntry } from '../waitlist/waitlist.types.js';
import { MS_PER_HOUR } from './time.js';

export const T0 = Date.UTC(2026, 11, 1, 10, 0, 0); // a fixed "now" for tests: 2026-12-01T10:00:00Z
export const hours = (n: number): number => n * MS_PER_HOUR;

export function anOption(overrides: Partial<PriceOption> = {}): PriceOption {
  return { id: 'opt-1', name: 'Adult', price: 1999, quantity: null, seatsTaken: 0, active: true, ...overrides };
}

export function anEvent(overrides: Partial<EventState> = {}): EventState {
  return {
    id: 'evt-1',
    organizationId: 'org-1',
    creatorId: 'organiser-1',
    title: 'Sunset kayak tour',
    status: 'PUBLISHED',
    startsAt: T0 + hours(24 * 10),
    endsAt: T0 + hours(24 * 10 + 3),
    timeZone: 'Europe/Moscow',
    publishAt: null,
    publishedAt: T0 - hours(24),
    capacity: 10,
    seatsTaken: 0,
    currency: 'RUB',
    priceOptions: [anOption()],
    bookingDeadlineHours: 24,
    maxTicketsPerBooking: 10,
    refundPolicy: [
      { minHoursBefore: 168, percent: 100 },
      { minHoursBefore: 48, percent: 80 },
      { minHoursBefore: 24, percent: 50 },
    ],
    dynamicPricing: [],
    groupDiscounts: [],
    rescheduledAt: null,
    rejectionReason: null,
    cancelReason: null,
    canceledAt: null,
    completedAt: null,
    crew: { status: 'NONE', request: null, crewId: null, attempts: 0, nextAttemptAt: null, lastError: null },
    ...overrides,
  };
}

export function aBooking(overrides: Partial<Booking> = {}): Booking {
  return {
    id: 'bkg-1',
    eventId: 'evt-1',
    userId: 'user-1',
    priceOptionId: 'opt-1',
    quantity: 1,
    status: 'PENDING_PAYMENT',
    pricing: {
      currency: 'RUB', unitPrice: 1999, quantity: 1, subtotal: 1999, dynamicMultiplier: 1,
      groupDiscount: 0, promoDiscount: 0, total: 1999,
    },
    totalAmount: 1999,
    currency: 'RUB',
    paymentDeadline: T0 + 30 * 60_000,
    ticketCode: null,
    refundPolicy: [
      { minHoursBefore: 168, percent: 100 },
      { minHoursBefore: 48, percent: 80 },
      { minHoursBefore: 24, percent: 50 },
    ],
    promoCodeId: null,
    paidAmount: 0,
    refund: null,
    waitlistEntryId: null,
    cancelReason: null,
    checkedInAt: null,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export function aPromo(overrides: Partial<PromoCode> = {}): PromoCode {
  return {
    id: 'promo-1', code: 'SUMMER10', organizationId: 'org-1', eventId: null, discountPercent: 10,
    discountAmount: null, currency: null, startsAt: T0 - hours(24), endsAt: null, maxUses: null,
    usesCount: 0, isActive: true, ...overrides,
  };
}

export function anEntry(overrides: Partial<WaitlistEntry> = {}): WaitlistEntry {
  return {
    id: 'wl-1', eventId: 'evt-1', userId: 'user-9', quantity: 1, priority: 0, status: 'WAITING',
    joinedAt: T0, priceOptionId: null, offeredAt: null, offerExpiresAt: null, bookingId: null, updatedAt: T0,
    ...overrides,
  };
}
