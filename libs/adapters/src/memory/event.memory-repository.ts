import {
  ConflictError,
  offsetOf,
  type CatalogueQuery,
  type EventRecord,
  type EventRepository,
  type SeatAdjustment,
  type SeatAdjustmentResult,
  type SeatRelease,
  type TxContext,
} from '@aquastream/application';
import { isPublicEventStatus, TERMINAL_EVENT_STATUSES, type Instant, type PriceOption } from '@aquastream/domain';
import type { InMemoryDatabase } from './in-memory-database.js';

const TABLE = 'events';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** Ascending with nulls last. */
const nullsLast = (a: number | null, b: number | null): number => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a - b);

function lowestActivePrice(r: EventRecord): number | null {
  const prices = r.state.priceOptions.filter((o) => o.active).map((o) => o.price);
  return prices.length === 0 ? null : Math.min(...prices);
}

function sortFor(sort: CatalogueQuery['sort']): (a: EventRecord, b: EventRecord) => number {
  const byId = (a: EventRecord, b: EventRecord): number => cmp(a.state.id, b.state.id);
  switch (sort) {
    case 'startsAt':
      return (a, b) => a.state.startsAt - b.state.startsAt || byId(a, b);
    case '-startsAt':
      return (a, b) => b.state.startsAt - a.state.startsAt || byId(a, b);
    case 'price':
      return (a, b) => nullsLast(lowestActivePrice(a), lowestActivePrice(b)) || byId(a, b);
    case 'rating':
      return (a, b) => nullsLast(a.avgRating === null ? null : -a.avgRating, b.avgRating === null ? null : -b.avgRating) || byId(a, b);
    case 'popularity':
      return (a, b) => b.state.seatsTaken - a.state.seatsTaken || byId(a, b);
  }
}

function matches(r: EventRecord, q: CatalogueQuery): boolean {
  const { state, details } = r;
  if (q.statuses === undefined) {
    if (state.status !== 'PUBLISHED' || state.startsAt <= q.now) return false;
  } else {
    if (!q.statuses.includes(state.status)) return false;
    const visible = q.visibleOrganizationIds ?? [];
    if (!isPublicEventStatus(state.status) && visible !== 'ALL' && !visible.includes(state.organizationId)) return false;
  }
  if (q.q !== undefined && q.q !== '') {
    const needle = q.q.toLowerCase();
    if (!state.title.toLowerCase().includes(needle) && !(details.description ?? '').toLowerCase().includes(needle)) return false;
  }
  if (q.categoryIds !== undefined && (details.categoryId === null || !q.categoryIds.includes(details.categoryId))) return false;
  if (q.from !== undefined && state.startsAt < q.from) return false;
  if (q.to !== undefined && state.startsAt > q.to) return false;
  if (q.featured !== undefined && details.featured !== q.featured) return false;
  if (q.organizationId !== undefined && state.organizationId !== q.organizationId) return false;
  return true;
}

/** As the SQL adapter stores them: one description per current option (null when none), nothing else. */
function normalized(record: EventRecord): EventRecord {
  const descriptions = record.details.priceOptionDescriptions;
  return {
    ...record,
    details: {
      ...record.details,
      priceOptionDescriptions: Object.fromEntries(record.state.priceOptions.map((o) => [o.id, descriptions[o.id] ?? null])),
    },
  };
}

/**
 * Events on the in-memory database, behaving like the SQL adapter (the shared contract suite checks it): the same
 * conditions on seat counters and versions, all or nothing, and copies handed out.
 */
export class InMemoryEventRepository implements EventRepository {
  constructor(private readonly db: InMemoryDatabase) {}

  private rows(tx: TxContext | null): Map<string, EventRecord> {
    return this.db.table<EventRecord>(TABLE, tx);
  }

  private all(): EventRecord[] {
    return [...this.rows(null).values()];
  }

  insert(tx: TxContext, record: EventRecord): Promise<void> {
    return new Promise((resolve) => {
      if (this.rows(tx).has(record.state.id)) throw new ConflictError('events_pkey', `event ${record.state.id} exists`);
      this.rows(tx).set(record.state.id, structuredClone(normalized(record)));
      resolve();
    });
  }

  findById(tx: TxContext | null, id: string): Promise<EventRecord | null> {
    const r = this.rows(tx).get(id);
    return Promise.resolve(r ? structuredClone(r) : null);
  }

  findByIds(tx: TxContext | null, ids: readonly string[]): Promise<readonly EventRecord[]> {
    const rows = this.rows(tx);
    return Promise.resolve([...new Set(ids)].flatMap((id) => (rows.has(id) ? [structuredClone(rows.get(id) as EventRecord)] : [])));
  }

  update(tx: TxContext, record: EventRecord, expectedVersion: number): Promise<boolean> {
    const rows = this.rows(tx);
    const stored = rows.get(record.state.id);
    if (!stored || stored.version !== expectedVersion || record.state.capacity < stored.state.seatsTaken) return Promise.resolve(false);
    const taken = new Map(stored.state.priceOptions.map((o) => [o.id, o.seatsTaken]));
    const options: PriceOption[] = [];
    for (const o of record.state.priceOptions) {
      const seatsTaken = taken.get(o.id) ?? 0;
      if (o.quantity !== null && o.quantity < seatsTaken) return Promise.resolve(false);
      options.push({ ...o, seatsTaken });
    }
    const kept = new Set(options.map((o) => o.id));
    if (stored.state.priceOptions.some((o) => !kept.has(o.id) && o.seatsTaken > 0)) return Promise.resolve(false);
    rows.set(
      record.state.id,
      structuredClone({
        ...normalized(record),
        state: { ...record.state, seatsTaken: stored.state.seatsTaken, priceOptions: options },
        avgRating: stored.avgRating,
        reviewCount: stored.reviewCount,
        createdAt: stored.createdAt,
        version: expectedVersion + 1,
      }),
    );
    return Promise.resolve(true);
  }

  delete(tx: TxContext, id: string): Promise<void> {
    this.rows(tx).delete(id);
    return Promise.resolve();
  }

  adjustSeats(tx: TxContext, eventId: string, change: SeatAdjustment): Promise<SeatAdjustmentResult> {
    const rows = this.rows(tx);
    const stored = rows.get(eventId);
    if (!stored || (change.requirePublished && stored.state.status !== 'PUBLISHED')) return Promise.resolve('NOT_BOOKABLE');
    const seatsTaken = stored.state.seatsTaken + change.eventDelta;
    if (seatsTaken < 0 || seatsTaken > stored.state.capacity) return Promise.resolve('EVENT_FULL');
    let priceOptions = stored.state.priceOptions;
    if (change.option !== null) {
      const { id, delta } = change.option;
      const option = priceOptions.find((o) => o.id === id);
      const taken = option === undefined ? -1 : option.seatsTaken + delta;
      if (option === undefined || taken < 0 || (option.quantity !== null && taken > option.quantity)) {
        return Promise.resolve('PRICE_OPTION_SOLD_OUT');
      }
      priceOptions = priceOptions.map((o) => (o.id === id ? { ...o, seatsTaken: taken } : o));
    }
    rows.set(eventId, { ...stored, state: { ...stored.state, seatsTaken, priceOptions } });
    return Promise.resolve('OK');
  }

  lockMany(tx: TxContext, ids: readonly string[]): Promise<readonly EventRecord[]> {
    // Transactions run one at a time here, so the lock is the transaction itself.
    const rows = this.rows(tx);
    const sorted = [...new Set(ids)].sort();
    return Promise.resolve(sorted.flatMap((id) => (rows.has(id) ? [structuredClone(rows.get(id) as EventRecord)] : [])));
  }

  releaseSeats(tx: TxContext, releases: readonly SeatRelease[]): Promise<readonly string[]> {
    const rows = this.rows(tx);
    const refused: string[] = [];
    for (const r of releases) {
      const stored = rows.get(r.eventId);
      if (!stored) {
        refused.push(r.eventId);
        continue;
      }
      // A refused event is left as it was (the caller rolls the transaction back anyway).
      const seatsTaken = stored.state.seatsTaken - r.seats;
      let ok = seatsTaken >= 0;
      const priceOptions = stored.state.priceOptions.map((o) => {
        const n = r.byOption[o.id];
        if (n === undefined) return o;
        const taken = o.seatsTaken - n;
        if (taken < 0) {
          ok = false;
          return o;
        }
        return { ...o, seatsTaken: taken };
      });
      const known = new Set(stored.state.priceOptions.map((o) => o.id));
      if (Object.keys(r.byOption).some((id) => !known.has(id))) ok = false;
      if (ok) rows.set(r.eventId, { ...stored, state: { ...stored.state, seatsTaken, priceOptions } });
      else refused.push(r.eventId);
    }
    return Promise.resolve(refused);
  }

  overwriteSeatCounters(tx: TxContext, eventId: string, seatsTaken: number, byOption: Readonly<Record<string, number>>): Promise<void> {
    const rows = this.rows(tx);
    const stored = rows.get(eventId);
    if (stored) {
      const priceOptions = stored.state.priceOptions.map((o) => ({ ...o, seatsTaken: byOption[o.id] ?? 0 }));
      rows.set(eventId, { ...stored, state: { ...stored.state, seatsTaken, priceOptions } });
    }
    return Promise.resolve();
  }

  setReviewStats(tx: TxContext, eventId: string, avgRating: number | null, reviewCount: number): Promise<void> {
    const rows = this.rows(tx);
    const stored = rows.get(eventId);
    if (stored) rows.set(eventId, { ...stored, avgRating, reviewCount });
    return Promise.resolve();
  }

  search(query: CatalogueQuery): Promise<{ readonly items: readonly EventRecord[]; readonly total: number }> {
    const found = this.all().filter((r) => matches(r, query)).sort(sortFor(query.sort));
    const start = offsetOf(query);
    return Promise.resolve({ items: structuredClone(found.slice(start, start + query.size)), total: found.length });
  }

  findDueForPublishing(now: Instant, limit: number): Promise<readonly EventRecord[]> {
    const due = this.all()
      .filter((r) => r.state.status === 'SCHEDULED' && r.state.publishAt !== null && r.state.publishAt <= now)
      .sort((a, b) => (a.state.publishAt ?? 0) - (b.state.publishAt ?? 0) || cmp(a.state.id, b.state.id));
    return Promise.resolve(structuredClone(due.slice(0, limit)));
  }

  findDueForCompletion(now: Instant, limit: number): Promise<readonly EventRecord[]> {
    const due = this.all()
      .filter((r) => r.state.status === 'PUBLISHED' && (r.state.endsAt ?? r.state.startsAt) <= now)
      .sort((a, b) => a.state.startsAt - b.state.startsAt || cmp(a.state.id, b.state.id));
    return Promise.resolve(structuredClone(due.slice(0, limit)));
  }

  findCrewRetryDue(now: Instant, limit: number): Promise<readonly EventRecord[]> {
    const due = this.all()
      .filter(
        (r) =>
          r.state.crew.status === 'PENDING' &&
          !TERMINAL_EVENT_STATUSES.includes(r.state.status) &&
          (r.state.crew.nextAttemptAt === null || r.state.crew.nextAttemptAt <= now),
      )
      // Never-attempted requests first (nulls first), then by due time.
      .sort((a, b) => nullsLast(a.state.crew.nextAttemptAt ?? -Infinity, b.state.crew.nextAttemptAt ?? -Infinity) || cmp(a.state.id, b.state.id));
    return Promise.resolve(structuredClone(due.slice(0, limit)));
  }

  listIds(afterId: string | null, limit: number): Promise<readonly string[]> {
    const ids = [...this.rows(null).keys()].filter((id) => afterId === null || id > afterId).sort(cmp);
    return Promise.resolve(ids.slice(0, limit));
  }
}
