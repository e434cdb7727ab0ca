import type { IdempotencyClaim, IdempotencyStore, TxContext } from '@aquastream/application';
import type { Instant } from '@aquastream/domain';
import { DataTypes, Op, UniqueConstraintError, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import type { Database } from './database.js';
import { sqlTransaction } from './sql-unit-of-work.js';

type KeyRow = {
  scope: string;
  key: string;
  requestHash: string;
  status: number | null;
  response: unknown;
  createdAt: Date;
  expiresAt: Date;
};

type KeyModel = ModelStatic<Model<KeyRow, KeyRow>>;

function keyModel(sequelize: Sequelize): KeyModel {
  return (
    sequelize.models['IdempotencyKey'] ??
    sequelize.define<Model<KeyRow, KeyRow>>(
      'IdempotencyKey',
      {
        scope: { type: DataTypes.STRING(255), primaryKey: true },
        key: { type: DataTypes.STRING(255), primaryKey: true },
        requestHash: { type: DataTypes.STRING(128), allowNull: false },
        status: { type: DataTypes.INTEGER, allowNull: true },
        response: { type: DataTypes.JSON, allowNull: true },
        createdAt: { type: DataTypes.DATE, allowNull: false },
        expiresAt: { type: DataTypes.DATE, allowNull: false },
      },
      { tableName: 'idempotency_keys', underscored: true, timestamps: false },
    )
  );
}

/**
 * Idempotency keys on SQLite and PostgreSQL. The claim is a plain INSERT outside any transaction: the primary key
 * decides which of several concurrent requests wins, and the losers read the winner's row.
 */
export class SqlIdempotencyStore implements IdempotencyStore {
  private readonly model: KeyModel;
  constructor(db: Database) {
    this.model = keyModel(db.sequelize);
  }

  async claim(scope: string, key: string, requestHash: string, now: Instant, ttlMs: number): Promise<IdempotencyClaim> {
    // Two rounds at most: the second follows the removal of an expired row that blocked the first insert.
    for (let round = 0; round < 3; round += 1) {
      try {
        await this.model.create({
          scope,
          key,
          requestHash,
          status: null,
          response: null,
          createdAt: new Date(now),
          expiresAt: new Date(now + ttlMs),
        });
        return { kind: 'claimed' };
      } catch (error) {
        if (!(error instanceof UniqueConstraintError)) throw error;
      }
      const existing = await this.model.findOne({ where: { scope, key } });
      if (existing === null) continue; // released or purged meanwhile: try again
      const row = existing.get({ plain: true });
      if (row.expiresAt.getTime() <= now) {
        // Only this expired row: a concurrent claimer that already replaced it keeps its fresh one.
        await this.model.destroy({ where: { scope, key, expiresAt: { [Op.lte]: new Date(now) } } });
        continue;
      }
      if (row.requestHash !== requestHash) return { kind: 'mismatch' };
      if (row.status === null) return { kind: 'in_progress', since: row.createdAt.getTime() };
      return {
        kind: 'replay',
        record: {
          scope,
          key,
          requestHash,
          status: row.status,
          response: row.response,
          createdAt: row.createdAt.getTime(),
          expiresAt: row.expiresAt.getTime(),
        },
      };
    }
    // Still contended after every round: report a fresh claim, which no re-run takes over.
    return { kind: 'in_progress', since: now };
  }

  async complete(tx: TxContext | null, scope: string, key: string, status: number, response: unknown): Promise<void> {
    await this.model.update({ status, response: response ?? null }, { where: { scope, key }, transaction: sqlTransaction(tx) });
  }

  async takeOver(scope: string, key: string, since: Instant, now: Instant, ttlMs: number): Promise<boolean> {
    // One UPDATE conditioned on the old createdAt: the database serialises concurrent ones, and only the first matches.
    const [count] = await this.model.update(
      { createdAt: new Date(now), expiresAt: new Date(now + ttlMs) },
      { where: { scope, key, status: { [Op.is]: null }, createdAt: new Date(since) } },
    );
    return count === 1;
  }

  async release(scope: string, key: string): Promise<void> {
    // A completed answer is never forgotten: only a claim still in progress goes.
    await this.model.destroy({ where: { scope, key, status: { [Op.is]: null } } });
  }

  purgeExpired(now: Instant): Promise<number> {
    return this.model.destroy({ where: { expiresAt: { [Op.lte]: new Date(now) } } });
  }
}
