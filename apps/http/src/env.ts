import type { UseCaseContext } from '@aquastream/application';
import type { Logger } from 'pino';

/** What every request carries through the middleware chain. */
export type AppVariables = {
  correlationId: string;
  /** The caller (guest when no token) and the correlation id, as use cases take them. */
  ctx: UseCaseContext;
  /** The token could not be checked because the JWKS endpoint is down: authenticated routes answer 503. */
  authUnavailable: boolean;
  /** A child logger that stamps the correlation id on every line. */
  logger: Logger;
};

export type AppEnv = { Variables: AppVariables };
