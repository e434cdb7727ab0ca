import type { AppError } from '@aquastream/application';
import type { Result } from '@aquastream/domain';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from './env.js';
import { domainErrorProblem } from './errors/domain-error-status.js';
import { problem, sendProblem, type Problem } from './problem.js';

const INSTANT_KEY = /(At|Deadline)$|^(startsAt|endsAt)$/;

/** Renders epoch-ms instants (keys `…At`, `…Deadline`, `startsAt`, `endsAt`) as ISO 8601 UTC, deeply. */
export function isoDeep(value: unknown, key = ''): unknown {
  if (typeof value === 'number' && INSTANT_KEY.test(key)) return new Date(value).toISOString();
  if (Array.isArray(value)) return value.map((v) => isoDeep(v));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, isoDeep(v, k)]));
  }
  return value;
}

/** A use case's error as the contract's problem document; a guest refused while the identity provider is down gets 503. */
export function errorResponse(c: Context<AppEnv>, error: AppError): Response {
  if (error.type === 'NOT_AUTHENTICATED' && c.get('authUnavailable')) {
    return sendProblem(c, problem(503, 'AUTH_UNAVAILABLE', 'Service Unavailable', 'the identity provider cannot be reached; try again shortly'));
  }
  if (error.type === 'NOT_AUTHENTICATED') c.header('WWW-Authenticate', 'Bearer');
  // Instants an error carries (closedAt, checkedInAt, …) are rendered like every other instant of the API.
  return sendProblem(c, isoDeep(domainErrorProblem(error)) as Problem);
}

/**
 * Answers a use case's Result: the value (through `view`, then with ISO instants) with `status`, or the problem
 * document of its error. Typed loosely on purpose: OpenAPI response schemas document the shapes.
 */
export function respond<T>(
  c: Context<AppEnv>,
  result: Result<T, AppError>,
  status: ContentfulStatusCode = 200,
  view: (value: T) => unknown = (v) => v,
): Response {
  if (!result.ok) return errorResponse(c, result.error);
  return c.json(isoDeep(view(result.value)) as object, status);
}
