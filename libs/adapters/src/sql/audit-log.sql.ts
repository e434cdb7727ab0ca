import type { AuditEntity, AuditEntry, AuditLog, AuditQuery, TxContext } from '@aquastream/application';
import type { Instant } from '@aquastream/domain';
import { DataTypes, Op, QueryTypes, type Model, type ModelStatic, type Sequelize, type WhereOptions } from 'sequelize';
import type { Database } from './database.js';
import { sqlTransaction } from './sql-unit-of-work.js';

type AuditRow = {
  id: string;
  entity: AuditEntity;
  entityId: string;
  eventId: string | null;
  from: string | null;
  to: string;
  actorId: string;
  reason: string | null;
  at: Date;
  correlationId: string;
};

type AuditModel = ModelStatic<Model<AuditRow, AuditRow>>;

function auditModel(sequelize: Sequelize): AuditModel {
  return (
    sequelize.models['AuditLogEntry'] ??
    sequelize.define<Model<AuditRow, AuditRow>>(
      'AuditLogEntry',
      {
        id: { type: DataTypes.UUID, primaryKey: true },
        entity: { type: DataTypes.STRING(16), allowNull: false },
        entityId: { type: DataTypes.STRING(255), allowNull: false },
        eventId: { type: DataTypes.UUID, allowNull: true },
        from: { type: DataTypes.STRING(32), allowNull: true, field: 'from_status' },
        to: { type: DataTypes.STRING(32), allowNull: false, field: 'to_status' },
        actorId: { type: DataTypes.STRING(255), allowNull: false },
        reason: { type: DataTypes.TEXT, allowNull: true },
        at: { type: DataTypes.DATE, allowNull: false },
        correlationId: { type: DataTypes.STRING(255), allowNull: false },
      },
      { tableName: 'audit_log', underscored: true, timestamps: false },
    )
  );
}

/** Booking and waitlist logs age out (DESIGN §6); admin actions on events and payments are kept. */
const PURGEABLE: readonly AuditEntity[] = ['BOOKING', 'WAITLIST'];

/** The audit log on SQLite and PostgreSQL. */
export class SqlAuditLog implements AuditLog {
  private readonly model: AuditModel;
  constructor(private readonly db: Database) {
    this.model = auditModel(db.sequelize);
  }

  async append(tx: TxContext, entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    if (this.db.dialect === 'postgres') {
      // One INSERT whatever the count (a batch of expiries writes thousands), one array parameter per column.
      await this.db.sequelize.query(
        `INSERT INTO audit_log (id, entity, entity_id, event_id, from_status, to_status, actor_id, reason, at, correlation_id)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[],
           $9::timestamptz[], $10::text[])`,
        {
          type: QueryTypes.INSERT,
          bind: [
            entries.map((e) => e.id),
            entries.map((e) => e.entity),
            entries.map((e) => e.entityId),
            entries.map((e) => e.eventId),
            entries.map((e) => e.from),
            entries.map((e) => e.to),
            entries.map((e) => e.actorId),
            entries.map((e) => e.reason),
            entries.map((e) => new Date(e.at)),
            entries.map((e) => e.correlationId),
          ],
          transaction: sqlTransaction(tx),
        },
      );
      return;
    }
    await this.model.bulkCreate(
      entries.map((e) => ({ ...e, at: new Date(e.at) })),
      { transaction: sqlTransaction(tx) },
    );
  }

  async query(query: AuditQuery): Promise<{ readonly items: readonly AuditEntry[]; readonly total: number }> {
    // `from` inclusive, `to` exclusive: consecutive windows neither overlap nor leave gaps.
    const at = {
      ...(query.from !== undefined && { [Op.gte]: new Date(query.from) }),
      ...(query.to !== undefined && { [Op.lt]: new Date(query.to) }),
    };
    const where: WhereOptions<AuditRow> = {
      ...(query.entity !== undefined && { entity: query.entity }),
      ...(query.entityId !== undefined && { entityId: query.entityId }),
      ...(query.actorId !== undefined && { actorId: query.actorId }),
      ...((query.from !== undefined || query.to !== undefined) && { at }),
    };
    const { rows, count } = await this.model.findAndCountAll({
      where,
      order: [
        ['at', 'DESC'],
        ['id', 'DESC'],
      ],
      limit: query.size,
      offset: (query.page - 1) * query.size,
    });
    return {
      items: rows.map((r) => {
        const row = r.get({ plain: true });
        return { ...row, at: row.at.getTime() };
      }),
      total: count,
    };
  }

  async purge(tx: TxContext, before: Instant): Promise<number> {
    return this.model.destroy({
      where: { entity: { [Op.in]: [...PURGEABLE] }, at: { [Op.lt]: new Date(before) } },
      transaction: sqlTransaction(tx),
    });
  }
}
