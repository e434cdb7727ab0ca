import type { Instant, PromoCode } from '@aquastream/domain';

/** DESIGN §4 "A promo code", plus the currency an amount code is in. Instants are epoch ms here. */
export type PromoCodeView = {
  readonly id: string;
  readonly code: string;
  readonly organizationId: string;
  readonly eventId: string | null;
  readonly discountPercent: number | null;
  readonly discountAmount: number | null;
  readonly currency: string | null;
  readonly startsAt: Instant;
  readonly endsAt: Instant | null;
  readonly maxUses: number | null;
  readonly usesCount: number;
  readonly isActive: boolean;
};

export const toPromoCodeView = (p: PromoCode): PromoCodeView => ({
  id: p.id,
  code: p.code,
  organizationId: p.organizationId,
  eventId: p.eventId,
  discountPercent: p.discountPercent,
  discountAmount: p.discountAmount,
  currency: p.currency,
  startsAt: p.startsAt,
  endsAt: p.endsAt,
  maxUses: p.maxUses,
  usesCount: p.usesCount,
  isActive: p.isActive,
});
