import type { AppConfig, SandboxPaymentGateway, Storage, UseCases } from '@aquastream/adapters';
import type { CheckReadinessUseCase, Clock } from '@aquastream/application';
import type { Logger } from 'pino';
import type { TokenVerifier } from './auth/token-verifier.js';
import type { HttpMetrics } from './observability/metrics.js';

/** Everything the HTTP app needs, built once by the composition root (or by a test). */
export type AppDeps = {
  readonly config: AppConfig;
  readonly useCases: UseCases;
  readonly storage: Storage;
  readonly readiness: CheckReadinessUseCase;
  readonly verifier: TokenVerifier;
  /** The sandbox gateway, for its checkout page and webhook verification (PAYMENT_GATEWAY=sandbox). */
  readonly sandbox: SandboxPaymentGateway | null;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: HttpMetrics;
};
