import {
  ConflictError,
  offsetOf,
  type CatalogueQuery,
  type EventRecord,
  type EventRepository,
  type SeatAdjustment,
  type SeatAdjustmentResult,
  type TxContext,
} from '@aquastream/application';
import type { Instant } from '@aquastream/domain';
import { literal, Op, UniqueConstraintError, type FindOptions, type Transaction } from 'sequelize';
import type { Database } from './database.js';
import { catalogueOrder, catalogueWhere } from './event-catalogue.sql.js';
import { eventColumns, eventModels, toRecord, type EventModel, type EventRow, type PriceOptionModel, type PriceOptionRow } from './models/event.model.js';
import { sqlTransaction } from './sql-unit-of-work.js';

/** Thrown inside update's savepoint to undo what it wrote when a condition fails; never escapes. */
class ConditionFailed extends Error {}

function assertDelta(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new Error(`${what} must be an integer, got ${n}`);
}

const TERMINAL = ['CANCELED', 'COMPLETED'];

/**
 * Events on SQLite and PostgreSQL. Seat counters change only through conditional UPDATEs (adjustSeats), edits only
 * through a version check (update); both take the event's row lock first, so on PostgreSQL every path that touches an
 * event's counters locks event → options in that order and none can deadlock with another.
 */
export class SqlEventRepository implements EventRepository {
  private readonly Event: EventModel;
  private readonly PriceOption: PriceOptionModel;

  constructor(private readonly db: Database) {
    ({ Event: this.Event, PriceOption: this.PriceOption } = eventModels(db.sequelize));
  }

  /** Plain rows (`raw`): the typings do not narrow on it, the values are the same. */
  private async eventRows(options: FindOptions<EventRow>): Promise<EventRow[]> {
    return (await this.Event.findAll({ ...options, raw: true })) as unknown as EventRow[];
  }

  private async optionRows(options: FindOptions<PriceOptionRow>): Promise<PriceOptionRow[]> {
    return (await this.PriceOption.findAll({ ...options, raw: true })) as unknown as PriceOptionRow[];
  }

  async insert(tx: TxContext, record: EventRecord): Promise<void> {
    const transaction = sqlTransaction(tx);
    const { state } = record;
    try {
      await this.Event.create(
        {
          id: state.id,
          ...eventColumns(record),
          seatsTaken: state.seatsTaken,
          avgRating: record.avgRating,
          reviewCount: record.reviewCount,
          version: record.version,
          createdAt: new Date(record.createdAt),
        },
        { transaction },
      );
    } catch (e) {
      if (e instanceof UniqueConstraintError) throw new ConflictError('events_pkey', `event ${state.id} exists`);
      throw e;
    }
    if (state.priceOptions.length === 0) return;
    await this.PriceOption.bulkCreate(
      state.priceOptions.map((o, position) => ({
        id: o.id,
        eventId: state.id,
        name: o.name,
        description: record.details.priceOptionDescriptions[o.id] ?? null,
        price: o.price,
        quantity: o.quantity,
        seatsTaken: o.seatsTaken,
        active: o.active,
        position,
        removedAt: null,
      })),
      { transaction },
    );
  }

  async findById(tx: TxContext | null, id: string): Promise<EventRecord | null> {
    return (await this.findByIds(tx, [id]))[0] ?? null;
  }

  async findByIds(tx: TxContext | null, ids: readonly string[]): Promise<readonly EventRecord[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const transaction = sqlTransaction(tx);
    const rows = await this.eventRows({ where: { id: unique }, transaction });
    const records = await this.hydrate(rows, transaction);
    const byId = new Map(records.map((r) => [r.state.id, r]));
    return unique.flatMap((id) => byId.get(id) ?? []);
  }

  private async hydrate(rows: readonly EventRow[], transaction: Transaction | undefined): Promise<EventRecord[]> {
    if (rows.length === 0) return [];
    const options = await this.optionRows({
      where: { eventId: rows.map((r) => r.id), removedAt: null },
      order: [['eventId', 'ASC'], ['position', 'ASC']],
      transaction,
    });
    const byEvent = new Map<string, PriceOptionRow[]>();
    for (const o of options) byEvent.set(o.eventId, [...(byEvent.get(o.eventId) ?? []), o]);
    return rows.map((r) => toRecord(r, byEvent.get(r.id) ?? []));
  }

  async update(tx: TxContext, record: EventRecord, expectedVersion: number): Promise<boolean> {
    const outer = sqlTransaction(tx);
    const { state } = record;
    try {
      // A savepoint: when an option's condition fails after the event row was written, all of it is undone.
      await this.db.sequelize.transaction({ transaction: outer }, async (transaction) => {
        const [written] = await this.Event.update(
          { ...eventColumns(record), version: expectedVersion + 1 },
          {
            where: { id: state.id, version: expectedVersion, seatsTaken: { [Op.lte]: state.capacity } },
            transaction,
          },
        );
        if (written === 0) throw new ConditionFailed();
        await this.replaceOptions(record, transaction);
      });
      return true;
    } catch (e) {
      if (e instanceof ConditionFailed) return false;
      throw e;
    }
  }

  /** Options by id: kept ones rewritten (their quota not below their seats), new ones added, missing ones removed. */
  private async replaceOptions(record: EventRecord, transaction: Transaction): Promise<void> {
    const { state, details } = record;
    const stored = await this.optionRows({ where: { eventId: state.id, removedAt: null }, transaction });
    const storedIds = new Set(stored.map((o) => o.id));
    for (const [position, o] of state.priceOptions.entries()) {
      const columns = { name: o.name, description: details.priceOptionDescriptions[o.id] ?? null, price: o.price, quantity: o.quantity, active: o.active, position };
      if (!storedIds.has(o.id)) {
        await this.PriceOption.create({ id: o.id, eventId: state.id, seatsTaken: 0, removedAt: null, ...columns }, { transaction });
        continue;
      }
      const quota = o.quantity === null ? {} : { seatsTaken: { [Op.lte]: o.quantity } };
      const [written] = await this.PriceOption.update(columns, { where: { id: o.id, eventId: state.id, ...quota }, transaction });
      if (written === 0) throw new ConditionFailed();
    }
    const kept = new Set(state.priceOptions.map((o) => o.id));
    for (const o of stored) {
      if (kept.has(o.id)) continue;
      const [removed] = await this.PriceOption.update(
        { removedAt: new Date(record.updatedAt) },
        { where: { id: o.id, seatsTaken: 0 }, transaction },
      );
      if (removed === 0) throw new ConditionFailed();
    }
  }

  async delete(tx: TxContext, id: string): Promise<void> {
    // price_options and event_faqs go with it (ON DELETE CASCADE).
    await this.Event.destroy({ where: { id }, transaction: sqlTransaction(tx) });
  }

  /**
   * The event's counter first, in one conditional UPDATE (which also takes the row lock), then the option's. When the
   * option's condition fails, the event's change is undone by the inverse UPDATE in the same transaction: the row is
   * locked by this transaction since the first statement, so the inverse restores exactly the value it had. The
   * reason names the counter whose condition failed: the event's (either bound) → EVENT_FULL, the option's →
   * PRICE_OPTION_SOLD_OUT, the status (or a missing event) → NOT_BOOKABLE.
   */
  async adjustSeats(tx: TxContext, eventId: string, change: SeatAdjustment): Promise<SeatAdjustmentResult> {
    const transaction = sqlTransaction(tx);
    const d = change.eventDelta;
    assertDelta(d, 'eventDelta');
    const published = change.requirePublished ? ` AND status = 'PUBLISHED'` : '';
    const [eventRows] = await this.Event.update(
      { seatsTaken: literal(`seats_taken + (${d})`) },
      { where: { id: eventId, [Op.and]: [literal(`seats_taken + (${d}) >= 0 AND seats_taken + (${d}) <= capacity${published}`)] }, transaction },
    );
    if (eventRows === 0) {
      const [row] = await this.eventRows({ where: { id: eventId }, attributes: ['status'], transaction });
      return row === undefined || (change.requirePublished && row.status !== 'PUBLISHED') ? 'NOT_BOOKABLE' : 'EVENT_FULL';
    }
    if (change.option === null) return 'OK';
    const od = change.option.delta;
    assertDelta(od, 'option.delta');
    const [optionRows] = await this.PriceOption.update(
      { seatsTaken: literal(`seats_taken + (${od})`) },
      {
        where: {
          id: change.option.id,
          eventId,
          removedAt: null,
          [Op.and]: [literal(`seats_taken + (${od}) >= 0 AND (quantity IS NULL OR seats_taken + (${od}) <= quantity)`)],
        },
        transaction,
      },
    );
    if (optionRows === 0) {
      if (d !== 0) await this.Event.update({ seatsTaken: literal(`seats_taken - (${d})`) }, { where: { id: eventId }, transaction });
      return 'PRICE_OPTION_SOLD_OUT';
    }
    return 'OK';
  }

  async overwriteSeatCounters(tx: TxContext, eventId: string, seatsTaken: number, byOption: Readonly<Record<string, number>>): Promise<void> {
    const transaction = sqlTransaction(tx);
    await this.Event.update({ seatsTaken }, { where: { id: eventId }, transaction });
    const options = await this.optionRows({ where: { eventId }, attributes: ['id'], transaction });
    for (const o of options) {
      await this.PriceOption.update({ seatsTaken: byOption[o.id] ?? 0 }, { where: { id: o.id }, transaction });
    }
  }

  async setReviewStats(tx: TxContext, eventId: string, avgRating: number | null, reviewCount: number): Promise<void> {
    await this.Event.update({ avgRating, reviewCount }, { where: { id: eventId }, transaction: sqlTransaction(tx) });
  }

  async search(query: CatalogueQuery): Promise<{ readonly items: readonly EventRecord[]; readonly total: number }> {
    const where = catalogueWhere(this.db.sequelize, this.db.dialect, query);
    const [total, rows] = await Promise.all([
      this.Event.count({ where }),
      this.eventRows({ where, order: catalogueOrder(query.sort), limit: query.size, offset: offsetOf(query) }),
    ]);
    return { items: await this.hydrate(rows, undefined), total };
  }

  async findDueForPublishing(now: Instant, limit: number): Promise<readonly EventRecord[]> {
    const rows = await this.eventRows({
      where: { status: 'SCHEDULED', publishAt: { [Op.lte]: new Date(now) } },
      order: [['publishAt', 'ASC'], ['id', 'ASC']],
      limit,
    });
    return this.hydrate(rows, undefined);
  }

  async findDueForCompletion(now: Instant, limit: number): Promise<readonly EventRecord[]> {
    const at = new Date(now);
    // starts_at <= now holds for every due event (ends_at is after starts_at), so the (status, starts_at) index applies.
    const rows = await this.eventRows({
      where: {
        status: 'PUBLISHED',
        startsAt: { [Op.lte]: at },
        [Op.or]: [{ endsAt: null }, { endsAt: { [Op.lte]: at } }],
      },
      order: [['startsAt', 'ASC'], ['id', 'ASC']],
      limit,
    });
    return this.hydrate(rows, undefined);
  }

  async findCrewRetryDue(now: Instant, limit: number): Promise<readonly EventRecord[]> {
    const rows = await this.eventRows({
      where: {
        crewStatus: 'PENDING',
        status: { [Op.notIn]: TERMINAL },
        [Op.or]: [{ crewNextAttemptAt: null }, { crewNextAttemptAt: { [Op.lte]: new Date(now) } }],
      },
      order: [literal('crew_next_attempt_at ASC NULLS FIRST'), ['id', 'ASC']],
      limit,
    });
    return this.hydrate(rows, undefined);
  }

  async listIds(afterId: string | null, limit: number): Promise<readonly string[]> {
    const rows = await this.eventRows({
      attributes: ['id'],
      where: afterId === null ? {} : { id: { [Op.gt]: afterId } },
      order: [['id', 'ASC']],
      limit,
    });
    return rows.map((r) => r.id);
  }
}
