// Builders for the booking tests only (excluded from the build by tsconfig.lib.json).
import { anEvent, T0 } from '../shared/fixtures.test-support.js';
import type { CreateBookingInput } from './create-booking.js';

export const TTL_MINUTES = 30;
export const GRACE_MINUTES = 5;
export const MINUTE = 60_000;

/** A request that passes every check: a user outside the organisation books 1 seat of the default event at T0. */
export function aCreateInput(overrides: Partial<CreateBookingInput> = {}): CreateBookingInput {
  return {
    event: anEvent(),
    userId: 'user-1',
    isMemberOfOrganization: false,
    quantity: 1,
    priceOptionId: 'opt-1',
    promoCode: null,
    promo: null,
    hasActiveBooking: false,
    now: T0,
    bookingId: 'bkg-new',
    ticketCode: 'TCK-NEW',
    ttlMinutes: TTL_MINUTES,
    ...overrides,
  };
}
