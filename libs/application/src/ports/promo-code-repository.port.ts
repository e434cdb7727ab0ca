import type { PromoCode } from '@aquastream/domain';
import type { PageRequest } from '../shared/pagination.js';
import type { TxContext } from './unit-of-work.port.js';

export type PromoCodeQuery = PageRequest & {
  /** Codes of these organisations only (an organiser's view); absent: every organisation (admins). */
  readonly organizationIds?: readonly string[];
  readonly eventId?: string;
};

export interface PromoCodeRepository {
  /** A code already used in the organisation (case-insensitively) surfaces as `ConflictError('promo_code')`. */
  insert(tx: TxContext, promo: PromoCode): Promise<void>;
  /**
   * Writes the definition — never `usesCount`, which only `adjustUses` changes — provided the new `maxUses` is not
   * below the uses taken at that moment (checked in the same statement). Returns false when it is (or the code is
   * gone). `ConflictError('promo_code')` when the new code clashes with another of the organisation.
   */
  update(tx: TxContext, promo: PromoCode): Promise<boolean>;
  findById(tx: TxContext | null, id: string): Promise<PromoCode | null>;
  /** Case-insensitive, surrounding spaces ignored. */
  findByCode(tx: TxContext | null, organizationId: string, code: string): Promise<PromoCode | null>;
  /**
   * One conditional UPDATE: applies `uses_count + delta` only when the result is `>= 0` and, when taking uses
   * (`delta > 0`), not above `max_uses`. Releasing (`delta < 0`) is never refused for `max_uses`, so a use taken
   * before an organiser lowered the limit can still be given back. Returns false when refused or when the code is gone.
   */
  adjustUses(tx: TxContext, promoId: string, delta: number): Promise<boolean>;
  /**
   * Gives back uses in bulk (a batch of expired bookings): `uses_count` of each code goes down by its count, never
   * below 0 — as that many `adjustUses(id, -1)` would, each refused at 0. Codes that are gone are ignored.
   */
  releaseUses(tx: TxContext, byPromo: Readonly<Record<string, number>>): Promise<void>;
  /** Ordered by code (case-insensitively), then id. */
  list(query: PromoCodeQuery): Promise<{ readonly items: readonly PromoCode[]; readonly total: number }>;
}
