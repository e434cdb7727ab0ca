import type { AppConfig, Storage, UseCases } from '@aquastream/adapters';
import type { Clock, CrewClient, IdGenerator, PaymentGateway, TicketCodeGenerator } from '@aquastream/application';
import type { ServiceIdentifier } from 'inversify';
import type { Logger } from 'pino';
import type { SchedulerMetrics } from './scheduler-metrics.js';

/** Every injection token of the scheduler app, in one place. */
export const TOKENS = {
  Config: Symbol.for('Config') as ServiceIdentifier<AppConfig>,
  Logger: Symbol.for('Logger') as ServiceIdentifier<Logger>,
  Storage: Symbol.for('Storage') as ServiceIdentifier<Storage>,
  Clock: Symbol.for('Clock') as ServiceIdentifier<Clock>,
  Ids: Symbol.for('Ids') as ServiceIdentifier<IdGenerator>,
  TicketCodes: Symbol.for('TicketCodes') as ServiceIdentifier<TicketCodeGenerator>,
  Gateway: Symbol.for('Gateway') as ServiceIdentifier<PaymentGateway>,
  Crew: Symbol.for('Crew') as ServiceIdentifier<CrewClient>,
  UseCases: Symbol.for('UseCases') as ServiceIdentifier<UseCases>,
  Metrics: Symbol.for('Metrics') as ServiceIdentifier<SchedulerMetrics>,
} as const;
