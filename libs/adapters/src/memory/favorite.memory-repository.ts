import { offsetOf, type Favorite, type FavoriteRepository, type PageRequest, type TxContext } from '@aquastream/application';
import type { InMemoryDatabase } from './in-memory-database.js';

const TABLE = 'favorites';
const key = (userId: string, eventId: string): string => `${userId}\u0000${eventId}`;

/** Favorites on the in-memory database: one row per (user, event), as the SQL primary key. */
export class InMemoryFavoriteRepository implements FavoriteRepository {
  constructor(private readonly db: InMemoryDatabase) {}

  private rows(tx: TxContext | null): Map<string, Favorite> {
    return this.db.table<Favorite>(TABLE, tx);
  }

  add(tx: TxContext, favorite: Favorite): Promise<boolean> {
    const k = key(favorite.userId, favorite.eventId);
    if (this.rows(tx).has(k)) return Promise.resolve(false);
    this.rows(tx).set(k, structuredClone(favorite));
    return Promise.resolve(true);
  }

  remove(tx: TxContext, userId: string, eventId: string): Promise<boolean> {
    return Promise.resolve(this.rows(tx).delete(key(userId, eventId)));
  }

  list(userId: string, page: PageRequest): Promise<{ items: Favorite[]; total: number }> {
    const all = [...this.rows(null).values()]
      .filter((f) => f.userId === userId)
      .sort((a, b) => b.createdAt - a.createdAt || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
    const start = offsetOf(page);
    return Promise.resolve({ items: all.slice(start, start + page.size).map((f) => structuredClone(f)), total: all.length });
  }
}
