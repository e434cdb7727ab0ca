import type { Booking, BookingStatus, Instant } from '@aquastream/domain';
import type { PageRequest } from '../shared/pagination.js';
import type { SeatAdjustmentResult } from './event-repository.port.js';
import type { TxContext } from './unit-of-work.port.js';

export type BookingQuery = PageRequest & {
  readonly userId?: string;
  readonly eventId?: string;
  /** Bookings of events of these organisations (an organiser's view). */
  readonly organizationIds?: readonly string[];
  readonly statuses?: readonly BookingStatus[];
};

export type BookingStatusCounts = Readonly<Record<BookingStatus, number>>;

/** One event's bookings made within a window (admin analytics). */
export type EventSales = {
  readonly eventId: string;
  readonly totalBookings: number;
  readonly confirmedBookings: number;
  /** CONFIRMED seats. */
  readonly ticketsSold: number;
  /** Paid amounts of CONFIRMED bookings, minor units of the event's currency. */
  readonly revenueAmount: number;
};

/** Bookings created within [from, to) (either end open when left out); at most `limit` events. */
export type EventSalesQuery = { readonly from?: Instant; readonly to?: Instant; readonly limit: number };

export interface BookingRepository {
  /**
   * Inserts a new booking. A second active (`PENDING_PAYMENT`/`CONFIRMED`) booking of the same user for the same
   * event is refused by the database (partial unique index) and surfaces as `ConflictError('booking_active_per_user')`.
   */
  insert(tx: TxContext, booking: Booking): Promise<void>;
  /**
   * Optional (PostgreSQL): a new booking's seats (`adjustSeats` of the event and the booking's option, PUBLISHED
   * required) and its insert in one statement — one round trip fewer under the event's row lock, event row first as
   * always. Answers like `adjustSeats` and inserts only on 'OK' (a refusal writes nothing); a uniqueness refusal
   * throws `ConflictError` as `insert` does.
   */
  insertReservingSeats?(tx: TxContext, booking: Booking): Promise<SeatAdjustmentResult>;
  findById(tx: TxContext | null, id: string): Promise<Booking | null>;
  findByTicketCode(tx: TxContext | null, ticketCode: string): Promise<Booking | null>;
  /**
   * Compare-and-set: writes `next` only if the stored status is still `expectedStatus`. Returns false otherwise,
   * so that of two concurrent cancels (or an expiry racing a payment) exactly one applies its seat change.
   */
  transition(tx: TxContext, next: Booking, expectedStatus: BookingStatus): Promise<boolean>;
  hasActiveBooking(tx: TxContext | null, eventId: string, userId: string): Promise<boolean>;
  list(query: BookingQuery): Promise<{ readonly items: readonly Booking[]; readonly total: number }>;
  /** Every booking of an event in the given statuses (event cancel, reconcile, CSV export). */
  listByEvent(tx: TxContext | null, eventId: string, statuses?: readonly BookingStatus[]): Promise<readonly Booking[]>;
  /**
   * `PENDING_PAYMENT` with `paymentDeadline < cutoff`, oldest deadline first (the expiry job). With `openPayment`, only
   * those that have (`true`) or have not (`false`) an `INITIATED` payment.
   */
  findExpiryCandidates(cutoff: Instant, limit: number, filter?: { readonly openPayment?: boolean }): Promise<readonly Booking[]>;
  /**
   * Compare-and-set of several bookings' status at once: writes each one's `status` and `updatedAt` (nothing else)
   * only if its stored status is still `expectedStatus`. Returns the ids written; the others were left as they were.
   */
  transitionStatuses(tx: TxContext, next: readonly Booking[], expectedStatus: BookingStatus): Promise<readonly string[]>;
  /** CONFIRMED bookings of events starting within [from, to) (the reminder job). */
  findConfirmedStartingBetween(from: Instant, to: Instant, limit: number, afterId: string | null): Promise<readonly Booking[]>;
  countByStatus(eventId: string): Promise<BookingStatusCounts>;
  /** CONFIRMED seats and paid amounts of an event, and bookings created per day in `timeZone` (stats). */
  salesSummary(eventId: string, timeZone: string): Promise<{
    readonly ticketsSold: number;
    readonly revenueAmount: number;
    readonly bookingsByDay: Readonly<Record<string, number>>;
  }>;
  /** Events with bookings in the window, most tickets sold first, then most revenue, then by event id. */
  topSellingEvents(query: EventSalesQuery): Promise<readonly EventSales[]>;
}
