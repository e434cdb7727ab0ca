import {
  ConflictError,
  WAITLIST_ACTIVE_PER_USER,
  type PageRequest,
  type TxContext,
  type WaitlistEventQuery,
  type WaitlistRepository,
} from '@aquastream/application';
import { compareWaitlistOrder, type Instant, type WaitlistEntry, type WaitlistStatus } from '@aquastream/domain';
import type { InMemoryDatabase } from './in-memory-database.js';

const TABLE = 'waitlist_entries';

const isActive = (s: WaitlistStatus): boolean => s === 'WAITING' || s === 'OFFERED';
const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The waitlist over InMemoryDatabase, with the same uniqueness rule and orders as the SQL adapter. */
export class InMemoryWaitlistRepository implements WaitlistRepository {
  constructor(private readonly db: InMemoryDatabase) {}

  private rows(tx: TxContext | null): Map<string, WaitlistEntry> {
    return this.db.table<WaitlistEntry>(TABLE, tx);
  }

  /** Transactions here already run one at a time. */
  lockLine(_tx: TxContext, _eventId: string): Promise<void> {
    return Promise.resolve();
  }

  insert(tx: TxContext, entry: WaitlistEntry): Promise<void> {
    const rows = this.rows(tx);
    if (rows.has(entry.id)) return Promise.reject(new Error(`waitlist entry ${entry.id} already exists`));
    if (isActive(entry.status)) {
      for (const r of rows.values()) {
        if (r.eventId === entry.eventId && r.userId === entry.userId && isActive(r.status)) {
          return Promise.reject(new ConflictError(WAITLIST_ACTIVE_PER_USER));
        }
      }
    }
    rows.set(entry.id, structuredClone(entry));
    return Promise.resolve();
  }

  findById(tx: TxContext | null, id: string): Promise<WaitlistEntry | null> {
    const row = this.rows(tx).get(id);
    return Promise.resolve(row ? structuredClone(row) : null);
  }

  transition(tx: TxContext, next: WaitlistEntry, expectedStatus: WaitlistStatus): Promise<boolean> {
    const rows = this.rows(tx);
    const current = rows.get(next.id);
    if (!current || current.status !== expectedStatus) return Promise.resolve(false);
    if (isActive(next.status) && !isActive(current.status)) {
      // The partial unique index also guards an entry coming back into line.
      for (const r of rows.values()) {
        if (r.id !== next.id && r.eventId === current.eventId && r.userId === current.userId && isActive(r.status)) {
          return Promise.reject(new ConflictError(WAITLIST_ACTIVE_PER_USER));
        }
      }
    }
    rows.set(next.id, {
      ...current,
      status: next.status,
      priority: next.priority,
      priceOptionId: next.priceOptionId,
      offeredAt: next.offeredAt,
      offerExpiresAt: next.offerExpiresAt,
      bookingId: next.bookingId,
      updatedAt: next.updatedAt,
    });
    return Promise.resolve(true);
  }

  waitingLine(tx: TxContext, eventId: string): Promise<readonly WaitlistEntry[]> {
    return this.listByEvent(tx, eventId, ['WAITING']);
  }

  listByEvent(tx: TxContext | null, eventId: string, statuses?: readonly WaitlistStatus[]): Promise<readonly WaitlistEntry[]> {
    return Promise.resolve(this.ofEvent(tx, eventId, statuses).map((r) => structuredClone(r)));
  }

  pageByEvent(eventId: string, query: WaitlistEventQuery): Promise<{ readonly items: readonly WaitlistEntry[]; readonly total: number }> {
    return Promise.resolve(paged(this.ofEvent(null, eventId, query.statuses), query));
  }

  listForUser(userId: string, page: PageRequest): Promise<{ readonly items: readonly WaitlistEntry[]; readonly total: number }> {
    const mine = [...this.rows(null).values()]
      .filter((r) => r.userId === userId)
      .sort((a, b) => b.joinedAt - a.joinedAt || byId(b.id, a.id));
    return Promise.resolve(paged(mine, page));
  }

  countActive(tx: TxContext | null, eventId: string): Promise<number> {
    return Promise.resolve(this.ofEvent(tx, eventId, ['WAITING', 'OFFERED']).length);
  }

  hasActiveEntry(tx: TxContext | null, eventId: string, userId: string): Promise<boolean> {
    return Promise.resolve(this.ofEvent(tx, eventId, ['WAITING', 'OFFERED']).some((r) => r.userId === userId));
  }

  eventsWithWaiting(tx: TxContext | null, eventIds: readonly string[]): Promise<readonly string[]> {
    const wanted = new Set(eventIds);
    const found = new Set([...this.rows(tx).values()].filter((r) => r.status === 'WAITING' && wanted.has(r.eventId)).map((r) => r.eventId));
    return Promise.resolve([...found]);
  }

  findExpiredOffers(now: Instant, limit: number): Promise<readonly WaitlistEntry[]> {
    const lapsed = [...this.rows(null).values()]
      .filter((r) => r.status === 'OFFERED' && r.offerExpiresAt !== null && r.offerExpiresAt < now)
      .sort((a, b) => (a.offerExpiresAt ?? 0) - (b.offerExpiresAt ?? 0) || byId(a.id, b.id))
      .slice(0, limit);
    return Promise.resolve(lapsed.map((r) => structuredClone(r)));
  }

  positions(tx: TxContext | null, entryIds: readonly string[]): Promise<ReadonlyMap<string, number>> {
    const rows = this.rows(tx);
    const result = new Map<string, number>();
    for (const id of entryIds) {
      const entry = rows.get(id);
      if (!entry || entry.status !== 'WAITING') continue;
      let ahead = 0;
      for (const r of rows.values()) {
        if (r.eventId === entry.eventId && r.status === 'WAITING' && compareWaitlistOrder(r, entry) < 0) ahead += 1;
      }
      result.set(id, ahead + 1);
    }
    return Promise.resolve(result);
  }

  private ofEvent(tx: TxContext | null, eventId: string, statuses?: readonly WaitlistStatus[]): WaitlistEntry[] {
    return [...this.rows(tx).values()]
      .filter((r) => r.eventId === eventId && (statuses === undefined || statuses.includes(r.status)))
      .sort(compareWaitlistOrder);
  }
}

function paged(rows: readonly WaitlistEntry[], page: PageRequest): { items: WaitlistEntry[]; total: number } {
  const start = (page.page - 1) * page.size;
  return { items: rows.slice(start, start + page.size).map((r) => structuredClone(r)), total: rows.length };
}
