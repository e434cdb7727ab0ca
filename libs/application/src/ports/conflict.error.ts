/**
 * Thrown by an adapter when the database refuses a write for a uniqueness rule (a partial unique index, a unique
 * code). Throwing rolls the unit of work back; the use case turns it into its business error (`ALREADY_BOOKED`, …).
 */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(
    /** Which rule refused it, named by the port (e.g. `booking_active_per_user`), not by the driver. */
    readonly constraint: string,
    message = `conflict on ${constraint}`,
  ) {
    super(message);
  }
}
