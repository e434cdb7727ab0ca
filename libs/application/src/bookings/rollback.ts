import { err, type Result } from '@aquastream/domain';
import type { AppError } from '../errors.js';
import type { TxContext, UnitOfWork } from '../ports/unit-of-work.port.js';

/**
 * Thrown inside a unit of work once it has written something that must not commit: the transaction rolls back and
 * `inTransaction` answers `error`. Returning an `err` instead would commit the writes already made.
 */
export class Rollback extends Error {
  override readonly name = 'Rollback';
  constructor(readonly error: AppError) {
    super(`rolled back: ${error.type}`);
  }
}

/** Runs `work` in one transaction; a `Rollback` it throws becomes its answer, anything else propagates. */
export async function inTransaction<T>(
  uow: UnitOfWork,
  work: (tx: TxContext) => Promise<Result<T, AppError>>,
): Promise<Result<T, AppError>> {
  try {
    return await uow.run(work);
  } catch (error: unknown) {
    if (error instanceof Rollback) return err(error.error);
    throw error;
  }
}
