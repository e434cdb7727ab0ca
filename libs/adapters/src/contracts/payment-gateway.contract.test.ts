import { SandboxPaymentGateway } from '../payments/sandbox-gateway.js';
import { describePaymentGatewayContract } from './payment-gateway.contract.js';

describePaymentGatewayContract('sandbox', () => {
  const gateway = new SandboxPaymentGateway({ secret: 'contract-secret', publicBaseUrl: 'http://localhost:8102/' });
  return {
    gateway,
    checkout(reference, choice, now) {
      const hook = gateway.checkout(reference, choice, now);
      return hook === null ? Promise.reject(new Error(`unknown ${reference}`)) : Promise.resolve(hook);
    },
    sign: (rawBody, now) => ({ rawBody, headers: { 'X-Sandbox-Signature': gateway.sign(rawBody, now) } }),
  };
});
