import type { MigrationParams } from 'umzug';
import type { MigrationContext } from '../migrator.js';

/**
 * The expiry job walks PENDING_PAYMENT bookings oldest deadline first (`ORDER BY payment_deadline, id LIMIT n`), in
 * batches of thousands until none is due. `bookings_expiry (status, payment_deadline)` finds them but leaves the id
 * tie-break to a sort of every due row, on every batch — quadratic when many share a deadline (a flash sale's holds
 * lapse together). This partial index has exactly the job's order and only the rows it looks for, so each batch
 * reads its own rows and stops; expired bookings leave it.
 */
export async function up({ context: { queryInterface } }: MigrationParams<MigrationContext>): Promise<void> {
  await queryInterface.addIndex('bookings', ['payment_deadline', 'id'], { name: 'bookings_pending_by_deadline', where: { status: 'PENDING_PAYMENT' } });
}

export async function down({ context: { queryInterface } }: MigrationParams<MigrationContext>): Promise<void> {
  await queryInterface.removeIndex('bookings', 'bookings_pending_by_deadline');
}
