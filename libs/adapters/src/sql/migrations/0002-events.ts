import { DataTypes } from 'sequelize';
import type { MigrationParams } from 'umzug';
import type { MigrationContext } from '../migrator.js';

/**
 * Events, their price options and FAQ. The seat counters carry CHECK constraints (written into the column type: the
 * one spelling both dialects accept inside CREATE TABLE, named so a violation says which rule broke) as a last line
 * behind the conditional updates of EventRepository.adjustSeats: whatever a buggy caller does, a counter can never
 * go below zero nor above its capacity or quota.
 *
 * Price options are soft-deleted (`removed_at`): bookings keep pointing at the option they were sold under, so its
 * row must outlive its removal from the event.
 *
 * Indexes, one per query path: the catalogue and the completion job (status, starts_at), an organisation's events
 * (organization_id, status), the publishing job (status, publish_at), the crew retry job (crew_status,
 * crew_next_attempt_at), the category filter, options and FAQ by event.
 */
export async function up({ context: { queryInterface } }: MigrationParams<MigrationContext>): Promise<void> {
  await queryInterface.createTable('events', {
    id: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
    organization_id: {
      type: DataTypes.UUID,
      allowNull: false,
      references: { model: 'organizations', key: 'id' },
      onDelete: 'RESTRICT',
    },
    creator_id: { type: DataTypes.STRING(255), allowNull: false },
    title: { type: DataTypes.STRING(200), allowNull: false },
    description: { type: DataTypes.TEXT, allowNull: true },
    short_description: { type: DataTypes.STRING(500), allowNull: true },
    category_id: {
      type: DataTypes.UUID,
      allowNull: true,
      references: { model: 'categories', key: 'id' },
      onDelete: 'SET NULL',
    },
    status: { type: DataTypes.STRING(16), allowNull: false },
    starts_at: { type: DataTypes.DATE, allowNull: false },
    ends_at: { type: DataTypes.DATE, allowNull: true },
    time_zone: { type: DataTypes.STRING(64), allowNull: false },
    publish_at: { type: DataTypes.DATE, allowNull: true },
    published_at: { type: DataTypes.DATE, allowNull: true },
    capacity: { type: 'INTEGER CONSTRAINT events_capacity_positive CHECK (capacity > 0)', allowNull: false },
    seats_taken: {
      type: 'INTEGER CONSTRAINT events_seats_taken_range CHECK (seats_taken >= 0 AND seats_taken <= capacity)',
      allowNull: false,
      defaultValue: 0,
    },
    currency: { type: DataTypes.STRING(3), allowNull: false },
    booking_deadline_hours: { type: DataTypes.INTEGER, allowNull: false },
    max_tickets_per_booking: { type: DataTypes.INTEGER, allowNull: false },
    refund_policy: { type: DataTypes.JSON, allowNull: false },
    dynamic_pricing: { type: DataTypes.JSON, allowNull: false },
    group_discounts: { type: DataTypes.JSON, allowNull: false },
    location: { type: DataTypes.JSON, allowNull: true },
    image_url: { type: DataTypes.STRING(2048), allowNull: true },
    featured: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    rescheduled_at: { type: DataTypes.DATE, allowNull: true },
    rejection_reason: { type: DataTypes.TEXT, allowNull: true },
    cancel_reason: { type: DataTypes.TEXT, allowNull: true },
    canceled_at: { type: DataTypes.DATE, allowNull: true },
    completed_at: { type: DataTypes.DATE, allowNull: true },
    crew_status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'NONE' },
    crew_request: { type: DataTypes.JSON, allowNull: true },
    crew_id: { type: DataTypes.STRING(255), allowNull: true },
    crew_attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    crew_next_attempt_at: { type: DataTypes.DATE, allowNull: true },
    crew_last_error: { type: DataTypes.TEXT, allowNull: true },
    avg_rating: { type: DataTypes.DOUBLE, allowNull: true },
    review_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  await queryInterface.addIndex('events', ['status', 'starts_at'], { name: 'events_status_starts_at' });
  await queryInterface.addIndex('events', ['organization_id', 'status'], { name: 'events_organization_status' });
  await queryInterface.addIndex('events', ['status', 'publish_at'], { name: 'events_status_publish_at' });
  await queryInterface.addIndex('events', ['crew_status', 'crew_next_attempt_at'], { name: 'events_crew_retry' });
  await queryInterface.addIndex('events', ['category_id'], { name: 'events_category' });

  await queryInterface.createTable('price_options', {
    id: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
    event_id: {
      type: DataTypes.UUID,
      allowNull: false,
      references: { model: 'events', key: 'id' },
      onDelete: 'CASCADE',
    },
    name: { type: DataTypes.STRING(100), allowNull: false },
    description: { type: DataTypes.TEXT, allowNull: true },
    price: { type: 'INTEGER CONSTRAINT price_options_price_non_negative CHECK (price >= 0)', allowNull: false },
    // NULL = no quota of its own: the option is limited by the event's capacity only.
    quantity: { type: 'INTEGER CONSTRAINT price_options_quantity_positive CHECK (quantity > 0)', allowNull: true },
    seats_taken: {
      type:
        'INTEGER CONSTRAINT price_options_seats_taken_range CHECK (seats_taken >= 0 AND (quantity IS NULL OR seats_taken <= quantity))',
      allowNull: false,
      defaultValue: 0,
    },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    position: { type: DataTypes.INTEGER, allowNull: false },
    removed_at: { type: DataTypes.DATE, allowNull: true },
  });
  await queryInterface.addIndex('price_options', ['event_id', 'position'], { name: 'price_options_by_event' });

  await queryInterface.createTable('event_faqs', {
    id: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
    event_id: {
      type: DataTypes.UUID,
      allowNull: false,
      references: { model: 'events', key: 'id' },
      onDelete: 'CASCADE',
    },
    question: { type: DataTypes.STRING(500), allowNull: false },
    answer: { type: DataTypes.TEXT, allowNull: false },
    position: { type: DataTypes.INTEGER, allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await queryInterface.addIndex('event_faqs', ['event_id', 'position'], { name: 'event_faqs_by_event' });
}

export async function down({ context: { queryInterface } }: MigrationParams<MigrationContext>): Promise<void> {
  await queryInterface.dropTable('event_faqs');
  await queryInterface.dropTable('price_options');
  await queryInterface.dropTable('events');
}
