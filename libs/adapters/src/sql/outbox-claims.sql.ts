import type { OutboxClaimRequest, OutboxClaims, OutboxMessage, OutboxStatus, TxContext, UnsentMessage } from '@aquastream/application';
import type { Instant } from '@aquastream/domain';
import { Op, QueryTypes } from 'sequelize';
import type { Database } from './database.js';
import { outboxMessageModel, toOutboxMessage } from './outbox.sql.js';
import { sqlTransaction } from './sql-unit-of-work.js';

/** An outbox row as PostgreSQL returns it from a raw statement (snake_case, JSON already parsed by pg). */
type RawOutboxRow = {
  id: string;
  type: string;
  source: string;
  subject: string;
  time: Date;
  correlation_id: string;
  actor_id: string | null;
  data: Record<string, unknown>;
  sequence: number;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: Date | null;
  last_error: string | null;
  sent_at: Date | null;
  created_at: Date;
};

const fromRaw = (r: RawOutboxRow): OutboxMessage =>
  toOutboxMessage({
    id: r.id,
    type: r.type,
    source: r.source,
    subject: r.subject,
    time: r.time,
    correlationId: r.correlation_id,
    actorId: r.actor_id,
    data: r.data,
    sequence: r.sequence,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    sentAt: r.sent_at,
    createdAt: r.created_at,
  });

const oldestFirst = (a: OutboxMessage, b: OutboxMessage): number => a.time - b.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Keeps `IN (…)` lists well below SQLite's bound-parameter limit whatever the batch size. */
const MAX_IDS_PER_STATEMENT = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The relay's claims on SQLite and PostgreSQL. On PostgreSQL the due rows are selected `FOR UPDATE SKIP LOCKED` and
 * leased in the same transaction, so relays claiming at once skip each other's rows instead of waiting for them, and a
 * row whose lease committed meanwhile fails the re-check of `next_attempt_at` and is left out. SQLite has one writer
 * (the unit of work serialises transactions), so its claims cannot overlap in the first place.
 */
export class SqlOutboxClaims implements OutboxClaims {
  private readonly model: ReturnType<typeof outboxMessageModel>;
  constructor(private readonly db: Database) {
    this.model = outboxMessageModel(db.sequelize);
  }

  async claimDue(tx: TxContext, request: OutboxClaimRequest): Promise<readonly OutboxMessage[]> {
    if (request.limit <= 0) return [];
    return this.db.dialect === 'postgres' ? this.claimOnPostgres(tx, request) : this.claimOnSqlite(tx, request);
  }

  /**
   * One statement: the due rows are locked `SKIP LOCKED` (a row another relay is claiming right now is passed over,
   * not waited for) and leased. A row whose lease another relay committed meanwhile fails PostgreSQL's re-check of the
   * WHERE clause and is left out. The `outbox_pending_by_time` index lets the scan stop after one batch.
   */
  private async claimOnPostgres(tx: TxContext, request: OutboxClaimRequest): Promise<readonly OutboxMessage[]> {
    const rows = await this.db.sequelize.query<RawOutboxRow>(
      `WITH due AS (
         SELECT id FROM outbox_messages
         WHERE status = 'PENDING' AND (next_attempt_at IS NULL OR next_attempt_at <= :now)
         ORDER BY time, id
         LIMIT :limit
         FOR UPDATE SKIP LOCKED)
       UPDATE outbox_messages o SET next_attempt_at = :leaseUntil FROM due WHERE o.id = due.id
       RETURNING o.*`,
      {
        type: QueryTypes.SELECT,
        replacements: { now: new Date(request.now), limit: request.limit, leaseUntil: new Date(request.leaseUntil) },
        transaction: sqlTransaction(tx),
      },
    );
    return rows.map(fromRaw).sort(oldestFirst);
  }

  /** SQLite has one writer (the unit of work serialises transactions), so a read then an update cannot overlap another claim. */
  private async claimOnSqlite(tx: TxContext, request: OutboxClaimRequest): Promise<readonly OutboxMessage[]> {
    const transaction = sqlTransaction(tx);
    const rows = await this.model.findAll({
      where: {
        status: 'PENDING',
        [Op.or]: [{ nextAttemptAt: null }, { nextAttemptAt: { [Op.lte]: new Date(request.now) } }],
      },
      order: [
        ['time', 'ASC'],
        ['id', 'ASC'],
      ],
      limit: request.limit,
      transaction,
    });
    if (rows.length === 0) return [];
    const leaseUntil = new Date(request.leaseUntil);
    const plain = rows.map((r) => r.get({ plain: true }));
    for (const part of chunks(plain.map((r) => r.id), MAX_IDS_PER_STATEMENT)) {
      await this.model.update({ nextAttemptAt: leaseUntil }, { where: { id: { [Op.in]: part } }, transaction });
    }
    return plain.map((r) => toOutboxMessage({ ...r, nextAttemptAt: leaseUntil }));
  }

  async markSent(tx: TxContext, ids: readonly string[], sentAt: Instant): Promise<number> {
    const transaction = sqlTransaction(tx);
    let count = 0;
    for (const part of chunks(ids, MAX_IDS_PER_STATEMENT)) {
      const [n] = await this.model.update(
        { status: 'SENT', sentAt: new Date(sentAt), nextAttemptAt: null, lastError: null },
        { where: { id: { [Op.in]: part }, status: 'PENDING' }, transaction },
      );
      count += n;
    }
    return count;
  }

  async markUnsent(tx: TxContext, messages: readonly UnsentMessage[]): Promise<number> {
    const transaction = sqlTransaction(tx);
    // A batch that failed together (a lost connection) shares its outcome: one statement per distinct outcome.
    const groups = new Map<string, { outcome: UnsentMessage; ids: string[] }>();
    for (const m of messages) {
      const key = JSON.stringify([m.status, m.attempts, m.nextAttemptAt, m.error]);
      const group = groups.get(key) ?? { outcome: m, ids: [] };
      group.ids.push(m.id);
      groups.set(key, group);
    }
    let count = 0;
    for (const { outcome, ids } of groups.values()) {
      for (const part of chunks(ids, MAX_IDS_PER_STATEMENT)) {
        const [n] = await this.model.update(
          {
            status: outcome.status,
            attempts: outcome.attempts,
            nextAttemptAt: outcome.nextAttemptAt === null ? null : new Date(outcome.nextAttemptAt),
            lastError: outcome.error,
          },
          { where: { id: { [Op.in]: part }, status: 'PENDING' }, transaction },
        );
        count += n;
      }
    }
    return count;
  }
}
