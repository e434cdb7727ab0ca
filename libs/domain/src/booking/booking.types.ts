import type { PriceBreakdown } from '../pricing/pricing.types.js';
import type { RefundPolicy } from '../refund/refund.types.js';
import type { Instant } from '../shared/time.js';

export type BookingStatus = 'PENDING_PAYMENT' | 'CONFIRMED' | 'CANCELED' | 'EXPIRED';
export const ACTIVE_BOOKING_STATUSES: readonly BookingStatus[] = ['PENDING_PAYMENT', 'CONFIRMED'];

export type RefundStatus = 'PENDING' | 'COMPLETED' | 'FAILED';
/** Present on every canceled booking that had been paid, even when the amount is 0. */
export type BookingRefund = { readonly amount: number; readonly percent: number; readonly status: RefundStatus };

export type Booking = {
  readonly id: string;
  readonly eventId: string;
  readonly userId: string;
  readonly priceOptionId: string;
  readonly quantity: number;
  readonly status: BookingStatus;
  readonly pricing: PriceBreakdown;
  readonly totalAmount: number;
  readonly currency: string;
  readonly paymentDeadline: Instant;
  readonly ticketCode: string | null;
  /** The refund policy in force when the booking was made; later edits to the event do not change it. */
  readonly refundPolicy: RefundPolicy;
  readonly promoCodeId: string | null;
  /** Minor units actually received for this booking. */
  readonly paidAmount: number;
  readonly refund: BookingRefund | null;
  readonly waitlistEntryId: string | null;
  readonly cancelReason: string | null;
  readonly checkedInAt: Instant | null;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
};
