import {
  ConflictError,
  offsetOf,
  type BookingQuery,
  type BookingRepository,
  type BookingStatusCounts,
  type EventRepository,
  type EventSales,
  type EventSalesQuery,
  type TxContext,
} from '@aquastream/application';
import { ACTIVE_BOOKING_STATUSES, type Booking, type BookingStatus, type Instant } from '@aquastream/domain';
import { dayKey } from '../sql/models/booking.model.js';
import { InMemoryEventRepository } from './event.memory-repository.js';
import type { InMemoryDatabase } from './in-memory-database.js';

const TABLE = 'bookings';
// A refused write rejects the promise (as a driver would) instead of throwing before it exists.
const attempt = <T>(work: () => T): Promise<T> => new Promise((resolve) => resolve(work()));
const isActive = (b: Booking): boolean => ACTIVE_BOOKING_STATUSES.includes(b.status);
const newestFirst = (a: Booking, b: Booking): number => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
const oldestFirst = (a: Booking, b: Booking): number => -newestFirst(a, b);
const byId = (a: Booking, b: Booking): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Bookings on the in-memory database, with the SQL adapter's constraints: one active booking per user and event,
 * unique ticket codes, compare-and-set transitions that never clear or move a stored check-in time. Queries that
 * SQL answers by joining events (organisation, start time) ask the event repository.
 */
export class InMemoryBookingRepository implements BookingRepository {
  private readonly events: Pick<EventRepository, 'findByIds'>;

  /** `events` defaults to the event repository over the same database (the tables of one store). */
  constructor(
    private readonly db: InMemoryDatabase,
    events?: Pick<EventRepository, 'findByIds'>,
  ) {
    this.events = events ?? new InMemoryEventRepository(db);
  }

  private rows(tx: TxContext | null): Map<string, Booking> {
    return this.db.table<Booking>(TABLE, tx);
  }

  /** The unique indexes of migration 0003, checked for `b` against every other row. */
  private assertUnique(tx: TxContext, b: Booking): void {
    for (const other of this.rows(tx).values()) {
      if (other.id === b.id) continue;
      if (isActive(b) && isActive(other) && other.eventId === b.eventId && other.userId === b.userId) {
        throw new ConflictError('booking_active_per_user');
      }
      if (b.ticketCode !== null && other.ticketCode === b.ticketCode) throw new ConflictError('booking_ticket_code');
    }
  }

  insert(tx: TxContext, booking: Booking): Promise<void> {
    return attempt(() => {
      if (this.rows(tx).has(booking.id)) throw new Error(`duplicate booking id ${booking.id}`);
      this.assertUnique(tx, booking);
      this.rows(tx).set(booking.id, structuredClone(booking));
    });
  }

  findById(tx: TxContext | null, id: string): Promise<Booking | null> {
    const b = this.rows(tx).get(id);
    return Promise.resolve(b ? structuredClone(b) : null);
  }

  findByTicketCode(tx: TxContext | null, ticketCode: string): Promise<Booking | null> {
    const b = [...this.rows(tx).values()].find((r) => r.ticketCode === ticketCode);
    return Promise.resolve(b ? structuredClone(b) : null);
  }

  transition(tx: TxContext, next: Booking, expectedStatus: BookingStatus): Promise<boolean> {
    return attempt(() => {
      const current = this.rows(tx).get(next.id);
      if (current?.status !== expectedStatus) return false;
      if (current.checkedInAt !== null && current.checkedInAt !== next.checkedInAt) return false;
      this.assertUnique(tx, next);
      this.rows(tx).set(next.id, { ...structuredClone(next), createdAt: current.createdAt });
      return true;
    });
  }

  hasActiveBooking(tx: TxContext | null, eventId: string, userId: string): Promise<boolean> {
    return Promise.resolve([...this.rows(tx).values()].some((b) => b.eventId === eventId && b.userId === userId && isActive(b)));
  }

  async list(query: BookingQuery): Promise<{ items: Booking[]; total: number }> {
    let rows = [...this.rows(null).values()];
    if (query.userId !== undefined) rows = rows.filter((b) => b.userId === query.userId);
    if (query.eventId !== undefined) rows = rows.filter((b) => b.eventId === query.eventId);
    if (query.statuses !== undefined) {
      const statuses = query.statuses;
      rows = rows.filter((b) => statuses.includes(b.status));
    }
    if (query.organizationIds !== undefined) {
      const orgs = new Set(query.organizationIds);
      const events = await this.events.findByIds(null, [...new Set(rows.map((b) => b.eventId))]);
      const inScope = new Set(events.filter((e) => orgs.has(e.state.organizationId)).map((e) => e.state.id));
      rows = rows.filter((b) => inScope.has(b.eventId));
    }
    rows.sort(newestFirst);
    const start = offsetOf(query);
    return { items: rows.slice(start, start + query.size).map((b) => structuredClone(b)), total: rows.length };
  }

  listByEvent(tx: TxContext | null, eventId: string, statuses?: readonly BookingStatus[]): Promise<Booking[]> {
    const rows = [...this.rows(tx).values()].filter((b) => b.eventId === eventId && (statuses === undefined || statuses.includes(b.status)));
    return Promise.resolve(rows.sort(oldestFirst).map((b) => structuredClone(b)));
  }

  findExpiryCandidates(cutoff: Instant, limit: number, filter: { readonly openPayment?: boolean } = {}): Promise<Booking[]> {
    // The payments of the same store (the SQL adapter asks its table in the same query).
    const open = new Set(
      [...this.db.table<{ bookingId: string; status: string }>('payments', null).values()]
        .filter((p) => p.status === 'INITIATED')
        .map((p) => p.bookingId),
    );
    const rows = [...this.rows(null).values()]
      .filter((b) => b.status === 'PENDING_PAYMENT' && b.paymentDeadline < cutoff)
      .filter((b) => filter.openPayment === undefined || open.has(b.id) === filter.openPayment)
      .sort((a, b) => a.paymentDeadline - b.paymentDeadline || byId(a, b));
    return Promise.resolve(rows.slice(0, limit).map((b) => structuredClone(b)));
  }

  transitionStatuses(tx: TxContext, next: readonly Booking[], expectedStatus: BookingStatus): Promise<string[]> {
    return attempt(() => {
      const rows = this.rows(tx);
      const written: string[] = [];
      for (const b of next) {
        const current = rows.get(b.id);
        if (current?.status !== expectedStatus) continue;
        const changed = { ...current, status: b.status, updatedAt: b.updatedAt };
        this.assertUnique(tx, changed);
        rows.set(b.id, changed);
        written.push(b.id);
      }
      return written;
    });
  }

  async findConfirmedStartingBetween(from: Instant, to: Instant, limit: number, afterId: string | null): Promise<Booking[]> {
    const confirmed = [...this.rows(null).values()].filter((b) => b.status === 'CONFIRMED' && (afterId === null || b.id > afterId));
    const events = await this.events.findByIds(null, [...new Set(confirmed.map((b) => b.eventId))]);
    const starting = new Set(events.filter((e) => e.state.startsAt >= from && e.state.startsAt < to).map((e) => e.state.id));
    return confirmed
      .filter((b) => starting.has(b.eventId))
      .sort(byId)
      .slice(0, limit)
      .map((b) => structuredClone(b));
  }

  countByStatus(eventId: string): Promise<BookingStatusCounts> {
    const counts: Record<BookingStatus, number> = { PENDING_PAYMENT: 0, CONFIRMED: 0, CANCELED: 0, EXPIRED: 0 };
    for (const b of this.rows(null).values()) if (b.eventId === eventId) counts[b.status] += 1;
    return Promise.resolve(counts);
  }

  salesSummary(eventId: string, timeZone: string) {
    let ticketsSold = 0;
    let revenueAmount = 0;
    const bookingsByDay: Record<string, number> = {};
    for (const b of this.rows(null).values()) {
      if (b.eventId !== eventId) continue;
      if (b.status === 'CONFIRMED') {
        ticketsSold += b.quantity;
        revenueAmount += b.paidAmount;
      }
      const day = dayKey(b.createdAt, timeZone);
      bookingsByDay[day] = (bookingsByDay[day] ?? 0) + 1;
    }
    return Promise.resolve({ ticketsSold, revenueAmount, bookingsByDay });
  }

  topSellingEvents(query: EventSalesQuery): Promise<EventSales[]> {
    const byEvent = new Map<string, { totalBookings: number; confirmedBookings: number; ticketsSold: number; revenueAmount: number }>();
    for (const b of this.rows(null).values()) {
      if ((query.from !== undefined && b.createdAt < query.from) || (query.to !== undefined && b.createdAt >= query.to)) continue;
      const sales = byEvent.get(b.eventId) ?? { totalBookings: 0, confirmedBookings: 0, ticketsSold: 0, revenueAmount: 0 };
      sales.totalBookings += 1;
      if (b.status === 'CONFIRMED') {
        sales.confirmedBookings += 1;
        sales.ticketsSold += b.quantity;
        sales.revenueAmount += b.paidAmount;
      }
      byEvent.set(b.eventId, sales);
    }
    const ranked = [...byEvent.entries()]
      .map(([eventId, sales]) => ({ eventId, ...sales }))
      .sort((a, b) => b.ticketsSold - a.ticketsSold || b.revenueAmount - a.revenueAmount || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
    return Promise.resolve(ranked.slice(0, query.limit));
  }
}
