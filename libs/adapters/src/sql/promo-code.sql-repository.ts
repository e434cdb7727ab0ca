import { ConflictError, offsetOf, type PromoCodeQuery, type PromoCodeRepository, type TxContext } from '@aquastream/application';
import { normalizePromoCode, type PromoCode } from '@aquastream/domain';
import { DataTypes, Op, QueryTypes, UniqueConstraintError, literal, type Model, type ModelStatic, type Sequelize, type WhereOptions } from 'sequelize';
import type { Database } from './database.js';
import { sqlTransaction } from './sql-unit-of-work.js';

type PromoRow = {
  id: string;
  organizationId: string;
  eventId: string | null;
  code: string;
  discountPercent: number | null;
  discountAmount: number | null;
  currency: string | null;
  startsAt: Date;
  endsAt: Date | null;
  maxUses: number | null;
  usesCount: number;
  isActive: boolean;
};

function promoModel(sequelize: Sequelize): ModelStatic<Model> {
  return (
    sequelize.models['PromoCode'] ??
    sequelize.define(
      'PromoCode',
      {
        id: { type: DataTypes.UUID, primaryKey: true },
        organizationId: { type: DataTypes.UUID, allowNull: false },
        eventId: { type: DataTypes.UUID, allowNull: true },
        code: { type: DataTypes.STRING(40), allowNull: false },
        codeNormalized: { type: DataTypes.STRING(40), allowNull: false },
        discountPercent: { type: DataTypes.INTEGER, allowNull: true },
        discountAmount: { type: DataTypes.INTEGER, allowNull: true },
        currency: { type: DataTypes.STRING(3), allowNull: true },
        startsAt: { type: DataTypes.DATE, allowNull: false },
        endsAt: { type: DataTypes.DATE, allowNull: true },
        maxUses: { type: DataTypes.INTEGER, allowNull: true },
        usesCount: { type: DataTypes.INTEGER, allowNull: false },
        isActive: { type: DataTypes.BOOLEAN, allowNull: false },
        createdAt: { type: DataTypes.DATE, allowNull: false },
        updatedAt: { type: DataTypes.DATE, allowNull: false },
      },
      { tableName: 'promo_codes', underscored: true, timestamps: false },
    )
  );
}

const toPromo = (m: Model): PromoCode => {
  const r = m.get({ plain: true }) as PromoRow;
  return {
    id: r.id,
    code: r.code,
    organizationId: r.organizationId,
    eventId: r.eventId,
    discountPercent: r.discountPercent,
    discountAmount: r.discountAmount,
    currency: r.currency,
    startsAt: new Date(r.startsAt).getTime(),
    endsAt: r.endsAt === null ? null : new Date(r.endsAt).getTime(),
    maxUses: r.maxUses,
    usesCount: r.usesCount,
    isActive: Boolean(r.isActive),
  };
};

/** The definition columns; `uses_count` is left to `adjustUses`. */
const definition = (p: PromoCode) => ({
  organizationId: p.organizationId,
  eventId: p.eventId,
  code: p.code,
  codeNormalized: normalizePromoCode(p.code),
  discountPercent: p.discountPercent,
  discountAmount: p.discountAmount,
  currency: p.currency,
  startsAt: new Date(p.startsAt),
  endsAt: p.endsAt === null ? null : new Date(p.endsAt),
  maxUses: p.maxUses,
  isActive: p.isActive,
});

function integer(n: number, what: string): number {
  // Interpolated into SQL below, so it must be a plain integer and nothing else.
  if (!Number.isSafeInteger(n)) throw new Error(`${what} must be an integer, got ${n}`);
  return n;
}

export class SqlPromoCodeRepository implements PromoCodeRepository {
  private readonly promos: ModelStatic<Model>;
  private readonly sequelize: Sequelize;
  private readonly postgres: boolean;

  constructor(db: Database) {
    this.promos = promoModel(db.sequelize);
    this.sequelize = db.sequelize;
    this.postgres = db.dialect === 'postgres';
  }

  async insert(tx: TxContext, promo: PromoCode): Promise<void> {
    // PromoCode carries no timestamps; these are bookkeeping for operators, never read back.
    const now = new Date();
    try {
      await this.promos.create(
        { id: promo.id, ...definition(promo), usesCount: promo.usesCount, createdAt: now, updatedAt: now },
        { transaction: sqlTransaction(tx) },
      );
    } catch (error) {
      if (error instanceof UniqueConstraintError) throw new ConflictError('promo_code');
      throw error;
    }
  }

  async update(tx: TxContext, promo: PromoCode): Promise<boolean> {
    const where: WhereOptions =
      promo.maxUses === null ? { id: promo.id } : { id: promo.id, usesCount: { [Op.lte]: integer(promo.maxUses, 'maxUses') } };
    try {
      const [count] = await this.promos.update(
        { ...definition(promo), updatedAt: new Date() },
        { where, transaction: sqlTransaction(tx) },
      );
      return count > 0;
    } catch (error) {
      if (error instanceof UniqueConstraintError) throw new ConflictError('promo_code');
      throw error;
    }
  }

  async findById(tx: TxContext | null, id: string): Promise<PromoCode | null> {
    const row = await this.promos.findByPk(id, { transaction: sqlTransaction(tx) });
    return row ? toPromo(row) : null;
  }

  async findByCode(tx: TxContext | null, organizationId: string, code: string): Promise<PromoCode | null> {
    const row = await this.promos.findOne({
      where: { organizationId, codeNormalized: normalizePromoCode(code) },
      transaction: sqlTransaction(tx),
    });
    return row ? toPromo(row) : null;
  }

  async adjustUses(tx: TxContext, promoId: string, delta: number): Promise<boolean> {
    const d = integer(delta, 'delta');
    // One statement, so concurrent bookings cannot both take the last use: the row lock serialises them and
    // PostgreSQL re-checks the condition on the row as the first one left it.
    const condition =
      d > 0 ? `uses_count + ${d} >= 0 AND (max_uses IS NULL OR uses_count + ${d} <= max_uses)` : `uses_count + ${d} >= 0`;
    const [count] = await this.promos.update(
      { usesCount: literal(`uses_count + ${d}`) },
      { where: { id: promoId, [Op.and]: [literal(condition)] }, transaction: sqlTransaction(tx) },
    );
    return count > 0;
  }

  async releaseUses(tx: TxContext, byPromo: Readonly<Record<string, number>>): Promise<void> {
    // Sorted: two batches giving back uses of the same codes (codes span events) update them in one order.
    const entries = Object.entries(byPromo).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.length === 0) return;
    const transaction = sqlTransaction(tx);
    for (const [, n] of entries) integer(n, 'uses');
    if (this.postgres) {
      // Lock in id order first (UPDATE … FROM may visit the rows in any order), then one UPDATE for all.
      await this.sequelize.query('SELECT id FROM promo_codes WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', {
        type: QueryTypes.SELECT,
        bind: [entries.map(([id]) => id)],
        transaction,
      });
      await this.sequelize.query(
        `UPDATE promo_codes AS p SET uses_count = GREATEST(p.uses_count - v.n, 0)
           FROM unnest($1::uuid[], $2::int[]) AS v(id, n) WHERE p.id = v.id`,
        { type: QueryTypes.UPDATE, bind: [entries.map(([id]) => id), entries.map(([, n]) => n)], transaction },
      );
      return;
    }
    for (const [id, n] of entries) {
      await this.promos.update({ usesCount: literal(`MAX(uses_count - ${n}, 0)`) }, { where: { id }, transaction });
    }
  }

  async list(query: PromoCodeQuery): Promise<{ items: PromoCode[]; total: number }> {
    const where: WhereOptions = {
      ...(query.organizationIds !== undefined ? { organizationId: { [Op.in]: [...query.organizationIds] } } : {}),
      ...(query.eventId !== undefined ? { eventId: query.eventId } : {}),
    };
    const { rows, count } = await this.promos.findAndCountAll({
      where,
      order: [
        ['codeNormalized', 'ASC'],
        ['id', 'ASC'],
      ],
      limit: query.size,
      offset: offsetOf(query),
    });
    return { items: rows.map(toPromo), total: count };
  }
}
