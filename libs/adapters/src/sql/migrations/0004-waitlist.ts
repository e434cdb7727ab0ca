import { DataTypes } from 'sequelize';
import type { MigrationParams } from 'umzug';
import type { MigrationContext } from '../migrator.js';

const TABLE = 'waitlist_entries';

/**
 * The waitlist (DESIGN §3.5). One active entry per user and event is a partial unique index, so two concurrent joins
 * cannot both succeed; the other indexes serve the line (event, status, priority, join time), the offer-expiry job
 * (status, offer_expires_at) and "my waitlist" (user, join time). price_option_id and booking_id carry no foreign
 * key: an option may be removed while someone waits for it (the claim then answers INVALID_PRICE_OPTION), and the
 * booking row belongs to the bookings module.
 */
export async function up({ context: { queryInterface, sequelize } }: MigrationParams<MigrationContext>): Promise<void> {
  await queryInterface.createTable(TABLE, {
    id: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
    event_id: {
      type: DataTypes.UUID,
      allowNull: false,
      references: { model: 'events', key: 'id' },
      onDelete: 'CASCADE',
    },
    user_id: { type: DataTypes.STRING(255), allowNull: false },
    quantity: { type: DataTypes.INTEGER, allowNull: false },
    priority: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    status: { type: DataTypes.STRING(16), allowNull: false },
    joined_at: { type: DataTypes.DATE, allowNull: false },
    price_option_id: { type: DataTypes.UUID, allowNull: true },
    offered_at: { type: DataTypes.DATE, allowNull: true },
    offer_expires_at: { type: DataTypes.DATE, allowNull: true },
    booking_id: { type: DataTypes.UUID, allowNull: true },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  // Written as SQL: the same statement is valid on SQLite and PostgreSQL, and the predicate reads as the rule it is.
  await sequelize.query(
    `CREATE UNIQUE INDEX waitlist_active_per_user ON ${TABLE} (event_id, user_id) WHERE status IN ('WAITING', 'OFFERED')`,
  );
  await queryInterface.addIndex(TABLE, ['event_id', 'status', 'priority', 'joined_at'], { name: 'waitlist_line' });
  await queryInterface.addIndex(TABLE, ['status', 'offer_expires_at'], { name: 'waitlist_offer_expiry' });
  await queryInterface.addIndex(TABLE, ['user_id', 'joined_at'], { name: 'waitlist_by_user' });
}

export async function down({ context: { queryInterface } }: MigrationParams<MigrationContext>): Promise<void> {
  await queryInterface.dropTable(TABLE);
}
