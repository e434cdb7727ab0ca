import { DataTypes } from 'sequelize';
import type { MigrationParams } from 'umzug';
import type { MigrationContext } from '../migrator.js';

/**
 * Reviews, their replies and helpful votes, and favorites (DESIGN §3.7). The one-review-per-user rule and the
 * one-vote-per-user rule are keys, so concurrent requests cannot break them; a favorite is its (user, event) key,
 * which makes adding it twice a no-op. Indexes: an event's public list (event, status, time or helpful count), a
 * user's reviews, replies by review, a user's favorites newest first.
 */
export async function up({ context: { queryInterface } }: MigrationParams<MigrationContext>): Promise<void> {
  await queryInterface.createTable('reviews', {
    id: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
    event_id: { type: DataTypes.UUID, allowNull: false, references: { model: 'events', key: 'id' }, onDelete: 'CASCADE' },
    user_id: { type: DataTypes.STRING(255), allowNull: false },
    rating: { type: 'INTEGER CONSTRAINT reviews_rating_range CHECK (rating >= 1 AND rating <= 5)', allowNull: false },
    content: { type: DataTypes.TEXT, allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    helpful_count: { type: 'INTEGER CONSTRAINT reviews_helpful_count_positive CHECK (helpful_count >= 0)', allowNull: false, defaultValue: 0 },
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  await queryInterface.addIndex('reviews', ['event_id', 'user_id'], { name: 'reviews_one_per_user', unique: true });
  await queryInterface.addIndex('reviews', ['event_id', 'status', 'created_at'], { name: 'reviews_by_event_recent' });
  await queryInterface.addIndex('reviews', ['event_id', 'status', 'helpful_count'], { name: 'reviews_by_event_helpful' });
  await queryInterface.addIndex('reviews', ['user_id', 'created_at'], { name: 'reviews_by_user' });
  await queryInterface.addIndex('reviews', ['status', 'created_at'], { name: 'reviews_by_status' });

  await queryInterface.createTable('review_replies', {
    id: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
    review_id: { type: DataTypes.UUID, allowNull: false, references: { model: 'reviews', key: 'id' }, onDelete: 'CASCADE' },
    author_id: { type: DataTypes.STRING(255), allowNull: false },
    content: { type: DataTypes.TEXT, allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await queryInterface.addIndex('review_replies', ['review_id', 'created_at'], { name: 'review_replies_by_review' });

  await queryInterface.createTable('review_votes', {
    review_id: {
      type: DataTypes.UUID,
      primaryKey: true,
      allowNull: false,
      references: { model: 'reviews', key: 'id' },
      onDelete: 'CASCADE',
    },
    user_id: { type: DataTypes.STRING(255), primaryKey: true, allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });

  await queryInterface.createTable('favorites', {
    user_id: { type: DataTypes.STRING(255), primaryKey: true, allowNull: false },
    event_id: {
      type: DataTypes.UUID,
      primaryKey: true,
      allowNull: false,
      references: { model: 'events', key: 'id' },
      onDelete: 'CASCADE',
    },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await queryInterface.addIndex('favorites', ['user_id', 'created_at'], { name: 'favorites_by_user' });
  // Deleting an event cascades here; without this index that would scan the table.
  await queryInterface.addIndex('favorites', ['event_id'], { name: 'favorites_by_event' });
}

export async function down({ context: { queryInterface } }: MigrationParams<MigrationContext>): Promise<void> {
  await queryInterface.dropTable('favorites');
  await queryInterface.dropTable('review_votes');
  await queryInterface.dropTable('review_replies');
  await queryInterface.dropTable('reviews');
}
