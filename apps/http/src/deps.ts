import type { AppConfig, SandboxPaymentGateway, Storage, StripePaymentGateway, UseCases } from '@aquastream/adapters';
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
  /** The Stripe gateway, for its webhook route (PAYMENT_GATEWAY=stripe); optional so that hand-built deps need not name it. */
  readonly stripe?: StripePaymentGateway | null;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: HttpMetrics;
};
