import {
  ConflictError,
  offsetOf,
  type PromoCodeQuery,
  type PromoCodeRepository,
  type TxContext,
} from '@aquastream/application';
import { normalizePromoCode, type PromoCode } from '@aquastream/domain';
import type { InMemoryDatabase } from './in-memory-database.js';

// A refused write rejects the promise (as a driver would) instead of throwing before it exists.
const attempt = <T>(work: () => T): Promise<T> => new Promise((resolve) => resolve(work()));

const TABLE = 'promo_codes';

const order = (a: PromoCode, b: PromoCode): number => {
  const ka = normalizePromoCode(a.code);
  const kb = normalizePromoCode(b.code);
  return ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};

/** Promo codes on the in-memory database; same rules as the SQL adapter (unique per organisation case-insensitively, conditional uses). */
export class InMemoryPromoCodeRepository implements PromoCodeRepository {
  constructor(private readonly db: InMemoryDatabase) {}

  private rows(tx: TxContext | null): Map<string, PromoCode> {
    return this.db.table<PromoCode>(TABLE, tx);
  }

  private assertCodeFree(tx: TxContext, promo: PromoCode): void {
    const code = normalizePromoCode(promo.code);
    for (const p of this.rows(tx).values()) {
      if (p.id !== promo.id && p.organizationId === promo.organizationId && normalizePromoCode(p.code) === code) {
        throw new ConflictError('promo_code');
      }
    }
  }

  insert(tx: TxContext, promo: PromoCode): Promise<void> {
    return attempt(() => {
      if (this.rows(tx).has(promo.id)) throw new ConflictError('promo_code_pkey');
      if (promo.usesCount < 0) throw new Error('uses_count may not be negative');
      this.assertCodeFree(tx, promo);
      this.rows(tx).set(promo.id, structuredClone(promo));
    });
  }

  update(tx: TxContext, promo: PromoCode): Promise<boolean> {
    return attempt(() => {
      const current = this.rows(tx).get(promo.id);
      if (!current) return false;
      if (promo.maxUses !== null && current.usesCount > promo.maxUses) return false;
      this.assertCodeFree(tx, promo);
      this.rows(tx).set(promo.id, { ...structuredClone(promo), usesCount: current.usesCount });
      return true;
    });
  }

  findById(tx: TxContext | null, id: string): Promise<PromoCode | null> {
    const p = this.rows(tx).get(id);
    return Promise.resolve(p ? structuredClone(p) : null);
  }

  findByCode(tx: TxContext | null, organizationId: string, code: string): Promise<PromoCode | null> {
    const wanted = normalizePromoCode(code);
    const p = [...this.rows(tx).values()].find((r) => r.organizationId === organizationId && normalizePromoCode(r.code) === wanted);
    return Promise.resolve(p ? structuredClone(p) : null);
  }

  adjustUses(tx: TxContext, promoId: string, delta: number): Promise<boolean> {
    const p = this.rows(tx).get(promoId);
    if (!p) return Promise.resolve(false);
    const next = p.usesCount + delta;
    if (next < 0 || (delta > 0 && p.maxUses !== null && next > p.maxUses)) return Promise.resolve(false);
    this.rows(tx).set(promoId, { ...p, usesCount: next });
    return Promise.resolve(true);
  }

  releaseUses(tx: TxContext, byPromo: Readonly<Record<string, number>>): Promise<void> {
    const rows = this.rows(tx);
    for (const [id, n] of Object.entries(byPromo)) {
      const p = rows.get(id);
      if (p) rows.set(id, { ...p, usesCount: Math.max(p.usesCount - n, 0) });
    }
    return Promise.resolve();
  }

  list(query: PromoCodeQuery): Promise<{ items: PromoCode[]; total: number }> {
    const orgs = query.organizationIds === undefined ? null : new Set(query.organizationIds);
    const all = [...this.rows(null).values()]
      .filter((p) => (orgs === null || orgs.has(p.organizationId)) && (query.eventId === undefined || p.eventId === query.eventId))
      .sort(order);
    const start = offsetOf(query);
    return Promise.resolve({ items: all.slice(start, start + query.size).map((p) => structuredClone(p)), total: all.length });
  }
}
