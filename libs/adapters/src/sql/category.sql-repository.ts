import { ConflictError, type Category, type CategoryRepository, type TxContext } from '@aquastream/application';
import { DataTypes, UniqueConstraintError, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import type { Database } from './database.js';
import { sqlTransaction } from './sql-unit-of-work.js';

type CategoryRow = { id: string; name: string; slug: string; parentId: string | null; position: number; createdAt: Date; updatedAt: Date };

function categoryModel(sequelize: Sequelize): ModelStatic<Model> {
  return (
    sequelize.models['Category'] ??
    sequelize.define(
      'Category',
      {
        id: { type: DataTypes.UUID, primaryKey: true },
        name: { type: DataTypes.STRING(120), allowNull: false },
        slug: { type: DataTypes.STRING(120), allowNull: false },
        parentId: { type: DataTypes.UUID, allowNull: true },
        position: { type: DataTypes.INTEGER, allowNull: false },
        createdAt: { type: DataTypes.DATE, allowNull: false },
        updatedAt: { type: DataTypes.DATE, allowNull: false },
      },
      { tableName: 'categories', underscored: true, timestamps: false },
    )
  );
}

const toCategory = (m: Model): Category => {
  const r = m.get({ plain: true }) as CategoryRow;
  return {
    id: r.id,
    name: r.name,
    slug: r.slug,
    parentId: r.parentId,
    position: r.position,
    createdAt: new Date(r.createdAt).getTime(),
    updatedAt: new Date(r.updatedAt).getTime(),
  };
};

// The id is minted by the application, so the slug is the only unique rule a caller can break.
const translate = (error: unknown): unknown => (error instanceof UniqueConstraintError ? new ConflictError('category_slug') : error);

export class SqlCategoryRepository implements CategoryRepository {
  private readonly categories: ModelStatic<Model>;

  constructor(db: Database) {
    this.categories = categoryModel(db.sequelize);
  }

  async insert(tx: TxContext, c: Category): Promise<void> {
    try {
      await this.categories.create(
        { ...c, createdAt: new Date(c.createdAt), updatedAt: new Date(c.updatedAt) },
        { transaction: sqlTransaction(tx) },
      );
    } catch (error) {
      throw translate(error);
    }
  }

  async update(tx: TxContext, c: Category): Promise<void> {
    try {
      await this.categories.update(
        { name: c.name, slug: c.slug, parentId: c.parentId, position: c.position, updatedAt: new Date(c.updatedAt) },
        { where: { id: c.id }, transaction: sqlTransaction(tx) },
      );
    } catch (error) {
      throw translate(error);
    }
  }

  async findById(tx: TxContext | null, id: string): Promise<Category | null> {
    const row = await this.categories.findByPk(id, { transaction: sqlTransaction(tx) });
    return row ? toCategory(row) : null;
  }

  async findBySlug(tx: TxContext | null, slug: string): Promise<Category | null> {
    const row = await this.categories.findOne({ where: { slug }, transaction: sqlTransaction(tx) });
    return row ? toCategory(row) : null;
  }

  async listAll(tx: TxContext | null): Promise<Category[]> {
    const rows = await this.categories.findAll({
      order: [
        ['position', 'ASC'],
        ['name', 'ASC'],
        ['id', 'ASC'],
      ],
      transaction: sqlTransaction(tx),
    });
    return rows.map(toCategory);
  }
}
