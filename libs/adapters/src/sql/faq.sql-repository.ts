import type { FaqEntry, FaqRepository, TxContext } from '@aquastream/application';
import { DataTypes, type FindOptions, type Model, type ModelStatic } from 'sequelize';
import type { Database } from './database.js';
import { sqlTransaction } from './sql-unit-of-work.js';

type Row = { id: string; eventId: string; question: string; answer: string; position: number; createdAt: Date };
type FaqModel = ModelStatic<Model<Row, Row>>;

const MODEL = 'AqEventFaq';

function defineModel(db: Database): FaqModel {
  return (
    db.sequelize.models[MODEL] ??
    db.sequelize.define<Model<Row, Row>>(
      MODEL,
      {
        id: { type: DataTypes.UUID, primaryKey: true },
        eventId: { type: DataTypes.UUID, allowNull: false },
        question: { type: DataTypes.STRING(500), allowNull: false },
        answer: { type: DataTypes.TEXT, allowNull: false },
        position: { type: DataTypes.INTEGER, allowNull: false },
        createdAt: { type: DataTypes.DATE, allowNull: false },
      },
      { tableName: 'event_faqs', underscored: true, timestamps: false, freezeTableName: true },
    )
  );
}

const toEntry = (r: Row): FaqEntry => ({
  id: r.id,
  eventId: r.eventId,
  question: r.question,
  answer: r.answer,
  position: r.position,
  createdAt: new Date(r.createdAt).getTime(),
});

/** An event's FAQ in `event_faqs` (deleted with the event). */
export class SqlFaqRepository implements FaqRepository {
  private readonly model: FaqModel;

  constructor(db: Database) {
    this.model = defineModel(db);
  }

  private async rows(options: FindOptions<Row>): Promise<Row[]> {
    return (await this.model.findAll({ ...options, raw: true })) as unknown as Row[];
  }

  async listByEvent(tx: TxContext | null, eventId: string): Promise<readonly FaqEntry[]> {
    const rows = await this.rows({
      where: { eventId },
      order: [['position', 'ASC'], ['createdAt', 'ASC'], ['id', 'ASC']],
      transaction: sqlTransaction(tx),
    });
    return rows.map(toEntry);
  }

  async findById(tx: TxContext | null, id: string): Promise<FaqEntry | null> {
    const [row] = await this.rows({ where: { id }, transaction: sqlTransaction(tx) });
    return row === undefined ? null : toEntry(row);
  }

  async insert(tx: TxContext, entry: FaqEntry): Promise<void> {
    await this.model.create({ ...entry, createdAt: new Date(entry.createdAt) }, { transaction: sqlTransaction(tx) });
  }

  async update(tx: TxContext, entry: FaqEntry): Promise<boolean> {
    const [written] = await this.model.update(
      { question: entry.question, answer: entry.answer, position: entry.position },
      { where: { id: entry.id }, transaction: sqlTransaction(tx) },
    );
    return written > 0;
  }

  async delete(tx: TxContext, id: string): Promise<boolean> {
    return (await this.model.destroy({ where: { id }, transaction: sqlTransaction(tx) })) > 0;
  }
}
