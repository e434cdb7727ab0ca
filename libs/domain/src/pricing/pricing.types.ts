import type { Instant } from '../shared/time.js';

/** Dynamic pricing: from `minFillPercent` % of capacity taken, the unit price is multiplied by `multiplier`. */
export type DynamicPricingTier = { readonly minFillPercent: number; readonly multiplier: number };
/** Group discount: from `minQuantity` seats in one booking, `percent` off the subtotal. */
export type GroupDiscountTier = { readonly minQuantity: number; readonly percent: number };

export type PromoCode = {
  readonly id: string;
  /** Stored as entered; compared case-insensitively. */
  readonly code: string;
  readonly organizationId: string;
  /** `null`: valid for every event of the organisation. */
  readonly eventId: string | null;
  /** Exactly one of `discountPercent` (1–100) and `discountAmount` (minor units) is set. */
  readonly discountPercent: number | null;
  readonly discountAmount: number | null;
  /** Currency of `discountAmount`; an amount code does not apply to events in another currency. */
  readonly currency: string | null;
  readonly startsAt: Instant;
  readonly endsAt: Instant | null;
  readonly maxUses: number | null;
  readonly usesCount: number;
  readonly isActive: boolean;
};

/** The breakdown a booking carries (DESIGN §4 booking `pricing`), all amounts in minor units of `currency`. */
export type PriceBreakdown = {
  readonly currency: string;
  readonly unitPrice: number;
  readonly quantity: number;
  readonly subtotal: number;
  readonly dynamicMultiplier: number;
  readonly groupDiscount: number;
  readonly promoDiscount: number;
  readonly total: number;
};
