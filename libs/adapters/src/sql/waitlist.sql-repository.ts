import {
  ConflictError,
  WAITLIST_ACTIVE_PER_USER,
  type PageRequest,
  type TxContext,
  type WaitlistEventQuery,
  type WaitlistRepository,
} from '@aquastream/application';
import type { Instant, WaitlistEntry, WaitlistStatus } from '@aquastream/domain';
import { Op, QueryTypes, UniqueConstraintError, type Order, type WhereOptions } from 'sequelize';
import type { Database } from './database.js';
import {
  date,
  dateOrNull,
  toEntry,
  toRow,
  waitlistEntryModel,
  type WaitlistEntryRow as Row,
  type WaitlistModel,
} from './models/waitlist-entry.model.js';
import { sqlTransaction } from './sql-unit-of-work.js';

const LINE_ORDER: Order = [
  ['priority', 'ASC'],
  ['joinedAt', 'ASC'],
  ['id', 'ASC'],
];
const ACTIVE: WaitlistStatus[] = ['WAITING', 'OFFERED'];

/** The driver's report of the partial unique index (PostgreSQL names it; SQLite names its columns). */
function isActivePerUserViolation(e: UniqueConstraintError): boolean {
  const constraint = (e.parent as { constraint?: unknown } | undefined)?.constraint;
  if (constraint === WAITLIST_ACTIVE_PER_USER) return true;
  const fields: unknown = e.fields;
  const names = Array.isArray(fields) ? (fields as unknown[]) : Object.keys(fields ?? {});
  return names.includes('event_id') && names.includes('user_id');
}

async function translateConflicts<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof UniqueConstraintError && isActivePerUserViolation(e)) throw new ConflictError(WAITLIST_ACTIVE_PER_USER);
    throw e;
  }
}

/** The waitlist on Sequelize (SQLite and PostgreSQL); `waitlist_entries` comes from migration 0004. */
export class SqlWaitlistRepository implements WaitlistRepository {
  private readonly model: WaitlistModel;

  constructor(private readonly db: Database) {
    this.model = waitlistEntryModel(db.sequelize);
  }

  async lockLine(tx: TxContext, eventId: string): Promise<void> {
    // SQLite transactions already run one at a time (SqlUnitOfWork); PostgreSQL takes the event's row lock, the
    // one adjustSeats takes too, so a seat change and an offer never lock in opposite orders.
    if (this.db.dialect !== 'postgres') return;
    await this.db.sequelize.query('SELECT id FROM events WHERE id = :eventId FOR UPDATE', {
      replacements: { eventId },
      type: QueryTypes.SELECT,
      transaction: sqlTransaction(tx),
    });
  }

  async insert(tx: TxContext, entry: WaitlistEntry): Promise<void> {
    await translateConflicts(() => this.model.create(toRow(entry), { transaction: sqlTransaction(tx) }));
  }

  async findById(tx: TxContext | null, id: string): Promise<WaitlistEntry | null> {
    const row = await this.model.findByPk(id, { transaction: sqlTransaction(tx), raw: true });
    return row ? toEntry(row as unknown as Row) : null;
  }

  async transition(tx: TxContext, next: WaitlistEntry, expectedStatus: WaitlistStatus): Promise<boolean> {
    const [count] = await translateConflicts(() =>
      this.model.update(
        {
          status: next.status,
          priority: next.priority,
          priceOptionId: next.priceOptionId,
          offeredAt: dateOrNull(next.offeredAt),
          offerExpiresAt: dateOrNull(next.offerExpiresAt),
          bookingId: next.bookingId,
          updatedAt: date(next.updatedAt),
        },
        { where: { id: next.id, status: expectedStatus }, transaction: sqlTransaction(tx) },
      ),
    );
    return count === 1;
  }

  waitingLine(tx: TxContext, eventId: string): Promise<readonly WaitlistEntry[]> {
    return this.listByEvent(tx, eventId, ['WAITING']);
  }

  async listByEvent(tx: TxContext | null, eventId: string, statuses?: readonly WaitlistStatus[]): Promise<readonly WaitlistEntry[]> {
    if (statuses?.length === 0) return [];
    const rows = await this.model.findAll({
      where: { eventId, ...(statuses ? { status: { [Op.in]: [...statuses] } } : {}) },
      order: LINE_ORDER,
      transaction: sqlTransaction(tx),
      raw: true,
    });
    return rows.map((r) => toEntry(r as unknown as Row));
  }

  async pageByEvent(eventId: string, query: WaitlistEventQuery): Promise<{ readonly items: readonly WaitlistEntry[]; readonly total: number }> {
    if (query.statuses?.length === 0) return { items: [], total: 0 };
    const where: WhereOptions<Row> = { eventId, ...(query.statuses ? { status: { [Op.in]: [...query.statuses] } } : {}) };
    return this.page(where, LINE_ORDER, query);
  }

  listForUser(userId: string, page: PageRequest): Promise<{ readonly items: readonly WaitlistEntry[]; readonly total: number }> {
    return this.page(
      { userId },
      [
        ['joinedAt', 'DESC'],
        ['id', 'DESC'],
      ],
      page,
    );
  }

  countActive(tx: TxContext | null, eventId: string): Promise<number> {
    return this.model.count({ where: { eventId, status: { [Op.in]: ACTIVE } }, transaction: sqlTransaction(tx) });
  }

  async eventsWithWaiting(tx: TxContext | null, eventIds: readonly string[]): Promise<readonly string[]> {
    if (eventIds.length === 0) return [];
    const rows = (await this.model.findAll({
      attributes: ['eventId'],
      where: { eventId: [...new Set(eventIds)], status: 'WAITING' },
      group: ['eventId'],
      raw: true,
      transaction: sqlTransaction(tx),
    })) as unknown as { eventId: string }[];
    return rows.map((r) => r.eventId);
  }

  async hasActiveEntry(tx: TxContext | null, eventId: string, userId: string): Promise<boolean> {
    const row = await this.model.findOne({
      attributes: ['id'],
      where: { eventId, userId, status: { [Op.in]: ACTIVE } },
      transaction: sqlTransaction(tx),
      raw: true,
    });
    return row !== null;
  }

  async findExpiredOffers(now: Instant, limit: number): Promise<readonly WaitlistEntry[]> {
    const rows = await this.model.findAll({
      where: { status: 'OFFERED', offerExpiresAt: { [Op.lt]: date(now) } },
      order: [
        ['offerExpiresAt', 'ASC'],
        ['id', 'ASC'],
      ],
      limit,
      raw: true,
    });
    return rows.map((r) => toEntry(r as unknown as Row));
  }

  async positions(tx: TxContext | null, entryIds: readonly string[]): Promise<ReadonlyMap<string, number>> {
    if (entryIds.length === 0) return new Map();
    // One correlated count per asked entry, served by the (event_id, status, priority, joined_at) index; the
    // tie-breaks are those of the domain's compareWaitlistOrder (ids compare the same as text and as uuid).
    const rows = await this.db.sequelize.query<{ id: string; ahead: number | string }>(
      `SELECT w.id AS id,
              (SELECT COUNT(*) FROM waitlist_entries a
                WHERE a.event_id = w.event_id AND a.status = 'WAITING'
                  AND (a.priority < w.priority
                       OR (a.priority = w.priority AND (a.joined_at < w.joined_at
                           OR (a.joined_at = w.joined_at AND a.id < w.id))))) AS ahead
         FROM waitlist_entries w
        WHERE w.id IN (:ids) AND w.status = 'WAITING'`,
      { replacements: { ids: [...entryIds] }, type: QueryTypes.SELECT, transaction: sqlTransaction(tx) },
    );
    return new Map(rows.map((r) => [r.id, Number(r.ahead) + 1]));
  }

  private async page(
    where: WhereOptions<Row>,
    order: Order,
    page: PageRequest,
  ): Promise<{ readonly items: readonly WaitlistEntry[]; readonly total: number }> {
    const { rows, count } = await this.model.findAndCountAll({
      where,
      order,
      limit: page.size,
      offset: (page.page - 1) * page.size,
      raw: true,
    });
    return { items: rows.map((r) => toEntry(r as unknown as Row)), total: count };
  }
}
