import { z } from '@hono/zod-openapi';
import type { PromoCodeView, PromoValidation } from '@aquastream/application';
import { Instant, MoneyAmount, PageQuery, pageSchema, UuidParam } from '../openapi/common.schemas.js';
import { iso } from '../openapi/iso.js';

/** An instant in a request: ISO 8601 with an offset (or Z), handed to the use cases as epoch ms. */
export const InstantInput = z.iso
  .datetime({ offset: true })
  .openapi({ example: '2026-12-01T10:00:00+03:00', description: 'ISO 8601 with an offset' })
  .transform((text) => Date.parse(text));

const Code = z
  .string()
  .regex(/^[A-Za-z0-9_-]{3,40}$/, '3 to 40 letters, digits, "_" or "-"')
  .openapi({ example: 'SUMMER10', description: 'unique per organisation, case-insensitive' });

export const PromoCodeSchema = z
  .object({
    id: z.string().uuid(),
    code: z.string().openapi({ example: 'SUMMER10' }),
    organizationId: z.string().uuid(),
    eventId: z.string().uuid().nullable().openapi({ description: 'null: valid for every event of the organisation' }),
    discountPercent: z.number().int().nullable().openapi({ example: 10, description: '1–100; exactly one of the two discounts is set' }),
    discountAmount: MoneyAmount.nullable().openapi({ example: null }),
    currency: z.string().nullable().openapi({ description: 'the currency of an amount discount; null for a percent code', example: null }),
    startsAt: Instant,
    endsAt: Instant.nullable(),
    maxUses: z.number().int().nullable().openapi({ description: 'null: unlimited', example: 100 }),
    usesCount: z.number().int().openapi({ description: 'uses reserved by bookings (released when a booking ends unpaid)', example: 3 }),
    isActive: z.boolean(),
  })
  .openapi('PromoCode');

export const PromoCodePageSchema = pageSchema(PromoCodeSchema, 'PromoCodePage');

const Percent = z.number().int().min(1).max(100).openapi({ example: 10 });
const Amount = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).openapi({ example: 50_000, description: 'minor units' });
const Currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code').openapi({ example: 'RUB' });
const MaxUses = z.number().int().min(1).max(1_000_000_000).openapi({ example: 100 });

export const CreatePromoCodeBody = z
  .object({
    code: Code,
    organizationId: UuidParam.optional().openapi({
      description: 'taken from `eventId` when given; may be left out when the caller organises exactly one organisation',
    }),
    eventId: UuidParam.nullable().optional().openapi({ description: 'scope the code to one event; omitted or null: every event' }),
    discountPercent: Percent.nullable().optional(),
    discountAmount: Amount.nullable().optional(),
    currency: Currency.nullable().optional().openapi({ description: 'for an amount code; defaults to the event’s currency' }),
    startsAt: InstantInput.optional().openapi({ description: 'default: now' }),
    endsAt: InstantInput.nullable().optional().openapi({ description: 'omitted or null: no end' }),
    maxUses: MaxUses.nullable().optional().openapi({ description: 'omitted or null: unlimited' }),
    isActive: z.boolean().optional().openapi({ description: 'default true' }),
  })
  .openapi('CreatePromoCodeRequest');

export const UpdatePromoCodeBody = z
  .object({
    code: Code.optional(),
    eventId: UuidParam.nullable().optional().openapi({ description: 'null: every event of the organisation' }),
    discountPercent: Percent.nullable().optional().openapi({ description: 'giving one discount replaces the other' }),
    discountAmount: Amount.nullable().optional(),
    currency: Currency.nullable().optional(),
    startsAt: InstantInput.optional(),
    endsAt: InstantInput.nullable().optional(),
    maxUses: MaxUses.nullable().optional().openapi({ description: 'not below the uses already taken (422)' }),
    isActive: z.boolean().optional(),
  })
  .openapi('UpdatePromoCodeRequest');

export const PromoCodeListQuery = PageQuery.extend({
  organizationId: UuidParam.optional().openapi({ param: { name: 'organizationId', in: 'query' } }),
  eventId: UuidParam.optional().openapi({ param: { name: 'eventId', in: 'query' } }),
});

export const CodeParams = z.object({
  code: z.string().min(1).max(100).openapi({ param: { name: 'code', in: 'path' }, example: 'SUMMER10' }),
});

export const ValidatePromoBody = z
  .object({
    eventId: UuidParam,
    quantity: z.number().int().min(1).max(1000).openapi({ example: 2 }),
    priceOptionId: UuidParam.nullable().optional().openapi({ description: 'omitted: the cheapest active option' }),
  })
  .openapi('ValidatePromoCodeRequest');

export const PriceBreakdownSchema = z
  .object({
    unitPrice: MoneyAmount.openapi({ example: 150_000 }),
    quantity: z.number().int().openapi({ example: 2 }),
    subtotal: MoneyAmount.openapi({ example: 300_000 }),
    dynamicMultiplier: z.number().openapi({ example: 1 }),
    groupDiscount: MoneyAmount.openapi({ example: 0 }),
    promoDiscount: MoneyAmount.openapi({ example: 30_000 }),
    total: MoneyAmount.openapi({ example: 270_000 }),
    currency: z.string().openapi({ example: 'RUB' }),
  })
  .openapi('PriceBreakdown');

export const PromoValidationSchema = z
  .object({
    valid: z.boolean(),
    reason: z
      .enum(['UNKNOWN', 'INACTIVE', 'NOT_STARTED', 'EXPIRED', 'EXHAUSTED', 'NOT_APPLICABLE'])
      .optional()
      .openapi({ description: 'why a booking with this code would be refused now; absent when valid' }),
    breakdown: PriceBreakdownSchema.openapi({ description: 'the price a booking would have now: with the code when valid, without it otherwise' }),
  })
  .openapi('PromoCodeValidation');

export const promoCodeView = (p: PromoCodeView) => ({
  id: p.id,
  code: p.code,
  organizationId: p.organizationId,
  eventId: p.eventId,
  discountPercent: p.discountPercent,
  discountAmount: p.discountAmount,
  currency: p.currency,
  startsAt: iso(p.startsAt),
  endsAt: iso(p.endsAt),
  maxUses: p.maxUses,
  usesCount: p.usesCount,
  isActive: p.isActive,
});

export const promoValidationView = (v: PromoValidation) => ({
  valid: v.valid,
  ...(v.reason !== undefined ? { reason: v.reason } : {}),
  breakdown: {
    unitPrice: v.breakdown.unitPrice,
    quantity: v.breakdown.quantity,
    subtotal: v.breakdown.subtotal,
    dynamicMultiplier: v.breakdown.dynamicMultiplier,
    groupDiscount: v.breakdown.groupDiscount,
    promoDiscount: v.breakdown.promoDiscount,
    total: v.breakdown.total,
    currency: v.breakdown.currency,
  },
});
