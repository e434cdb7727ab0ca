import { CheckReadinessUseCase, type HealthCheck } from '@aquastream/application';
import { Container } from 'inversify';
import type { Logger } from 'pino';
import { DatabaseHealthCheck, type AppConfig, type Database } from '@aquastream/adapters';
import { TOKENS } from './tokens.js';

/** The composition root: every object the app uses is built here, once. */
export function buildContainer(config: AppConfig, logger: Logger, db: Database): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(TOKENS.Config).toConstantValue(config);
  container.bind(TOKENS.Logger).toConstantValue(logger);
  container.bind(TOKENS.Database).toConstantValue(db);
  // Each required dependency registers its probe here (the broker joins when the relay lands).
  container
    .bind(TOKENS.HealthChecks)
    .toResolvedValue((database: Database): readonly HealthCheck[] => [new DatabaseHealthCheck(database)], [TOKENS.Database]);
  container
    .bind(TOKENS.CheckReadiness)
    .toResolvedValue((checks: readonly HealthCheck[]) => new CheckReadinessUseCase(checks), [TOKENS.HealthChecks]);
  return container;
}
