import {
  ConflictError,
  offsetOf,
  type BookingQuery,
  type BookingRepository,
  type BookingStatusCounts,
  type EventSales,
  type EventSalesQuery,
  type SeatAdjustmentResult,
  type TxContext,
} from '@aquastream/application';
import { ACTIVE_BOOKING_STATUSES, type Booking, type BookingStatus, type Instant } from '@aquastream/domain';
import { Op, QueryTypes, UniqueConstraintError, fn, col, literal, type Model, type ModelStatic, type Sequelize, type WhereOptions } from 'sequelize';
import type { Database } from './database.js';
import { bookingColumns, bookingModel, bookingOfRow, dayKey, toBooking, type BookingRow } from './models/booking.model.js';
import { sqlTransaction } from './sql-unit-of-work.js';


const snake = (k: string): string => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
let insertSql: { readonly columns: readonly string[]; readonly sql: string } | null = null;

/** The INSERT of a whole row (the model's attributes, snake_case in the table), built once. */
function insertStatement(columns: Record<string, unknown>): { readonly columns: readonly string[]; readonly sql: string } {
  if (insertSql !== null) return insertSql;
  const names = Object.keys(columns);
  insertSql = {
    columns: names,
    sql: `INSERT INTO bookings (${names.map(snake).join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`,
  };
  return insertSql;
}

let reserveAndInsertSql: { readonly columns: readonly string[]; readonly snakeColumns: readonly string[]; readonly sql: string } | null = null;

/**
 * insertReservingSeats' statement, built once: the seat UPDATEs of adjustSeats (event first; the option's gated on
 * the event's) and the INSERT gated on both. $1 event, $2 seats, $3 option, $4 the row as JSON.
 */
function reserveAndInsertStatement(columns: Record<string, unknown>): NonNullable<typeof reserveAndInsertSql> {
  if (reserveAndInsertSql !== null) return reserveAndInsertSql;
  const names = insertStatement(columns).columns;
  const snakeColumns = names.map(snake);
  const list = snakeColumns.join(', ');
  reserveAndInsertSql = {
    columns: names,
    snakeColumns,
    sql: `WITH e AS (
         UPDATE events SET seats_taken = seats_taken + $2::int
          WHERE id = $1 AND seats_taken + $2::int >= 0 AND seats_taken + $2::int <= capacity AND status = 'PUBLISHED'
          RETURNING id),
       o AS (
         UPDATE price_options SET seats_taken = seats_taken + $2::int
          WHERE id = $3 AND event_id = $1 AND removed_at IS NULL AND seats_taken + $2::int >= 0
            AND (quantity IS NULL OR seats_taken + $2::int <= quantity) AND EXISTS (SELECT 1 FROM e)
          RETURNING id),
       b AS (
         INSERT INTO bookings (${list})
         SELECT ${list} FROM json_populate_record(NULL::bookings, $4::json) WHERE EXISTS (SELECT 1 FROM o)
         RETURNING id)
       SELECT (SELECT count(*) FROM e)::int AS e, (SELECT count(*) FROM o)::int AS o, (SELECT count(*) FROM b)::int AS b,
              (SELECT status FROM events WHERE id = $1) AS status`,
  };
  return reserveAndInsertSql;
}

const HAS_ACTIVE_BOOKING = `SELECT 1 AS found FROM bookings WHERE event_id = $1 AND user_id = $2 AND status IN (${ACTIVE_BOOKING_STATUSES.map(
  (s) => `'${s}'`,
).join(', ')}) LIMIT 1`;

const ALL_STATUSES: readonly BookingStatus[] = ['PENDING_PAYMENT', 'CONFIRMED', 'CANCELED', 'EXPIRED'];

/** Which of the table's uniqueness rules refused a write, named as the port names it; `null` for any other. */
function bookingConstraint(error: UniqueConstraintError): string | null {
  const parent = error.parent as { constraint?: string; message?: string } | undefined;
  const text = [parent?.constraint, parent?.message, error.message, ...Object.keys(error.fields ?? {})].join(' ');
  if (/ticket_code/.test(text)) return 'booking_ticket_code';
  if (/active_per_user|event_id/.test(text)) return 'booking_active_per_user';
  return null;
}

function translated(error: unknown): unknown {
  if (!(error instanceof UniqueConstraintError)) return error;
  const constraint = bookingConstraint(error);
  return constraint === null ? error : new ConflictError(constraint);
}

export class SqlBookingRepository implements BookingRepository {
  private readonly bookings: ModelStatic<Model>;
  private readonly sequelize: Sequelize;
  private readonly postgres: boolean;

  constructor(db: Database) {
    this.sequelize = db.sequelize;
    this.postgres = db.dialect === 'postgres';
    this.bookings = bookingModel(db.sequelize);
    if (this.postgres) this.insertReservingSeats = (tx, booking) => this.insertReservingSeatsPg(tx, booking);
  }

  async insert(tx: TxContext, booking: Booking): Promise<void> {
    try {
      if (this.postgres) {
        // The hot path of every booking: a plain parameterised INSERT, without building and validating a model instance.
        const columns: Record<string, unknown> = { id: booking.id, ...bookingColumns(booking) };
        const statement = insertStatement(columns);
        const values = statement.columns.map((k) => {
          const v = columns[k];
          return v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v;
        });
        await this.sequelize.query(statement.sql, { type: QueryTypes.INSERT, bind: values, transaction: sqlTransaction(tx) });
        return;
      }
      await this.bookings.create({ id: booking.id, ...bookingColumns(booking) }, { transaction: sqlTransaction(tx) });
    } catch (error: unknown) {
      throw translated(error);
    }
  }

  /**
   * PostgreSQL only (absent on SQLite): the seat UPDATEs of adjustSeats (event, then the booking's option, gated on
   * the event's as there) and the INSERT, gated on both, in one statement — so a booking holds the event's row lock
   * for this statement and COMMIT only. The row comes in as one JSON parameter typed by the table itself
   * (json_populate_record), so no column needs a cast here.
   */
  readonly insertReservingSeats?: (tx: TxContext, booking: Booking) => Promise<SeatAdjustmentResult>;

  private async insertReservingSeatsPg(tx: TxContext, booking: Booking): Promise<SeatAdjustmentResult> {
    const transaction = sqlTransaction(tx);
    const columns: Record<string, unknown> = { id: booking.id, ...bookingColumns(booking) };
    const statement = reserveAndInsertStatement(columns);
    const row: Record<string, unknown> = {};
    for (let i = 0; i < statement.columns.length; i += 1) row[statement.snakeColumns[i]!] = columns[statement.columns[i]!];
    let result: { e: number; o: number; b: number; status: string | null } | undefined;
    try {
      [result] = await this.sequelize.query<{ e: number; o: number; b: number; status: string | null }>(
        statement.sql,
        { type: QueryTypes.SELECT, bind: [booking.eventId, booking.quantity, booking.priceOptionId, JSON.stringify(row)], transaction },
      );
    } catch (error: unknown) {
      throw translated(error);
    }
    if (result === undefined || result.e === 0) {
      return result === undefined || result.status !== 'PUBLISHED' ? 'NOT_BOOKABLE' : 'EVENT_FULL';
    }
    if (result.o === 0) {
      // The event's seats were taken but the option refused: give them back, so that the refusal writes nothing.
      await this.sequelize.query('UPDATE events SET seats_taken = seats_taken - $2::int WHERE id = $1', {
        type: QueryTypes.UPDATE,
        bind: [booking.eventId, booking.quantity],
        transaction,
      });
      return 'PRICE_OPTION_SOLD_OUT';
    }
    if (result.b !== 1) throw new Error(`booking ${booking.id}: the insert wrote ${result.b} rows`);
    return 'OK';
  }

  async findById(tx: TxContext | null, id: string): Promise<Booking | null> {
    const row = await this.bookings.findByPk(id, { transaction: sqlTransaction(tx) });
    return row ? toBooking(row) : null;
  }

  async findByTicketCode(tx: TxContext | null, ticketCode: string): Promise<Booking | null> {
    const row = await this.bookings.findOne({ where: { ticketCode }, transaction: sqlTransaction(tx) });
    return row ? toBooking(row) : null;
  }

  async transition(tx: TxContext, next: Booking, expectedStatus: BookingStatus): Promise<boolean> {
    const { createdAt: _created, ...columns } = bookingColumns(next);
    try {
      const [count] = await this.bookings.update(columns, {
        where: {
          id: next.id,
          status: expectedStatus,
          // A stored check-in time is never cleared nor moved, so of two scans racing one writes.
          [Op.or]: [{ checkedInAt: null }, { checkedInAt: next.checkedInAt === null ? null : new Date(next.checkedInAt) }],
        },
        transaction: sqlTransaction(tx),
      });
      return count > 0;
    } catch (error: unknown) {
      throw translated(error);
    }
  }

  async hasActiveBooking(tx: TxContext | null, eventId: string, userId: string): Promise<boolean> {
    // On every booking's path: plain parameterised SQL, no finder to build.
    const rows = await this.sequelize.query(HAS_ACTIVE_BOOKING, { type: QueryTypes.SELECT, bind: [eventId, userId], transaction: sqlTransaction(tx) });
    return rows.length > 0;
  }


  async list(query: BookingQuery): Promise<{ items: Booking[]; total: number }> {
    const where: WhereOptions[] = [];
    if (query.userId !== undefined) where.push({ userId: query.userId });
    if (query.eventId !== undefined) where.push({ eventId: query.eventId });
    if (query.statuses !== undefined) where.push({ status: [...query.statuses] });
    if (query.organizationIds !== undefined) {
      const ids = query.organizationIds.length === 0 ? 'NULL' : query.organizationIds.map((id) => this.sequelize.escape(id)).join(', ');
      where.push({ eventId: { [Op.in]: literal(`(SELECT id FROM events WHERE organization_id IN (${ids}))`) } });
    }
    const { rows, count } = await this.bookings.findAndCountAll({
      where: { [Op.and]: where },
      order: [
        ['createdAt', 'DESC'],
        ['id', 'DESC'],
      ],
      limit: query.size,
      offset: offsetOf(query),
    });
    return { items: rows.map(toBooking), total: count };
  }

  async listByEvent(tx: TxContext | null, eventId: string, statuses?: readonly BookingStatus[]): Promise<Booking[]> {
    const rows = await this.bookings.findAll({
      where: statuses === undefined ? { eventId } : { eventId, status: [...statuses] },
      order: [
        ['createdAt', 'ASC'],
        ['id', 'ASC'],
      ],
      transaction: sqlTransaction(tx),
    });
    return rows.map(toBooking);
  }

  async findExpiryCandidates(cutoff: Instant, limit: number, filter: { readonly openPayment?: boolean } = {}): Promise<Booking[]> {
    const open = `EXISTS (SELECT 1 FROM payments p WHERE p.booking_id = "Booking"."id" AND p.status = 'INITIATED')`;
    const payment = filter.openPayment === undefined ? [] : [literal(filter.openPayment ? open : `NOT ${open}`)];
    const rows = await this.bookings.findAll({
      where: { status: 'PENDING_PAYMENT', paymentDeadline: { [Op.lt]: new Date(cutoff) }, [Op.and]: payment },
      order: [
        ['paymentDeadline', 'ASC'],
        ['id', 'ASC'],
      ],
      limit,
      // Thousands at a time for the set-based expiry: plain rows, no model instances.
      raw: true,
    });
    return (rows as unknown as BookingRow[]).map(bookingOfRow);
  }

  async transitionStatuses(tx: TxContext, next: readonly Booking[], expectedStatus: BookingStatus): Promise<string[]> {
    if (next.length === 0) return [];
    const transaction = sqlTransaction(tx);
    if (this.postgres) {
      const [first] = next;
      if (first !== undefined && next.every((b) => b.status === first.status && b.updatedAt === first.updatedAt)) {
        // The usual batch (an expiry): one status and one time for all, so only the ids travel as an array.
        const rows = await this.sequelize.query<{ id: string }>(
          'UPDATE bookings SET status = $1, updated_at = $2 WHERE id = ANY($3::uuid[]) AND status = $4 RETURNING id',
          { type: QueryTypes.SELECT, bind: [first.status, new Date(first.updatedAt), next.map((b) => b.id), expectedStatus], transaction },
        );
        return rows.map((r) => r.id);
      }
      // One statement for the whole batch, the values as three array parameters; each row keeps its own CAS.
      const rows = await this.sequelize.query<{ id: string }>(
        `UPDATE bookings AS b SET status = v.status, updated_at = v.updated_at
           FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS v(id, status, updated_at)
          WHERE b.id = v.id AND b.status = $4 RETURNING b.id`,
        {
          type: QueryTypes.SELECT,
          bind: [next.map((b) => b.id), next.map((b) => b.status), next.map((b) => new Date(b.updatedAt)), expectedStatus],
          transaction,
        },
      );
      return rows.map((r) => r.id);
    }
    const written: string[] = [];
    for (const b of next) {
      const [count] = await this.bookings.update(
        { status: b.status, updatedAt: new Date(b.updatedAt) },
        { where: { id: b.id, status: expectedStatus }, transaction },
      );
      if (count > 0) written.push(b.id);
    }
    return written;
  }

  async findConfirmedStartingBetween(from: Instant, to: Instant, limit: number, afterId: string | null): Promise<Booking[]> {
    const starting = `(SELECT id FROM events WHERE starts_at >= ${this.sequelize.escape(new Date(from))} AND starts_at < ${this.sequelize.escape(new Date(to))})`;
    const rows = await this.bookings.findAll({
      where: {
        status: 'CONFIRMED',
        eventId: { [Op.in]: literal(starting) },
        ...(afterId === null ? {} : { id: { [Op.gt]: afterId } }),
      },
      order: [['id', 'ASC']],
      limit,
    });
    return rows.map(toBooking);
  }

  async countByStatus(eventId: string): Promise<BookingStatusCounts> {
    const rows = (await this.bookings.findAll({
      attributes: ['status', [fn('COUNT', col('id')), 'n']],
      where: { eventId },
      group: ['status'],
      raw: true,
    })) as unknown as { status: BookingStatus; n: number | string }[];
    const counts = Object.fromEntries(ALL_STATUSES.map((s) => [s, 0])) as Record<BookingStatus, number>;
    for (const r of rows) counts[r.status] = Number(r.n);
    return counts;
  }

  async salesSummary(eventId: string, timeZone: string) {
    const [sold] = (await this.bookings.findAll({
      attributes: [
        [fn('COALESCE', fn('SUM', col('quantity')), 0), 'tickets'],
        [fn('COALESCE', fn('SUM', col('paid_amount')), 0), 'revenue'],
      ],
      where: { eventId, status: 'CONFIRMED' },
      raw: true,
    })) as unknown as { tickets: number | string; revenue: number | string }[];
    const created = (await this.bookings.findAll({ attributes: ['createdAt'], where: { eventId }, raw: true })) as unknown as {
      createdAt: Date | string;
    }[];
    const bookingsByDay: Record<string, number> = {};
    for (const r of created) {
      const day = dayKey(new Date(r.createdAt).getTime(), timeZone);
      bookingsByDay[day] = (bookingsByDay[day] ?? 0) + 1;
    }
    return { ticketsSold: Number(sold?.tickets ?? 0), revenueAmount: Number(sold?.revenue ?? 0), bookingsByDay };
  }

  async topSellingEvents(query: EventSalesQuery): Promise<EventSales[]> {
    const window: WhereOptions[] = [];
    if (query.from !== undefined) window.push({ createdAt: { [Op.gte]: new Date(query.from) } });
    if (query.to !== undefined) window.push({ createdAt: { [Op.lt]: new Date(query.to) } });
    const confirmed = (expr: string) => fn('COALESCE', literal(`SUM(CASE WHEN status = 'CONFIRMED' THEN ${expr} ELSE 0 END)`), 0);
    const rows = (await this.bookings.findAll({
      attributes: [
        [col('event_id'), 'eventId'],
        [fn('COUNT', col('id')), 'total'],
        [confirmed('1'), 'confirmed'],
        [confirmed('quantity'), 'tickets'],
        [confirmed('paid_amount'), 'revenue'],
      ],
      where: { [Op.and]: window },
      group: [col('event_id')],
      order: [
        [literal('tickets'), 'DESC'],
        [literal('revenue'), 'DESC'],
        [col('event_id'), 'ASC'],
      ],
      limit: query.limit,
      raw: true,
    })) as unknown as { eventId: string; total: number | string; confirmed: number | string; tickets: number | string; revenue: number | string }[];
    return rows.map((r) => ({
      eventId: r.eventId,
      totalBookings: Number(r.total),
      confirmedBookings: Number(r.confirmed),
      ticketsSold: Number(r.tickets),
      revenueAmount: Number(r.revenue),
    }));
  }
}
