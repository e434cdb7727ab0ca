import type { MigrationParams } from 'umzug';
import type { MigrationContext } from '../migrator.js';

/**
 * The relay's claim walks PENDING rows oldest first (`ORDER BY time, id LIMIT n`). A partial index on exactly those
 * rows lets it stop after one batch instead of sorting the whole backlog on every claim — which matters after an outage,
 * when the backlog can be large — and it stays small however many SENT rows pile up.
 */
export async function up({ context: { queryInterface } }: MigrationParams<MigrationContext>): Promise<void> {
  await queryInterface.addIndex('outbox_messages', ['time', 'id'], { name: 'outbox_pending_by_time', where: { status: 'PENDING' } });
}

export async function down({ context: { queryInterface } }: MigrationParams<MigrationContext>): Promise<void> {
  await queryInterface.removeIndex('outbox_messages', 'outbox_pending_by_time');
}
