import { offsetOf, type Favorite, type FavoriteRepository, type PageRequest, type TxContext } from '@aquastream/application';
import { DataTypes, QueryTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import type { Database } from './database.js';
import { sqlTransaction } from './sql-unit-of-work.js';

function favoriteModel(sequelize: Sequelize): ModelStatic<Model> {
  return (
    sequelize.models['Favorite'] ??
    sequelize.define(
      'Favorite',
      {
        userId: { type: DataTypes.STRING(255), primaryKey: true },
        eventId: { type: DataTypes.UUID, primaryKey: true },
        createdAt: { type: DataTypes.DATE, allowNull: false },
      },
      { tableName: 'favorites', underscored: true, timestamps: false },
    )
  );
}

export class SqlFavoriteRepository implements FavoriteRepository {
  private readonly favorites: ModelStatic<Model>;

  constructor(private readonly db: Database) {
    this.favorites = favoriteModel(db.sequelize);
  }

  async add(tx: TxContext, favorite: Favorite): Promise<boolean> {
    // The key decides: a concurrent or repeated add inserts nothing and raises no error (both dialects).
    const [, affected] = await this.db.sequelize.query(
      'INSERT INTO favorites (user_id, event_id, created_at) VALUES (:userId, :eventId, :createdAt) ON CONFLICT DO NOTHING',
      {
        replacements: { userId: favorite.userId, eventId: favorite.eventId, createdAt: new Date(favorite.createdAt) },
        type: QueryTypes.INSERT,
        transaction: sqlTransaction(tx),
      },
    );
    return affected > 0;
  }

  async remove(tx: TxContext, userId: string, eventId: string): Promise<boolean> {
    const count = await this.favorites.destroy({ where: { userId, eventId }, transaction: sqlTransaction(tx) });
    return count > 0;
  }

  async list(userId: string, page: PageRequest): Promise<{ items: Favorite[]; total: number }> {
    const { rows, count } = await this.favorites.findAndCountAll({
      where: { userId },
      order: [
        ['createdAt', 'DESC'],
        ['eventId', 'ASC'],
      ],
      limit: page.size,
      offset: offsetOf(page),
    });
    return {
      items: rows.map((m) => {
        const r = m.get({ plain: true }) as { userId: string; eventId: string; createdAt: Date };
        return { userId: r.userId, eventId: r.eventId, createdAt: new Date(r.createdAt).getTime() };
      }),
      total: count,
    };
  }
}
