import type { PaymentGateway } from '@aquastream/application';
import type { AppConfig } from '../config/config.js';
import { SandboxPaymentGateway } from './sandbox-gateway.js';
import { StripePaymentGateway } from './stripe-gateway.js';

/** The gateway `PAYMENT_GATEWAY` selects, plus the concrete one, for what only it offers (checkout page, webhook reading). */
export type ConfiguredGateway =
  | { readonly name: 'sandbox'; readonly gateway: PaymentGateway; readonly sandbox: SandboxPaymentGateway; readonly stripe: null }
  | { readonly name: 'stripe'; readonly gateway: PaymentGateway; readonly sandbox: null; readonly stripe: StripePaymentGateway };

/** Built once per process by each composition root (API, scheduler), so that every app talks to the same provider. */
export function createPaymentGateway(config: Pick<AppConfig, 'paymentGateway' | 'paymentSandboxSecret' | 'publicBaseUrl' | 'stripe'>): ConfiguredGateway {
  switch (config.paymentGateway) {
    case 'sandbox': {
      const sandbox = new SandboxPaymentGateway({ secret: config.paymentSandboxSecret ?? '', publicBaseUrl: config.publicBaseUrl });
      return { name: 'sandbox', gateway: sandbox, sandbox, stripe: null };
    }
    case 'stripe': {
      if (config.stripe === null) throw new Error('PAYMENT_GATEWAY=stripe without its Stripe settings');
      const stripe = new StripePaymentGateway({ ...config.stripe, publicBaseUrl: config.publicBaseUrl });
      return { name: 'stripe', gateway: stripe, sandbox: null, stripe };
    }
  }
}
