import { DataTypes } from 'sequelize';
import type { MigrationParams } from 'umzug';
import type { MigrationContext } from '../migrator.js';

/**
 * Bookings and the money trail (DESIGN §3.3, §3.4, §4). The rules the domain relies on are constraints here:
 * one active booking per user and event (a partial unique index — the same SQL on SQLite and PostgreSQL), one
 * INITIATED payment per booking, a gateway reference used once per gateway, a webhook id processed once
 * (`payment_events`), and a refund key (`cancel:<booking>`, `payment:<payment>`) used once. Other indexes serve the
 * expiry job (status, payment_deadline), an event's bookings and counts (event_id, status), "my bookings"
 * (user_id, created_at), and the refund lists. `waitlist_entry_id` has no foreign key: the waitlist table comes later.
 */
export async function up({ context: { queryInterface, sequelize } }: MigrationParams<MigrationContext>): Promise<void> {
  await queryInterface.createTable('bookings', {
    id: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
    event_id: { type: DataTypes.UUID, allowNull: false, references: { model: 'events', key: 'id' }, onDelete: 'RESTRICT' },
    user_id: { type: DataTypes.STRING(255), allowNull: false },
    // No foreign key: an option removed from the event keeps its old bookings.
    price_option_id: { type: DataTypes.UUID, allowNull: false },
    quantity: { type: DataTypes.INTEGER, allowNull: false },
    status: { type: DataTypes.STRING(20), allowNull: false },
    pricing: { type: DataTypes.JSON, allowNull: false },
    total_amount: { type: DataTypes.INTEGER, allowNull: false },
    currency: { type: DataTypes.STRING(3), allowNull: false },
    payment_deadline: { type: DataTypes.DATE, allowNull: false },
    ticket_code: { type: DataTypes.STRING(32), allowNull: true },
    refund_policy: { type: DataTypes.JSON, allowNull: false },
    promo_code_id: { type: DataTypes.UUID, allowNull: true, references: { model: 'promo_codes', key: 'id' }, onDelete: 'SET NULL' },
    paid_amount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    refund_amount: { type: DataTypes.INTEGER, allowNull: true },
    // An admin may choose a fractional percentage.
    refund_percent: { type: DataTypes.DOUBLE, allowNull: true },
    refund_status: { type: DataTypes.STRING(16), allowNull: true },
    waitlist_entry_id: { type: DataTypes.UUID, allowNull: true },
    cancel_reason: { type: DataTypes.TEXT, allowNull: true },
    checked_in_at: { type: DataTypes.DATE, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  await sequelize.query(
    `CREATE UNIQUE INDEX bookings_active_per_user ON bookings (event_id, user_id) WHERE status IN ('PENDING_PAYMENT', 'CONFIRMED')`,
  );
  await queryInterface.addIndex('bookings', ['ticket_code'], { name: 'bookings_ticket_code_unique', unique: true });
  await queryInterface.addIndex('bookings', ['status', 'payment_deadline'], { name: 'bookings_expiry' });
  await queryInterface.addIndex('bookings', ['event_id', 'status'], { name: 'bookings_by_event_status' });
  await queryInterface.addIndex('bookings', ['user_id', 'created_at'], { name: 'bookings_by_user' });
  // Lists newest first across events (an organiser's or an admin's view).
  await queryInterface.addIndex('bookings', ['created_at', 'id'], { name: 'bookings_by_created' });

  await queryInterface.createTable('payments', {
    id: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
    booking_id: { type: DataTypes.UUID, allowNull: false, references: { model: 'bookings', key: 'id' }, onDelete: 'RESTRICT' },
    amount: { type: DataTypes.INTEGER, allowNull: false },
    currency: { type: DataTypes.STRING(3), allowNull: false },
    status: { type: DataTypes.STRING(20), allowNull: false },
    gateway: { type: DataTypes.STRING(32), allowNull: false },
    gateway_reference: { type: DataTypes.STRING(255), allowNull: false },
    payment_url: { type: DataTypes.TEXT, allowNull: true },
    refunded_amount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  await queryInterface.addIndex('payments', ['gateway', 'gateway_reference'], { name: 'payments_reference_unique', unique: true });
  await sequelize.query(`CREATE UNIQUE INDEX payments_open_per_booking ON payments (booking_id) WHERE status = 'INITIATED'`);
  await queryInterface.addIndex('payments', ['booking_id', 'created_at'], { name: 'payments_by_booking' });

  await queryInterface.createTable('payment_events', {
    gateway: { type: DataTypes.STRING(32), primaryKey: true, allowNull: false },
    event_id: { type: DataTypes.STRING(255), primaryKey: true, allowNull: false },
    received_at: { type: DataTypes.DATE, allowNull: false },
  });

  await queryInterface.createTable('refunds', {
    id: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
    payment_id: { type: DataTypes.UUID, allowNull: false, references: { model: 'payments', key: 'id' }, onDelete: 'RESTRICT' },
    booking_id: { type: DataTypes.UUID, allowNull: false, references: { model: 'bookings', key: 'id' }, onDelete: 'RESTRICT' },
    amount: { type: DataTypes.INTEGER, allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    reason: { type: DataTypes.TEXT, allowNull: true },
    gateway_reference: { type: DataTypes.STRING(255), allowNull: true },
    refund_key: { type: DataTypes.STRING(255), allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  await queryInterface.addIndex('refunds', ['refund_key'], { name: 'refunds_key_unique', unique: true });
  await queryInterface.addIndex('refunds', ['gateway_reference'], { name: 'refunds_by_reference' });
  await queryInterface.addIndex('refunds', ['booking_id', 'created_at'], { name: 'refunds_by_booking' });
  await queryInterface.addIndex('refunds', ['payment_id', 'created_at'], { name: 'refunds_by_payment' });
  // The retry of refunds a gateway failure left PENDING, oldest first.
  await queryInterface.addIndex('refunds', ['status', 'created_at'], { name: 'refunds_by_status' });
}

export async function down({ context: { queryInterface } }: MigrationParams<MigrationContext>): Promise<void> {
  await queryInterface.dropTable('refunds');
  await queryInterface.dropTable('payment_events');
  await queryInterface.dropTable('payments');
  await queryInterface.dropTable('bookings');
}
