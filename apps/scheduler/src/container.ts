import {
  createCrewClient,
  createPaymentGateway,
  createUseCases,
  useCaseSettingsFrom,
  RandomTicketCodeGenerator,
  SCHEDULED_JOB_NAMES,
  SystemClock,
  UuidV7IdGenerator,
  type AppConfig,
  type Storage,
  type UseCases,
} from '@aquastream/adapters';
import type { Clock, CrewClient, IdGenerator, PaymentGateway, TicketCodeGenerator } from '@aquastream/application';
import { Container } from 'inversify';
import type { Logger } from 'pino';
import { SchedulerMetrics } from './scheduler-metrics.js';
import { TOKENS } from './tokens.js';

export type ContainerInput = {
  readonly config: AppConfig;
  readonly logger: Logger;
  /** SQL storage in production (createSqlStorage), in-memory storage in tests. */
  readonly storage: Storage;
  /** Tests pass their own; production uses the system clock. */
  readonly clock?: Clock;
  readonly collectDefaultMetrics?: boolean;
};

/**
 * The scheduler's composition root: the same use cases as the API (createUseCases), with the same payment gateway
 * (the expiry job asks it about open payments) and crew client (the crew retries call it), built once.
 */
export function buildContainer(input: ContainerInput): Container {
  const { config } = input;
  const c = new Container({ defaultScope: 'Singleton' });
  c.bind(TOKENS.Config).toConstantValue(config);
  c.bind(TOKENS.Logger).toConstantValue(input.logger);
  c.bind(TOKENS.Storage).toConstantValue(input.storage);
  c.bind(TOKENS.Clock).toConstantValue(input.clock ?? new SystemClock());
  c.bind(TOKENS.Ids).toConstantValue(new UuidV7IdGenerator());
  c.bind(TOKENS.TicketCodes).toConstantValue(new RandomTicketCodeGenerator());
  c.bind(TOKENS.Gateway).toConstantValue(createPaymentGateway(config).gateway);
  c.bind(TOKENS.Crew).toConstantValue(
    createCrewClient(config, { onCircuitChange: (state) => input.logger.warn({ circuit: state }, `crew service circuit ${state}`) }),
  );
  c.bind(TOKENS.Metrics).toConstantValue(new SchedulerMetrics(SCHEDULED_JOB_NAMES, { defaults: input.collectDefaultMetrics ?? true, outbox: input.storage.outbox }));
  c.bind(TOKENS.UseCases).toResolvedValue(
    (storage: Storage, clock: Clock, ids: IdGenerator, ticketCodes: TicketCodeGenerator, gateway: PaymentGateway, crew: CrewClient): UseCases =>
      createUseCases(storage, {
        clock,
        ids,
        ticketCodes,
        gateway,
        crew,
        settings: useCaseSettingsFrom(config),
      }),
    [TOKENS.Storage, TOKENS.Clock, TOKENS.Ids, TOKENS.TicketCodes, TOKENS.Gateway, TOKENS.Crew],
  );
  return c;
}
