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
import type { Instant } from '@aquastream/domain';
import { literal, Op, QueryTypes, UniqueConstraintError, type FindOptions, type Transaction } from 'sequelize';
import type { Database } from './database.js';
import { catalogueOrder, catalogueWhere } from './event-catalogue.sql.js';
import { EVENT_MODEL, eventColumns, eventModels, toRecord, type EventModel, type EventRow, type PriceOptionModel, type PriceOptionRow } from './models/event.model.js';
import { sqlTransaction } from './sql-unit-of-work.js';

/** An event's live options as PriceOptionRow objects, for the single-statement read on PostgreSQL. */
const OPTIONS_JSON = `COALESCE((SELECT json_agg(json_build_object('id', po.id, 'eventId', po.event_id, 'name', po.name,
  'description', po.description, 'price', po.price, 'quantity', po.quantity, 'seatsTaken', po.seats_taken, 'active', po.active,
  'position', po.position, 'removedAt', po.removed_at) ORDER BY po.position)
  FROM price_options po WHERE po.event_id = "${EVENT_MODEL}"."id" AND po.removed_at IS NULL), '[]'::json)`;

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

  /** The PostgreSQL read of events by id with their options, as the model's raw finder would write it, built once. */
  private readonly byIdsPg: string;

  constructor(private readonly db: Database) {
    ({ Event: this.Event, PriceOption: this.PriceOption } = eventModels(db.sequelize));
    // Plain SQL rather than a finder: every booking reads its event, and building the query was most of the read's cost.
    const columns = Object.entries(this.Event.getAttributes()).map(([name, a]) =>
      a.field === undefined || a.field === name ? `"${EVENT_MODEL}"."${name}"` : `"${EVENT_MODEL}"."${a.field}" AS "${name}"`,
    );
    this.byIdsPg = `SELECT ${columns.join(', ')}, ${OPTIONS_JSON} AS "optionsJson"
      FROM "${this.Event.getTableName() as string}" AS "${EVENT_MODEL}" WHERE "${EVENT_MODEL}"."id" = ANY($1::uuid[])`;
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
    // PostgreSQL: the options come in the same statement (one round trip per read on the booking path).
    const records =
      this.db.dialect === 'postgres'
        ? (
            await this.db.sequelize.query<EventRow & { optionsJson: PriceOptionRow[] }>(this.byIdsPg, {
              type: QueryTypes.SELECT,
              bind: [unique],
              transaction,
            })
          ).map(({ optionsJson, ...row }) => toRecord(row, optionsJson))
        : await this.hydrate(await this.eventRows({ where: { id: unique }, transaction }), transaction);
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
    if (this.db.dialect === 'postgres' && change.option !== null) return this.adjustBothPg(transaction, eventId, change);
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

  async lockMany(tx: TxContext, ids: readonly string[]): Promise<readonly EventRecord[]> {
    const unique = [...new Set(ids)].sort();
    if (unique.length === 0) return [];
    const transaction = sqlTransaction(tx);
    // ORDER BY under FOR UPDATE: PostgreSQL locks the rows as they come out sorted, so in id order.
    const rows = await this.eventRows({ where: { id: unique }, order: [['id', 'ASC']], lock: true, transaction });
    return this.hydrate(rows, transaction);
  }

  async releaseSeats(tx: TxContext, releases: readonly SeatRelease[]): Promise<readonly string[]> {
    if (releases.length === 0) return [];
    const options = releases.flatMap((r) => Object.entries(r.byOption).map(([id, n]) => ({ eventId: r.eventId, id, n })));
    for (const r of releases) assertDelta(r.seats, 'seats');
    for (const o of options) assertDelta(o.n, 'option seats');
    const transaction = sqlTransaction(tx);
    const eventsDone = new Set<string>();
    const optionsDone = new Map<string, number>();
    if (this.db.dialect === 'postgres') {
      // Both counters of every event in one statement; the caller holds the event rows' locks already.
      const rows = await this.db.sequelize.query<{ k: 'e' | 'o'; id: string }>(
        `WITH ev AS (
           UPDATE events AS e SET seats_taken = e.seats_taken - v.n
             FROM unnest($1::uuid[], $2::int[]) AS v(id, n)
            WHERE e.id = v.id AND e.seats_taken - v.n >= 0 RETURNING e.id),
         op AS (
           UPDATE price_options AS o SET seats_taken = o.seats_taken - v.n
             FROM unnest($3::uuid[], $4::uuid[], $5::int[]) AS v(event_id, id, n)
            WHERE o.id = v.id AND o.event_id = v.event_id AND o.removed_at IS NULL AND o.seats_taken - v.n >= 0
            RETURNING o.event_id)
         SELECT 'e' AS k, id FROM ev UNION ALL SELECT 'o' AS k, event_id AS id FROM op`,
        {
          type: QueryTypes.SELECT,
          bind: [
            releases.map((r) => r.eventId),
            releases.map((r) => r.seats),
            options.map((o) => o.eventId),
            options.map((o) => o.id),
            options.map((o) => o.n),
          ],
          transaction,
        },
      );
      for (const r of rows) {
        if (r.k === 'e') eventsDone.add(r.id);
        else optionsDone.set(r.id, (optionsDone.get(r.id) ?? 0) + 1);
      }
    } else {
      for (const r of releases) {
        const [n] = await this.Event.update(
          { seatsTaken: literal(`seats_taken - (${r.seats})`) },
          { where: { id: r.eventId, [Op.and]: [literal(`seats_taken - (${r.seats}) >= 0`)] }, transaction },
        );
        if (n > 0) eventsDone.add(r.eventId);
      }
      for (const o of options) {
        const [n] = await this.PriceOption.update(
          { seatsTaken: literal(`seats_taken - (${o.n})`) },
          { where: { id: o.id, eventId: o.eventId, removedAt: null, [Op.and]: [literal(`seats_taken - (${o.n}) >= 0`)] }, transaction },
        );
        if (n > 0) optionsDone.set(o.eventId, (optionsDone.get(o.eventId) ?? 0) + 1);
      }
    }
    return releases
      .filter((r) => !eventsDone.has(r.eventId) || (optionsDone.get(r.eventId) ?? 0) < Object.keys(r.byOption).length)
      .map((r) => r.eventId);
  }

  /**
   * adjustSeats on PostgreSQL when an option changes too: both conditional UPDATEs in one statement (one round trip
   * fewer while the event's row lock is held). The option's UPDATE is gated on the event's having applied (an
   * uncorrelated EXISTS, evaluated before the option row is scanned), so the event row is still locked first; under
   * READ COMMITTED each UPDATE re-checks its condition on the latest version of its row. The status is read in the
   * same statement for the refusal's reason. A refused option undoes the event's change as before.
   */
  private async adjustBothPg(transaction: Transaction | undefined, eventId: string, change: SeatAdjustment): Promise<SeatAdjustmentResult> {
    const option = change.option;
    if (option === null) throw new Error('adjustBothPg needs an option');
    const d = change.eventDelta;
    const od = option.delta;
    assertDelta(od, 'option.delta');
    const [row] = await this.db.sequelize.query<{ e: number; o: number; status: string | null }>(
      `WITH e AS (
         UPDATE events SET seats_taken = seats_taken + $2::int
          WHERE id = $1 AND seats_taken + $2::int >= 0 AND seats_taken + $2::int <= capacity
            AND (NOT $3::boolean OR status = 'PUBLISHED')
          RETURNING id),
       o AS (
         UPDATE price_options SET seats_taken = seats_taken + $5::int
          WHERE id = $4 AND event_id = $1 AND removed_at IS NULL AND seats_taken + $5::int >= 0
            AND (quantity IS NULL OR seats_taken + $5::int <= quantity) AND EXISTS (SELECT 1 FROM e)
          RETURNING id)
       SELECT (SELECT count(*) FROM e)::int AS e, (SELECT count(*) FROM o)::int AS o,
              (SELECT status FROM events WHERE id = $1) AS status`,
      { type: QueryTypes.SELECT, bind: [eventId, d, change.requirePublished, option.id, od], transaction },
    );
    if (row === undefined || row.e === 0) {
      return row === undefined || row.status === null || (change.requirePublished && row.status !== 'PUBLISHED') ? 'NOT_BOOKABLE' : 'EVENT_FULL';
    }
    if (row.o === 0) {
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
