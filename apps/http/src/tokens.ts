import type { AppConfig, SandboxPaymentGateway, Storage, UseCases } from '@aquastream/adapters';
import type { CheckReadinessUseCase, Clock, CrewClient, HealthCheck, IdGenerator, PaymentGateway, TicketCodeGenerator } from '@aquastream/application';
import type { ServiceIdentifier } from 'inversify';
import type { Logger } from 'pino';
import type { TokenVerifier } from './auth/token-verifier.js';
import type { AppDeps } from './deps.js';
import type { HttpMetrics } from './observability/metrics.js';

/** Every injection token of the HTTP app, in one place. */
export const TOKENS = {
  Config: Symbol.for('Config') as ServiceIdentifier<AppConfig>,
  Logger: Symbol.for('Logger') as ServiceIdentifier<Logger>,
  BaseStorage: Symbol.for('BaseStorage') as ServiceIdentifier<Storage>,
  Storage: Symbol.for('Storage') as ServiceIdentifier<Storage>,
  HealthChecks: Symbol.for('HealthChecks') as ServiceIdentifier<readonly HealthCheck[]>,
  CheckReadiness: Symbol.for('CheckReadiness') as ServiceIdentifier<CheckReadinessUseCase>,
  Metrics: Symbol.for('Metrics') as ServiceIdentifier<HttpMetrics>,
  Clock: Symbol.for('Clock') as ServiceIdentifier<Clock>,
  Ids: Symbol.for('Ids') as ServiceIdentifier<IdGenerator>,
  TicketCodes: Symbol.for('TicketCodes') as ServiceIdentifier<TicketCodeGenerator>,
  Sandbox: Symbol.for('Sandbox') as ServiceIdentifier<SandboxPaymentGateway>,
  Gateway: Symbol.for('Gateway') as ServiceIdentifier<PaymentGateway>,
  Crew: Symbol.for('Crew') as ServiceIdentifier<CrewClient>,
  UseCases: Symbol.for('UseCases') as ServiceIdentifier<UseCases>,
  Verifier: Symbol.for('Verifier') as ServiceIdentifier<TokenVerifier>,
  AppDeps: Symbol.for('AppDeps') as ServiceIdentifier<AppDeps>,
} as const;
