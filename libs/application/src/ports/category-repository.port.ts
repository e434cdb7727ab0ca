import type { Instant } from '@aquastream/domain';
import type { TxContext } from './unit-of-work.port.js';

export type Category = {
  readonly id: string;
  readonly name: string;
  /** Unique; derived from the name. The catalogue's `category` filter takes an id or a slug. */
  readonly slug: string;
  readonly parentId: string | null;
  /** Order among siblings, ascending. */
  readonly position: number;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
};

export interface CategoryRepository {
  /** A slug in use surfaces as `ConflictError('category_slug')`; a missing parent is a foreign-key failure (a caller bug). */
  insert(tx: TxContext, category: Category): Promise<void>;
  /** Writes everything but `createdAt`; `ConflictError('category_slug')` on a slug clash. */
  update(tx: TxContext, category: Category): Promise<void>;
  findById(tx: TxContext | null, id: string): Promise<Category | null>;
  findBySlug(tx: TxContext | null, slug: string): Promise<Category | null>;
  /** The whole tree as a flat list (it is small), ordered by position, then name, then id. */
  listAll(tx: TxContext | null): Promise<readonly Category[]>;
}
