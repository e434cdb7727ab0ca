/**
 * Why a call to the crew service failed. The application records any thrown error as a failed attempt and retries
 * with back-off (FulfilCrewRequestService); the kind decides what the HTTP client does within one call:
 * - `unavailable` (connection refused, 408, 429, 5xx) and `timeout`: retried at once with back-off, and counted by
 *   the circuit breaker, since they say the service is in trouble;
 * - `rejected` (any other 4xx): the service understood and refused; asking again now would not help;
 * - `protocol`: it answered 2xx with a body that is not what docs/crew-service.md promises;
 * - `circuit_open`: not called at all, because recent calls kept failing.
 */
export type CrewServiceErrorKind = 'unavailable' | 'timeout' | 'rejected' | 'protocol' | 'circuit_open';

export class CrewServiceError extends Error {
  override readonly name = 'CrewServiceError';

  constructor(
    message: string,
    readonly kind: CrewServiceErrorKind,
    /** The HTTP status, when the service answered. */
    readonly status: number | null = null,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
  }

  /** Worth another attempt within the same call, and a sign of trouble for the breaker. */
  get transient(): boolean {
    return this.kind === 'unavailable' || this.kind === 'timeout';
  }
}
