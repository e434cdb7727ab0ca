import type { CheckReadinessUseCase, HealthCheck } from '@aquastream/application';
import type { ServiceIdentifier } from 'inversify';
import type { Logger } from 'pino';
import type { HttpConfig } from './config.js';

/** Every injection token of the HTTP app, in one place. */
export const TOKENS = {
  Config: Symbol.for('Config') as ServiceIdentifier<HttpConfig>,
  Logger: Symbol.for('Logger') as ServiceIdentifier<Logger>,
  HealthChecks: Symbol.for('HealthChecks') as ServiceIdentifier<readonly HealthCheck[]>,
  CheckReadiness: Symbol.for('CheckReadiness') as ServiceIdentifier<CheckReadinessUseCase>,
} as const;
