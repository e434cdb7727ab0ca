import type { Instant } from '@aquastream/domain';
import type { TxContext } from './unit-of-work.port.js';

/** A stored answer to a write made with an `Idempotency-Key`. */
export type IdempotencyRecord = {
  readonly scope: string;
  readonly key: string;
  /** A hash of the request body (and of whatever else makes two requests "the same"). */
  readonly requestHash: string;
  readonly status: number;
  readonly response: unknown;
  readonly createdAt: Instant;
  readonly expiresAt: Instant;
};

export type IdempotencyClaim =
  | { readonly kind: 'claimed' }
  | { readonly kind: 'replay'; readonly record: IdempotencyRecord }
  | { readonly kind: 'mismatch' }
  /** `since`: when the claim still in progress was made (a bulk re-run takes over one older than its lease). */
  | { readonly kind: 'in_progress'; readonly since: Instant };

/**
 * Keys are scoped (`<caller>:<operation>`), kept 24 h. `claim` inserts a placeholder in its own transaction so that
 * of two concurrent requests with one key exactly one proceeds; the other sees `in_progress` or, once the first
 * completed, `replay`. A key reused with another body is a `mismatch`.
 */
export interface IdempotencyStore {
  claim(scope: string, key: string, requestHash: string, now: Instant, ttlMs: number): Promise<IdempotencyClaim>;
  complete(tx: TxContext | null, scope: string, key: string, status: number, response: unknown): Promise<void>;
  /**
   * Takes over a claim still in progress made at `since` (a crashed run's): it is claimed again as made `now`. A
   * conditional update on the old `createdAt`, so that of several concurrent takeovers exactly one gets `true`; false
   * when the claim was completed, released or already taken over meanwhile.
   */
  takeOver(scope: string, key: string, since: Instant, now: Instant, ttlMs: number): Promise<boolean>;
  /** Forgets a claim whose request failed without a stored answer, so the client may retry with the same key. */
  release(scope: string, key: string): Promise<void>;
  purgeExpired(now: Instant): Promise<number>;
}
