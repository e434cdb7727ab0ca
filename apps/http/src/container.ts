import {
  createCrewClient,
  createPaymentGateway,
  createUseCases,
  useCaseSettingsFrom,
  RandomTicketCodeGenerator,
  SystemClock,
  UuidV7IdGenerator,
  type AppConfig,
  type Storage,
  type UseCases,
} from '@aquastream/adapters';
import {
  CheckReadinessUseCase,
  type Clock,
  type CrewClient,
  type HealthCheck,
  type IdGenerator,
  type PaymentGateway,
  type TicketCodeGenerator,
} from '@aquastream/application';
import { Container } from 'inversify';
import type { Logger } from 'pino';
import { TokenVerifier } from './auth/token-verifier.js';
import type { AppDeps } from './deps.js';
import { CountingOutbox } from './observability/counting-outbox.js';
import { HttpMetrics } from './observability/metrics.js';
import { TOKENS } from './tokens.js';

export type ContainerInput = {
  readonly config: AppConfig;
  readonly logger: Logger;
  /** SQL storage in production (createSqlStorage), in-memory storage in tests. */
  readonly storage: Storage;
  /** The probes of `/health/ready` (the database's, in production). */
  readonly healthChecks: readonly HealthCheck[];
  /** Tests pass their own clock; production uses the system clock. */
  readonly clock?: Clock;
  readonly collectDefaultMetrics?: boolean;
};

/** The composition root: every object the app uses is built here, once. */
export function buildContainer(input: ContainerInput): Container {
  const { config } = input;
  // PAYMENT_GATEWAY picks the provider; the concrete one also serves its own pages and webhook reading (AppDeps).
  const payments = createPaymentGateway(config);
  const c = new Container({ defaultScope: 'Singleton' });
  c.bind(TOKENS.Config).toConstantValue(config);
  c.bind(TOKENS.Logger).toConstantValue(input.logger);
  c.bind(TOKENS.BaseStorage).toConstantValue(input.storage);
  c.bind(TOKENS.HealthChecks).toConstantValue(input.healthChecks);
  c.bind(TOKENS.Clock).toConstantValue(input.clock ?? new SystemClock());
  c.bind(TOKENS.Ids).toConstantValue(new UuidV7IdGenerator());
  c.bind(TOKENS.TicketCodes).toConstantValue(new RandomTicketCodeGenerator());
  // The HTTP client when CREW_SERVICE_URL is set, otherwise the fake that assigns at once (the embedded default).
  c.bind(TOKENS.Crew).toConstantValue(
    createCrewClient(config, {
      onCircuitChange: (state) => input.logger[state === 'closed' ? 'info' : 'warn']({ circuit: state }, `crew service circuit ${state}`),
    }),
  );
  c.bind(TOKENS.Metrics).toResolvedValue((base: Storage) => new HttpMetrics(base.outbox, input.collectDefaultMetrics ?? true), [TOKENS.BaseStorage]);
  c.bind(TOKENS.Storage).toResolvedValue(
    (base: Storage, metrics: HttpMetrics): Storage => ({ ...base, outbox: new CountingOutbox(base.outbox, metrics) }),
    [TOKENS.BaseStorage, TOKENS.Metrics],
  );
  if (payments.sandbox !== null) c.bind(TOKENS.Sandbox).toConstantValue(payments.sandbox);
  c.bind(TOKENS.Gateway).toConstantValue(payments.gateway);
  c.bind(TOKENS.UseCases).toResolvedValue(
    (storage: Storage, clock: Clock, ids: IdGenerator, ticketCodes: TicketCodeGenerator, gateway: PaymentGateway, crew: CrewClient) =>
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
  c.bind(TOKENS.CheckReadiness).toResolvedValue((checks: readonly HealthCheck[]) => new CheckReadinessUseCase(checks), [TOKENS.HealthChecks]);
  c.bind(TOKENS.Verifier).toConstantValue(new TokenVerifier(config.auth));
  c.bind(TOKENS.AppDeps).toResolvedValue(
    (
      storage: Storage,
      useCases: UseCases,
      readiness: CheckReadinessUseCase,
      verifier: TokenVerifier,
      clock: Clock,
      metrics: HttpMetrics,
    ): AppDeps => ({ config, useCases, storage, readiness, verifier, sandbox: payments.sandbox, stripe: payments.stripe, clock, logger: input.logger, metrics }),
    [TOKENS.Storage, TOKENS.UseCases, TOKENS.CheckReadiness, TOKENS.Verifier, TOKENS.Clock, TOKENS.Metrics],
  );
  return c;
}
