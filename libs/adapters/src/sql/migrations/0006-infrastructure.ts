import { DataTypes } from 'sequelize';
import type { MigrationParams } from 'umzug';
import type { MigrationContext } from '../migrator.js';

/**
 * Infrastructure tables: the transactional outbox (DESIGN §5) with its per-subject sequence counter, the audit log,
 * idempotency keys, and the job run records of the scheduler (DESIGN §6). None references a business table: the
 * outbox and the audit must outlive what they describe (a deleted draft still has its messages and history).
 */
export async function up({ context: { queryInterface } }: MigrationParams<MigrationContext>): Promise<void> {
  await queryInterface.createTable('outbox_messages', {
    id: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
    type: { type: DataTypes.STRING(64), allowNull: false },
    source: { type: DataTypes.STRING(255), allowNull: false },
    subject: { type: DataTypes.STRING(255), allowNull: false },
    time: { type: DataTypes.DATE, allowNull: false },
    correlation_id: { type: DataTypes.STRING(255), allowNull: false },
    actor_id: { type: DataTypes.STRING(255), allowNull: true },
    data: { type: DataTypes.JSON, allowNull: false },
    sequence: { type: DataTypes.INTEGER, allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    next_attempt_at: { type: DataTypes.DATE, allowNull: true },
    last_error: { type: DataTypes.TEXT, allowNull: true },
    sent_at: { type: DataTypes.DATE, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  // A consumer orders by (subject, sequence) and spots gaps: two messages may never share a number.
  await queryInterface.addIndex('outbox_messages', ['subject', 'sequence'], { name: 'outbox_subject_sequence', unique: true });
  // The relay: PENDING rows due now, oldest first (claimed with FOR UPDATE SKIP LOCKED on PostgreSQL).
  await queryInterface.addIndex('outbox_messages', ['status', 'next_attempt_at'], { name: 'outbox_relay' });
  // Operator listing (newest first), optionally by status or type.
  await queryInterface.addIndex('outbox_messages', ['time'], { name: 'outbox_by_time' });
  await queryInterface.addIndex('outbox_messages', ['status', 'time'], { name: 'outbox_by_status_time' });
  await queryInterface.addIndex('outbox_messages', ['type', 'time'], { name: 'outbox_by_type_time' });

  await queryInterface.createTable('outbox_sequences', {
    subject: { type: DataTypes.STRING(255), primaryKey: true, allowNull: false },
    last_sequence: { type: DataTypes.INTEGER, allowNull: false },
  });

  await queryInterface.createTable('audit_log', {
    id: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
    entity: { type: DataTypes.STRING(16), allowNull: false },
    entity_id: { type: DataTypes.STRING(255), allowNull: false },
    event_id: { type: DataTypes.UUID, allowNull: true },
    from_status: { type: DataTypes.STRING(32), allowNull: true },
    to_status: { type: DataTypes.STRING(32), allowNull: false },
    actor_id: { type: DataTypes.STRING(255), allowNull: false },
    reason: { type: DataTypes.TEXT, allowNull: true },
    at: { type: DataTypes.DATE, allowNull: false },
    correlation_id: { type: DataTypes.STRING(255), allowNull: false },
  });
  await queryInterface.addIndex('audit_log', ['entity', 'entity_id', 'at'], { name: 'audit_by_entity' });
  await queryInterface.addIndex('audit_log', ['actor_id', 'at'], { name: 'audit_by_actor' });
  // Unfiltered listing and the purge job (`at < cutoff`).
  await queryInterface.addIndex('audit_log', ['at'], { name: 'audit_by_time' });

  await queryInterface.createTable('idempotency_keys', {
    scope: { type: DataTypes.STRING(255), primaryKey: true, allowNull: false },
    key: { type: DataTypes.STRING(255), primaryKey: true, allowNull: false },
    request_hash: { type: DataTypes.STRING(128), allowNull: false },
    // NULL while the first request is still running; the HTTP status of its answer afterwards.
    status: { type: DataTypes.INTEGER, allowNull: true },
    response: { type: DataTypes.JSON, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
    expires_at: { type: DataTypes.DATE, allowNull: false },
  });
  await queryInterface.addIndex('idempotency_keys', ['expires_at'], { name: 'idempotency_expiry' });

  await queryInterface.createTable('job_runs', {
    name: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    last_started_at: { type: DataTypes.DATE, allowNull: true },
    last_finished_at: { type: DataTypes.DATE, allowNull: true },
    last_duration_ms: { type: DataTypes.INTEGER, allowNull: true },
    last_result: { type: DataTypes.STRING(16), allowNull: true },
    last_items: { type: DataTypes.INTEGER, allowNull: true },
    last_error: { type: DataTypes.TEXT, allowNull: true },
  });
}

export async function down({ context: { queryInterface } }: MigrationParams<MigrationContext>): Promise<void> {
  for (const table of ['job_runs', 'idempotency_keys', 'audit_log', 'outbox_sequences', 'outbox_messages']) {
    await queryInterface.dropTable(table);
  }
}
