import type { DynamicPricingTier, GroupDiscountTier } from '../pricing/pricing.types.js';
import type { RefundPolicy } from '../refund/refund.types.js';
import type { Instant } from '../shared/time.js';

export type EventStatus = 'DRAFT' | 'IN_REVIEW' | 'SCHEDULED' | 'PUBLISHED' | 'CANCELED' | 'COMPLETED';
export const TERMINAL_EVENT_STATUSES: readonly EventStatus[] = ['CANCELED', 'COMPLETED'];

export type PriceOption = {
  readonly id: string;
  readonly name: string;
  /** Minor units of the event's currency. */
  readonly price: number;
  /** Own quota of seats, counted like the event's capacity; `null` = limited only by the event. */
  readonly quantity: number | null;
  /** Seats of this option held by `PENDING_PAYMENT` and `CONFIRMED` bookings. */
  readonly seatsTaken: number;
  readonly active: boolean;
};

export type CrewStatus = 'NONE' | 'PENDING' | 'ASSIGNED' | 'FAILED' | 'RELEASED';
export type CrewRequest = { readonly size: number; readonly skills: readonly string[] };
export type CrewState = {
  readonly status: CrewStatus;
  readonly request: CrewRequest | null;
  readonly crewId: string | null;
  /** Failed attempts since the last request. */
  readonly attempts: number;
  readonly nextAttemptAt: Instant | null;
  readonly lastError: string | null;
};

/** The part of an event the rules need. Descriptive fields (description, location…) live in the application. */
export type EventState = {
  readonly id: string;
  readonly organizationId: string;
  readonly creatorId: string;
  readonly title: string;
  readonly status: EventStatus;
  readonly startsAt: Instant;
  readonly endsAt: Instant | null;
  readonly timeZone: string;
  readonly publishAt: Instant | null;
  readonly publishedAt: Instant | null;
  readonly capacity: number;
  /** Seats of `PENDING_PAYMENT` + `CONFIRMED` bookings plus seats held by open waitlist offers. */
  readonly seatsTaken: number;
  readonly currency: string;
  readonly priceOptions: readonly PriceOption[];
  readonly bookingDeadlineHours: number;
  readonly maxTicketsPerBooking: number;
  readonly refundPolicy: RefundPolicy;
  readonly dynamicPricing: readonly DynamicPricingTier[];
  readonly groupDiscounts: readonly GroupDiscountTier[];
  /** Set when the times of a published event changed: later cancels refund 100 %. */
  readonly rescheduledAt: Instant | null;
  readonly rejectionReason: string | null;
  readonly cancelReason: string | null;
  readonly canceledAt: Instant | null;
  readonly completedAt: Instant | null;
  readonly crew: CrewState;
};
