/** A refund tier: when at least `minHoursBefore` hours remain before the start, `percent` is refunded. */
export type RefundTier = { readonly minHoursBefore: number; readonly percent: number };
export type RefundPolicy = readonly RefundTier[];
