import type { NewOutboxMessage, Outbox, OutboxMessage, OutboxQuery, OutboxStats, OutboxStatus, TxContext } from '@aquastream/application';
import type { DomainEventType, Instant } from '@aquastream/domain';
import { DataTypes, Op, QueryTypes, type Model, type ModelStatic, type Sequelize, type WhereOptions } from 'sequelize';
import type { Database } from './database.js';
import { sqlTransaction } from './sql-unit-of-work.js';

type OutboxRow = {
  id: string;
  type: string;
  source: string;
  subject: string;
  time: Date;
  correlationId: string;
  actorId: string | null;
  data: Record<string, unknown>;
  sequence: number;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
};

type OutboxModel = ModelStatic<Model<OutboxRow, OutboxRow>>;

export function outboxMessageModel(sequelize: Sequelize): OutboxModel {
  return (
    sequelize.models['OutboxMessage'] ??
    sequelize.define<Model<OutboxRow, OutboxRow>>(
      'OutboxMessage',
      {
        id: { type: DataTypes.UUID, primaryKey: true },
        type: { type: DataTypes.STRING(64), allowNull: false },
        source: { type: DataTypes.STRING(255), allowNull: false },
        subject: { type: DataTypes.STRING(255), allowNull: false },
        time: { type: DataTypes.DATE, allowNull: false },
        correlationId: { type: DataTypes.STRING(255), allowNull: false },
        actorId: { type: DataTypes.STRING(255), allowNull: true },
        data: { type: DataTypes.JSON, allowNull: false },
        sequence: { type: DataTypes.INTEGER, allowNull: false },
        status: { type: DataTypes.STRING(16), allowNull: false },
        attempts: { type: DataTypes.INTEGER, allowNull: false },
        nextAttemptAt: { type: DataTypes.DATE, allowNull: true },
        lastError: { type: DataTypes.TEXT, allowNull: true },
        sentAt: { type: DataTypes.DATE, allowNull: true },
        createdAt: { type: DataTypes.DATE, allowNull: false },
      },
      { tableName: 'outbox_messages', underscored: true, timestamps: false },
    )
  );
}

const ms = (d: Date | null): Instant | null => (d === null ? null : d.getTime());

export function toOutboxMessage(r: OutboxRow): OutboxMessage {
  return {
    id: r.id,
    type: r.type as DomainEventType,
    source: r.source,
    subject: r.subject,
    time: r.time.getTime(),
    correlationId: r.correlationId,
    actorId: r.actorId,
    data: r.data,
    sequence: r.sequence,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: ms(r.nextAttemptAt),
    lastError: r.lastError,
    sentAt: ms(r.sentAt),
  };
}

// Insert-or-increment in one statement: the row lock it takes orders concurrent transactions on one subject, and a
// rolled-back transaction takes its increment with it, so the numbers stay distinct and gap-free.
const BUMP_SEQUENCE = `INSERT INTO outbox_sequences (subject, last_sequence) VALUES (:subject, :n)
  ON CONFLICT (subject) DO UPDATE SET last_sequence = outbox_sequences.last_sequence + excluded.last_sequence`;

// PostgreSQL: the numbers and the rows in one statement. The sequences are bumped in subject order (so two
// transactions lock shared subjects in one order and cannot deadlock), and each subject's messages take the numbers
// reserved for it in the order they were given. The values travel as one array parameter per column.
const APPEND_PG = `WITH m AS (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::json[])
      WITH ORDINALITY AS m(id, type, source, subject, time, correlation_id, actor_id, data, ord)),
  n AS (SELECT subject, count(*)::int AS n FROM m GROUP BY subject),
  bumped AS (
    INSERT INTO outbox_sequences (subject, last_sequence) SELECT subject, n FROM n ORDER BY subject COLLATE "C"
    ON CONFLICT (subject) DO UPDATE SET last_sequence = outbox_sequences.last_sequence + excluded.last_sequence
    RETURNING subject, last_sequence)
  INSERT INTO outbox_messages (id, type, source, subject, time, correlation_id, actor_id, data, sequence, status, attempts,
    next_attempt_at, last_error, sent_at, created_at)
  SELECT m.id, m.type, m.source, m.subject, m.time, m.correlation_id, m.actor_id, m.data,
    b.last_sequence - n.n + row_number() OVER (PARTITION BY m.subject ORDER BY m.ord), 'PENDING', 0, NULL, NULL, NULL, m.time
  FROM m JOIN n ON n.subject = m.subject JOIN bumped b ON b.subject = m.subject`;

/** The transactional outbox on SQLite and PostgreSQL. */
export class SqlOutbox implements Outbox {
  private readonly model: OutboxModel;
  constructor(private readonly db: Database) {
    this.model = outboxMessageModel(db.sequelize);
  }

  async append(tx: TxContext, messages: readonly NewOutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const transaction = sqlTransaction(tx);
    if (this.db.dialect === 'postgres') {
      await this.db.sequelize.query(APPEND_PG, {
        type: QueryTypes.INSERT,
        bind: [
          messages.map((m) => m.id),
          messages.map((m) => m.type),
          messages.map((m) => m.source),
          messages.map((m) => m.subject),
          // The message is written when its change happens: its time is also the insertion time (created_at).
          messages.map((m) => new Date(m.time)),
          messages.map((m) => m.correlationId),
          messages.map((m) => m.actorId),
          messages.map((m) => JSON.stringify(m.data)),
        ],
        transaction,
      });
      return;
    }
    const bySubject = new Map<string, number>();
    for (const m of messages) bySubject.set(m.subject, (bySubject.get(m.subject) ?? 0) + 1);
    const next = new Map<string, number>();
    // Sorted, so two transactions touching the same subjects lock them in one order and cannot deadlock.
    for (const [subject, n] of [...bySubject].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      next.set(subject, (await this.bumpSequence(subject, n, tx)) - n + 1);
    }
    const rows: OutboxRow[] = messages.map((m) => {
      const sequence = next.get(m.subject) ?? 1;
      next.set(m.subject, sequence + 1);
      const time = new Date(m.time);
      return {
        id: m.id,
        type: m.type,
        source: m.source,
        subject: m.subject,
        time,
        correlationId: m.correlationId,
        actorId: m.actorId,
        data: { ...m.data },
        sequence,
        status: 'PENDING',
        attempts: 0,
        nextAttemptAt: null,
        lastError: null,
        sentAt: null,
        // The message is written when its change happens: its time is the insertion time.
        createdAt: time,
      };
    });
    await this.model.bulkCreate(rows, { transaction });
  }

  /** Reserves `n` numbers for `subject`; returns the last one. */
  private async bumpSequence(subject: string, n: number, tx: TxContext): Promise<number> {
    const transaction = sqlTransaction(tx);
    const replacements = { subject, n };
    if (this.db.dialect === 'postgres') {
      const rows = await this.db.sequelize.query<{ last_sequence: number }>(`${BUMP_SEQUENCE} RETURNING last_sequence`, {
        type: QueryTypes.SELECT,
        replacements,
        transaction,
      });
      return Number(rows[0]?.last_sequence);
    }
    // Sequelize runs an INSERT on SQLite without returning rows; reading back is exact because this transaction
    // holds SQLite's single write lock until it commits.
    await this.db.sequelize.query(BUMP_SEQUENCE, { type: QueryTypes.INSERT, replacements, transaction });
    const rows = await this.db.sequelize.query<{ last_sequence: number }>(
      'SELECT last_sequence FROM outbox_sequences WHERE subject = :subject',
      { type: QueryTypes.SELECT, replacements, transaction },
    );
    return Number(rows[0]?.last_sequence);
  }

  async list(query: OutboxQuery): Promise<{ readonly items: readonly OutboxMessage[]; readonly total: number }> {
    const where: WhereOptions<OutboxRow> = {
      ...(query.status !== undefined && { status: query.status }),
      ...(query.type !== undefined && { type: query.type }),
      ...(query.subject !== undefined && { subject: query.subject }),
    };
    const { rows, count } = await this.model.findAndCountAll({
      where,
      order: [
        ['time', 'DESC'],
        ['id', 'DESC'],
      ],
      limit: query.size,
      offset: (query.page - 1) * query.size,
    });
    return { items: rows.map((r) => toOutboxMessage(r.get({ plain: true }))), total: count };
  }

  async stats(): Promise<OutboxStats> {
    const counts = (await this.model.count({ group: ['status'] })) as unknown as { status: OutboxStatus; count: number | string }[];
    const result = { PENDING: 0, SENT: 0, FAILED: 0 };
    for (const c of counts) result[c.status] = Number(c.count);
    const oldest = await this.model.findOne({
      where: { status: 'PENDING' },
      attributes: ['time'],
      order: [['time', 'ASC']],
    });
    return { ...result, oldestPendingAt: oldest === null ? null : oldest.get({ plain: true }).time.getTime() };
  }

  async retry(tx: TxContext, ids: readonly string[] | 'ALL_FAILED', now: Instant): Promise<number> {
    if (ids !== 'ALL_FAILED' && ids.length === 0) return 0;
    // Only FAILED messages go back: a PENDING one is already queued and a SENT one must not be published twice.
    const [count] = await this.model.update(
      { status: 'PENDING', attempts: 0, nextAttemptAt: new Date(now), lastError: null },
      {
        where: { status: 'FAILED', ...(ids !== 'ALL_FAILED' && { id: { [Op.in]: [...ids] } }) },
        transaction: sqlTransaction(tx),
      },
    );
    return count;
  }
}
