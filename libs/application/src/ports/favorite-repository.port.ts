import type { Instant } from '@aquastream/domain';
import type { PageRequest } from '../shared/pagination.js';
import type { TxContext } from './unit-of-work.port.js';

export type Favorite = { readonly userId: string; readonly eventId: string; readonly createdAt: Instant };

export interface FavoriteRepository {
  /** Idempotent: returns false (and keeps the first `createdAt`) when the event was already a favorite. */
  add(tx: TxContext, favorite: Favorite): Promise<boolean>;
  /** Idempotent: returns false when there was nothing to remove. */
  remove(tx: TxContext, userId: string, eventId: string): Promise<boolean>;
  /** The user's favorites, newest first (ties by event id). */
  list(userId: string, page: PageRequest): Promise<{ readonly items: readonly Favorite[]; readonly total: number }>;
}
