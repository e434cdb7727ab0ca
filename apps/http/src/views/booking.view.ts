// The booking as the contract shows it (DESIGN §4 "A booking"), shared by every route that answers one (bookings,
// waitlist claims). Explicit mapping: internal fields (the refund policy snapshot, promo code id, paid amount, the
// waitlist link, check-in data) never leak.
import { z } from '@hono/zod-openapi';
import type { Booking } from '@aquastream/domain';
import { Instant, MoneyAmount } from '../openapi/common.schemas.js';

export const BookingStatusSchema = z.enum(['PENDING_PAYMENT', 'CONFIRMED', 'CANCELED', 'EXPIRED']).openapi('BookingStatus');

export const BookingPricingSchema = z
  .object({
    unitPrice: MoneyAmount.openapi({ example: 150000 }),
    quantity: z.number().int().openapi({ example: 2 }),
    subtotal: MoneyAmount.openapi({ example: 300000 }),
    dynamicMultiplier: z.number().openapi({ example: 1, description: 'the dynamic pricing multiplier applied to the option price' }),
    groupDiscount: MoneyAmount.openapi({ example: 0 }),
    promoDiscount: MoneyAmount.openapi({ example: 0 }),
    total: MoneyAmount.openapi({ example: 300000 }),
  })
  .openapi('BookingPricing');

export const BookingRefundSchema = z
  .object({
    amount: MoneyAmount.openapi({ example: 300000 }),
    percent: z.number().int().openapi({ example: 100 }),
    status: z.enum(['PENDING', 'COMPLETED', 'FAILED']),
  })
  .openapi('BookingRefund');

export const BookingSchema = z
  .object({
    id: z.string().uuid(),
    eventId: z.string().uuid(),
    userId: z.string(),
    priceOptionId: z.string().uuid(),
    quantity: z.number().int().openapi({ example: 2 }),
    status: BookingStatusSchema,
    totalAmount: MoneyAmount.openapi({ example: 300000 }),
    currency: z.string().openapi({ example: 'RUB' }),
    pricing: BookingPricingSchema,
    paymentDeadline: Instant,
    ticketCode: z.string().nullable().openapi({ description: 'set once CONFIRMED', example: null }),
    refund: BookingRefundSchema.nullable().openapi({ description: 'null for a booking never paid' }),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .openapi('Booking');

export type BookingBody = {
  readonly id: string;
  readonly eventId: string;
  readonly userId: string;
  readonly priceOptionId: string;
  readonly quantity: number;
  readonly status: Booking['status'];
  readonly totalAmount: number;
  readonly currency: string;
  readonly pricing: {
    readonly unitPrice: number;
    readonly quantity: number;
    readonly subtotal: number;
    readonly dynamicMultiplier: number;
    readonly groupDiscount: number;
    readonly promoDiscount: number;
    readonly total: number;
  };
  readonly paymentDeadline: number;
  readonly ticketCode: string | null;
  readonly refund: { readonly amount: number; readonly percent: number; readonly status: string } | null;
  readonly createdAt: number;
  readonly updatedAt: number;
};

/** Instants stay epoch ms here: `respond` renders them as ISO 8601. */
export function bookingView(b: Booking): BookingBody {
  const p = b.pricing;
  return {
    id: b.id,
    eventId: b.eventId,
    userId: b.userId,
    priceOptionId: b.priceOptionId,
    quantity: b.quantity,
    status: b.status,
    totalAmount: b.totalAmount,
    currency: b.currency,
    pricing: {
      unitPrice: p.unitPrice,
      quantity: p.quantity,
      subtotal: p.subtotal,
      dynamicMultiplier: p.dynamicMultiplier,
      groupDiscount: p.groupDiscount,
      promoDiscount: p.promoDiscount,
      total: p.total,
    },
    paymentDeadline: b.paymentDeadline,
    ticketCode: b.ticketCode,
    refund: b.refund === null ? null : { amount: b.refund.amount, percent: b.refund.percent, status: b.refund.status },
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
  };
}
