import type { CheckReadinessUseCase, HealthCheck } from '@aquastream/application';
import type { ServiceIdentifier } from 'inversify';
import type { Logger } from 'pino';
import type { AppConfig, Database } from '@aquastream/adapters';

/** Every injection token of the HTTP app, in one place. */
export const TOKENS = {
  Config: Symbol.for('Config') as ServiceIdentifier<AppConfig>,
  Database: Symbol.for('Database') as ServiceIdentifier<Database>,
  Logger: Symbol.for('Logger') as ServiceIdentifier<Logger>,
  HealthChecks: Symbol.for('HealthChecks') as ServiceIdentifier<readonly HealthCheck[]>,
  CheckReadiness: Symbol.for('CheckReadiness') as ServiceIdentifier<CheckReadinessUseCase>,
} as const;
