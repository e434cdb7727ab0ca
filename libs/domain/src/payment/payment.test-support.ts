// Builders for tests only (excluded from the build by tsconfig.lib.json).
import { T0 } from '../shared/fixtures.test-support.js';
import type { Payment } from './payment.types.js';

export function aPayment(overrides: Partial<Payment> = {}): Payment {
  return {
    id: 'pay-1', bookingId: 'bkg-1', amount: 1999, currency: 'RUB', status: 'INITIATED', gateway: 'sandbox',
    gatewayReference: 'ref-1', refundedAmount: 0, createdAt: T0, updatedAt: T0, ...overrides,
  };
}
