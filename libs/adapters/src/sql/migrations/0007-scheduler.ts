import { DataTypes } from 'sequelize';
import type { MigrationParams } from 'umzug';
import type { MigrationContext } from '../migrator.js';

/**
 * The scheduler (DESIGN §6). `reminders_sent` makes a reminder go out once per booking and window: its key is the
 * pair, and the job inserts with `ON CONFLICT DO NOTHING` in the transaction that writes the message, so a second run
 * or a second replica finds the pair taken and sends nothing. `job_runs` gains who ran a job last and under which
 * correlation id, so that an operator of several replicas finds that run's log lines.
 */
export async function up({ context: { queryInterface } }: MigrationParams<MigrationContext>): Promise<void> {
  await queryInterface.createTable('reminders_sent', {
    booking_id: { type: DataTypes.UUID, primaryKey: true, allowNull: false, references: { model: 'bookings', key: 'id' }, onDelete: 'CASCADE' },
    // `window` is a keyword in SQL: quoted wherever it is written by hand.
    window: { type: DataTypes.STRING(8), primaryKey: true, allowNull: false },
    event_id: { type: DataTypes.UUID, allowNull: false },
    sent_at: { type: DataTypes.DATE, allowNull: false },
  });
  // The purge (`sent_at < cutoff`).
  await queryInterface.addIndex('reminders_sent', ['sent_at'], { name: 'reminders_sent_by_time' });

  await queryInterface.addColumn('job_runs', 'last_correlation_id', { type: DataTypes.STRING(255), allowNull: true });
  await queryInterface.addColumn('job_runs', 'last_runner', { type: DataTypes.STRING(255), allowNull: true });
}

export async function down({ context: { queryInterface } }: MigrationParams<MigrationContext>): Promise<void> {
  await queryInterface.removeColumn('job_runs', 'last_runner');
  await queryInterface.removeColumn('job_runs', 'last_correlation_id');
  await queryInterface.dropTable('reminders_sent');
}
