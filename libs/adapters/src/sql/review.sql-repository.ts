import { ConflictError, offsetOf, type RatingCounts, type ReviewQuery, type ReviewRepository, type TxContext } from '@aquastream/application';
import type { Instant, Review, ReviewReply } from '@aquastream/domain';
import {
  DataTypes,
  Op,
  QueryTypes,
  UniqueConstraintError,
  literal,
  type Model,
  type ModelStatic,
  type Order,
  type Sequelize,
  type WhereOptions,
} from 'sequelize';
import type { Database } from './database.js';
import { sqlTransaction } from './sql-unit-of-work.js';

type ReviewRow = Omit<Review, 'createdAt' | 'updatedAt'> & { createdAt: Date; updatedAt: Date };
type ReplyRow = Omit<ReviewReply, 'createdAt'> & { createdAt: Date };

function reviewModel(sequelize: Sequelize): ModelStatic<Model> {
  return (
    sequelize.models['Review'] ??
    sequelize.define(
      'Review',
      {
        id: { type: DataTypes.UUID, primaryKey: true },
        eventId: { type: DataTypes.UUID, allowNull: false },
        userId: { type: DataTypes.STRING(255), allowNull: false },
        rating: { type: DataTypes.INTEGER, allowNull: false },
        content: { type: DataTypes.TEXT, allowNull: false },
        status: { type: DataTypes.STRING(16), allowNull: false },
        helpfulCount: { type: DataTypes.INTEGER, allowNull: false },
        createdAt: { type: DataTypes.DATE, allowNull: false },
        updatedAt: { type: DataTypes.DATE, allowNull: false },
      },
      { tableName: 'reviews', underscored: true, timestamps: false },
    )
  );
}

function replyModel(sequelize: Sequelize): ModelStatic<Model> {
  return (
    sequelize.models['ReviewReply'] ??
    sequelize.define(
      'ReviewReply',
      {
        id: { type: DataTypes.UUID, primaryKey: true },
        reviewId: { type: DataTypes.UUID, allowNull: false },
        authorId: { type: DataTypes.STRING(255), allowNull: false },
        content: { type: DataTypes.TEXT, allowNull: false },
        createdAt: { type: DataTypes.DATE, allowNull: false },
      },
      { tableName: 'review_replies', underscored: true, timestamps: false },
    )
  );
}

function voteModel(sequelize: Sequelize): ModelStatic<Model> {
  return (
    sequelize.models['ReviewVote'] ??
    sequelize.define(
      'ReviewVote',
      {
        reviewId: { type: DataTypes.UUID, primaryKey: true },
        userId: { type: DataTypes.STRING(255), primaryKey: true },
        createdAt: { type: DataTypes.DATE, allowNull: false },
      },
      { tableName: 'review_votes', underscored: true, timestamps: false },
    )
  );
}

const toReview = (m: Model): Review => {
  const r = m.get({ plain: true }) as ReviewRow;
  return {
    id: r.id,
    eventId: r.eventId,
    userId: r.userId,
    rating: r.rating,
    content: r.content,
    status: r.status,
    helpfulCount: r.helpfulCount,
    createdAt: new Date(r.createdAt).getTime(),
    updatedAt: new Date(r.updatedAt).getTime(),
  };
};

const toReply = (m: Model): ReviewReply => {
  const r = m.get({ plain: true }) as ReplyRow;
  return { id: r.id, reviewId: r.reviewId, authorId: r.authorId, content: r.content, createdAt: new Date(r.createdAt).getTime() };
};

function orderOf(sort: ReviewQuery['sort']): Order {
  const recent: Order = [
    ['createdAt', 'DESC'],
    ['id', 'DESC'],
  ];
  switch (sort) {
    case 'recent':
      return recent;
    case 'helpful':
      return [['helpfulCount', 'DESC'], ...recent];
  }
}

export class SqlReviewRepository implements ReviewRepository {
  private readonly reviews: ModelStatic<Model>;
  private readonly replies: ModelStatic<Model>;
  private readonly votes: ModelStatic<Model>;

  constructor(private readonly db: Database) {
    this.reviews = reviewModel(db.sequelize);
    this.replies = replyModel(db.sequelize);
    this.votes = voteModel(db.sequelize);
  }

  async insert(tx: TxContext, review: Review): Promise<void> {
    try {
      await this.reviews.create(
        { ...review, createdAt: new Date(review.createdAt), updatedAt: new Date(review.updatedAt) },
        { transaction: sqlTransaction(tx) },
      );
    } catch (error) {
      // The id is minted by the application, so (event, user) is the only unique rule a caller can break.
      if (error instanceof UniqueConstraintError) throw new ConflictError('review_per_user');
      throw error;
    }
  }

  async update(tx: TxContext, review: Review): Promise<void> {
    await this.reviews.update(
      { rating: review.rating, content: review.content, status: review.status, updatedAt: new Date(review.updatedAt) },
      { where: { id: review.id }, transaction: sqlTransaction(tx) },
    );
  }

  async findById(tx: TxContext | null, id: string): Promise<Review | null> {
    const row = await this.reviews.findByPk(id, { transaction: sqlTransaction(tx) });
    return row ? toReview(row) : null;
  }

  async findByEventAndUser(tx: TxContext | null, eventId: string, userId: string): Promise<Review | null> {
    const row = await this.reviews.findOne({ where: { eventId, userId }, transaction: sqlTransaction(tx) });
    return row ? toReview(row) : null;
  }

  async list(query: ReviewQuery): Promise<{ items: Review[]; total: number }> {
    const visible: WhereOptions =
      query.alsoOwnOf === undefined
        ? { status: { [Op.in]: [...query.statuses] } }
        : { [Op.or]: [{ status: { [Op.in]: [...query.statuses] } }, { userId: query.alsoOwnOf }] };
    const where: WhereOptions = {
      [Op.and]: [
        visible,
        ...(query.eventId !== undefined ? [{ eventId: query.eventId }] : []),
        ...(query.userId !== undefined ? [{ userId: query.userId }] : []),
      ],
    };
    const { rows, count } = await this.reviews.findAndCountAll({
      where,
      order: orderOf(query.sort),
      limit: query.size,
      offset: offsetOf(query),
    });
    return { items: rows.map(toReview), total: count };
  }

  async activeRatingCounts(tx: TxContext, eventId: string): Promise<RatingCounts> {
    const transaction = sqlTransaction(tx);
    if (this.db.dialect === 'postgres') {
      // Serialises the stats writers of one event; READ COMMITTED then lets the count below see every review
      // committed before the lock was granted. SQLite transactions already run one at a time.
      await this.db.sequelize.query('SELECT id FROM events WHERE id = :eventId FOR UPDATE', {
        replacements: { eventId },
        type: QueryTypes.SELECT,
        transaction,
      });
    }
    const rows = await this.db.sequelize.query<{ rating: number | string; n: number | string }>(
      "SELECT rating, COUNT(*) AS n FROM reviews WHERE event_id = :eventId AND status = 'ACTIVE' GROUP BY rating",
      { replacements: { eventId }, type: QueryTypes.SELECT, transaction },
    );
    return Object.fromEntries(rows.map((r) => [Number(r.rating), Number(r.n)]));
  }

  async addReply(tx: TxContext, reply: ReviewReply): Promise<void> {
    await this.replies.create({ ...reply, createdAt: new Date(reply.createdAt) }, { transaction: sqlTransaction(tx) });
  }

  async repliesOf(tx: TxContext | null, reviewIds: readonly string[]): Promise<ReviewReply[]> {
    if (reviewIds.length === 0) return [];
    const rows = await this.replies.findAll({
      where: { reviewId: { [Op.in]: [...reviewIds] } },
      order: [
        ['createdAt', 'ASC'],
        ['id', 'ASC'],
      ],
      transaction: sqlTransaction(tx),
    });
    return rows.map(toReply);
  }

  async addVote(tx: TxContext, reviewId: string, userId: string, at: Instant): Promise<boolean> {
    const transaction = sqlTransaction(tx);
    // The vote's key decides whether it is new, so two concurrent repeats cannot both count.
    const [, affected] = await this.db.sequelize.query(
      'INSERT INTO review_votes (review_id, user_id, created_at) VALUES (:reviewId, :userId, :at) ON CONFLICT DO NOTHING',
      { replacements: { reviewId, userId, at: new Date(at) }, type: QueryTypes.INSERT, transaction },
    );
    if (affected === 0) return false;
    await this.reviews.update({ helpfulCount: literal('helpful_count + 1') }, { where: { id: reviewId }, transaction });
    return true;
  }

  async hasVoted(tx: TxContext | null, reviewId: string, userId: string): Promise<boolean> {
    const row = await this.votes.findOne({ where: { reviewId, userId }, transaction: sqlTransaction(tx) });
    return row !== null;
  }
}
