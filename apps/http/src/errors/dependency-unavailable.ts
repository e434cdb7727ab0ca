import { isDatabaseUnavailable } from '@aquastream/adapters';
import { problem, type Problem } from '../problem.js';

/** Seconds a client is asked to wait before retrying a request refused because the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * A thrown error that means a dependency is away rather than a bug (DESIGN §4: "503 dependency down"): the database
 * refused, timed out, lost the connection under a query or had no pooled connection free within the acquire timeout.
 * Answered as 503 `DATABASE_UNAVAILABLE` with `Retry-After`; null for anything else (which stays a logged 500).
 */
export function dependencyUnavailableProblem(error: unknown): Problem | null {
  if (!isDatabaseUnavailable(error)) return null;
  return problem(503, 'DATABASE_UNAVAILABLE', 'Service Unavailable', 'the database cannot be reached; nothing was changed, try again shortly');
}
