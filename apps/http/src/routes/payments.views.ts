// Payments and refunds as the contract shows them (DESIGN §4 "A payment"). Explicit mappers: the store's own fields
// (refund keys, gateway refund references) stay inside.
import { z } from '@hono/zod-openapi';
import type { PaymentRecord, RefundRecord } from '@aquastream/application';
import { Instant, MoneyAmount } from '../openapi/common.schemas.js';

export const PaymentStatusSchema = z
  .enum(['INITIATED', 'COMPLETED', 'FAILED', 'REFUNDED', 'PARTIALLY_REFUNDED'])
  .openapi('PaymentStatus');

export const PaymentSchema = z
  .object({
    id: z.string().uuid(),
    bookingId: z.string().uuid(),
    amount: MoneyAmount.openapi({ example: 3998 }),
    currency: z.string().openapi({ example: 'RUB' }),
    status: PaymentStatusSchema,
    gateway: z.string().openapi({ example: 'sandbox' }),
    gatewayReference: z.string().openapi({ example: 'sbx_01936f7a-8c2e-7d3b-9a41-5f0e2c1d4b6a' }),
    paymentUrl: z.string().nullable().openapi({
      description: 'where to send the buyer to pay (the sandbox checkout page); null once the gateway no longer needs the buyer',
      example: 'http://localhost:8102/sandbox/checkout/sbx_01936f7a-8c2e-7d3b-9a41-5f0e2c1d4b6a',
    }),
    refundedAmount: MoneyAmount.openapi({ example: 0 }),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .openapi('Payment');

export const RefundSchema = z
  .object({
    id: z.string().uuid(),
    paymentId: z.string().uuid(),
    bookingId: z.string().uuid(),
    amount: MoneyAmount.openapi({ example: 1000 }),
    status: z.enum(['PENDING', 'COMPLETED', 'FAILED']).openapi({ description: 'PENDING until the gateway confirms it' }),
    reason: z.string().nullable().openapi({ example: 'goodwill: the boat was late' }),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .openapi('Refund');

export const PaymentRefundResultSchema = z
  .object({ payment: PaymentSchema, refund: RefundSchema })
  .openapi('PaymentRefundResult', { description: 'the payment after the refund, and the refund itself' });

/** Instants stay epoch ms here: `respond` renders them as ISO 8601. */
export function paymentView(p: PaymentRecord) {
  return {
    id: p.id,
    bookingId: p.bookingId,
    amount: p.amount,
    currency: p.currency,
    status: p.status,
    gateway: p.gateway,
    gatewayReference: p.gatewayReference,
    paymentUrl: p.paymentUrl,
    refundedAmount: p.refundedAmount,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

export function refundView(r: RefundRecord) {
  return {
    id: r.id,
    paymentId: r.paymentId,
    bookingId: r.bookingId,
    amount: r.amount,
    status: r.status,
    reason: r.reason,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
