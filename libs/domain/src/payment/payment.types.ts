import type { Instant } from '../shared/time.js';

export type PaymentStatus = 'INITIATED' | 'COMPLETED' | 'FAILED' | 'REFUNDED' | 'PARTIALLY_REFUNDED';

export type Payment = {
  readonly id: string;
  readonly bookingId: string;
  readonly amount: number;
  readonly currency: string;
  readonly status: PaymentStatus;
  readonly gateway: string;
  readonly gatewayReference: string;
  readonly refundedAmount: number;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
};
