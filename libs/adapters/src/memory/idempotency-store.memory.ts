import type { IdempotencyClaim, IdempotencyStore, TxContext } from '@aquastream/application';
import type { Instant } from '@aquastream/domain';
import type { InMemoryDatabase } from './in-memory-database.js';

const KEYS = 'idempotency_keys';

type Row = {
  readonly scope: string;
  readonly key: string;
  readonly requestHash: string;
  readonly status: number | null;
  readonly response: unknown;
  readonly createdAt: Instant;
  readonly expiresAt: Instant;
};

const rowKey = (scope: string, key: string): string => JSON.stringify([scope, key]);

/**
 * Idempotency keys over InMemoryDatabase. Writes outside a caller's transaction run in one of their own, so that
 * a claim is atomic (transactions take turns) and a transaction committing later cannot overwrite it.
 */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  constructor(private readonly db: InMemoryDatabase) {}

  claim(scope: string, key: string, requestHash: string, now: Instant, ttlMs: number): Promise<IdempotencyClaim> {
    return this.db.run<IdempotencyClaim>((tx) => {
      const rows = this.db.table<Row>(KEYS, tx);
      const existing = rows.get(rowKey(scope, key));
      if (existing !== undefined && existing.expiresAt > now) {
        if (existing.requestHash !== requestHash) return Promise.resolve({ kind: 'mismatch' });
        if (existing.status === null) return Promise.resolve({ kind: 'in_progress', since: existing.createdAt });
        const record = { ...structuredClone(existing), status: existing.status };
        return Promise.resolve({ kind: 'replay', record });
      }
      rows.set(rowKey(scope, key), { scope, key, requestHash, status: null, response: null, createdAt: now, expiresAt: now + ttlMs });
      return Promise.resolve({ kind: 'claimed' });
    });
  }

  complete(tx: TxContext | null, scope: string, key: string, status: number, response: unknown): Promise<void> {
    const write = (t: TxContext): Promise<void> => {
      const rows = this.db.table<Row>(KEYS, t);
      const existing = rows.get(rowKey(scope, key));
      if (existing !== undefined) rows.set(rowKey(scope, key), { ...existing, status, response: structuredClone(response ?? null) });
      return Promise.resolve();
    };
    return tx === null ? this.db.run(write) : write(tx);
  }

  takeOver(scope: string, key: string, since: Instant, now: Instant, ttlMs: number): Promise<boolean> {
    return this.db.run((tx) => {
      const rows = this.db.table<Row>(KEYS, tx);
      const existing = rows.get(rowKey(scope, key));
      if (existing === undefined || existing.status !== null || existing.createdAt !== since) return Promise.resolve(false);
      rows.set(rowKey(scope, key), { ...existing, createdAt: now, expiresAt: now + ttlMs });
      return Promise.resolve(true);
    });
  }

  release(scope: string, key: string): Promise<void> {
    return this.db.run((tx) => {
      const rows = this.db.table<Row>(KEYS, tx);
      // A completed answer is never forgotten: only a claim still in progress goes.
      if (rows.get(rowKey(scope, key))?.status === null) rows.delete(rowKey(scope, key));
      return Promise.resolve();
    });
  }

  purgeExpired(now: Instant): Promise<number> {
    return this.db.run((tx) => {
      const rows = this.db.table<Row>(KEYS, tx);
      let count = 0;
      for (const [k, r] of rows) {
        if (r.expiresAt <= now) {
          rows.delete(k);
          count += 1;
        }
      }
      return Promise.resolve(count);
    });
  }
}
