import { CheckReadinessUseCase, type HealthCheck } from '@aquastream/application';
import { Container } from 'inversify';
import type { Logger } from 'pino';
import type { HttpConfig } from './config.js';
import { TOKENS } from './tokens.js';

/** The composition root: every object the app uses is built here, once. */
export function buildContainer(config: HttpConfig, logger: Logger): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(TOKENS.Config).toConstantValue(config);
  container.bind(TOKENS.Logger).toConstantValue(logger);
  // Dependencies register their probes here as they arrive (database, broker: later issues).
  container.bind(TOKENS.HealthChecks).toConstantValue([] as readonly HealthCheck[]);
  container
    .bind(TOKENS.CheckReadiness)
    .toResolvedValue((checks: readonly HealthCheck[]) => new CheckReadinessUseCase(checks), [TOKENS.HealthChecks]);
  return container;
}
