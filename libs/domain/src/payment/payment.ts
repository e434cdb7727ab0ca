import { domainEvent, type Transition } from '../shared/domain-event.js';
import { domainError, type DomainError } from '../shared/errors.js';
import { isCurrencyCode } from '../shared/money.js';
import { DomainInvariantError, err, ok, type Result } from '../shared/result.js';
import type { Instant } from '../shared/time.js';
import type { Payment } from './payment.types.js';

type MismatchError = Extract<DomainError, { type: 'PAYMENT_MISMATCH' }>;
type RefundError = Extract<DomainError, { type: 'PAYMENT_NOT_REFUNDABLE' | 'REFUND_EXCEEDS_PAYMENT' | 'INVALID_REFUND_AMOUNT' }>;

const unchanged = (payment: Payment): Transition<Payment> => ({ state: payment, events: [] });

export type InitiatePaymentInput = {
  readonly id: string;
  readonly bookingId: string;
  readonly amount: number;
  readonly currency: string;
  readonly gateway: string;
  readonly gatewayReference: string;
  readonly now: Instant;
};

/** A payment for a booking's total; free bookings never get one, so the amount is positive. */
export function initiatePayment(input: InitiatePaymentInput): Transition<Payment> {
  const { id, bookingId, amount, currency, gateway, now } = input;
  if (!Number.isSafeInteger(amount) || amount < 1) {
    throw new DomainInvariantError('INVALID_AMOUNT', `a payment amount must be a positive integer, got ${amount}`);
  }
  if (!isCurrencyCode(currency)) throw new DomainInvariantError('INVALID_ARGUMENT', `not a currency code: "${currency}"`);
  const payment: Payment = {
    id, bookingId, amount, currency, status: 'INITIATED', gateway, gatewayReference: input.gatewayReference,
    refundedAmount: 0, createdAt: now, updatedAt: now,
  };
  return { state: payment, events: [domainEvent('payment.initiated', id, { paymentId: id, bookingId, amount, currency, gateway })] };
}

/**
 * The gateway reports success. A report whose amount or currency differ is refused and changes nothing.
 * A late success after a failure still completes (money did arrive); repeated reports are no-ops.
 */
export function completePayment(
  payment: Payment,
  input: { readonly amount: number; readonly currency: string; readonly now: Instant },
): Result<Transition<Payment>, MismatchError> {
  if (input.currency !== payment.currency) {
    return err(domainError('PAYMENT_MISMATCH', `expected ${payment.currency}, got ${input.currency}`, { field: 'currency' }));
  }
  if (input.amount !== payment.amount) {
    return err(domainError('PAYMENT_MISMATCH', `expected ${payment.amount}, got ${input.amount}`, { field: 'amount' }));
  }
  switch (payment.status) {
    case 'INITIATED':
    case 'FAILED': {
      const state: Payment = { ...payment, status: 'COMPLETED', updatedAt: input.now };
      const { id, bookingId, amount, currency } = payment;
      return ok({ state, events: [domainEvent('payment.completed', id, { paymentId: id, bookingId, amount, currency })] });
    }
    case 'COMPLETED':
    case 'PARTIALLY_REFUNDED':
    case 'REFUNDED':
      return ok(unchanged(payment));
  }
}

/** The gateway reports failure. Only an open payment can fail; a failure after success is stale news. */
export function failPayment(payment: Payment, input: { readonly reason: string | null; readonly now: Instant }): Transition<Payment> {
  switch (payment.status) {
    case 'INITIATED':
      return {
        state: { ...payment, status: 'FAILED', updatedAt: input.now },
        events: [
          domainEvent('payment.failed', payment.id, { paymentId: payment.id, bookingId: payment.bookingId, reason: input.reason }),
        ],
      };
    case 'FAILED':
    case 'COMPLETED':
    case 'PARTIALLY_REFUNDED':
    case 'REFUNDED':
      return unchanged(payment);
  }
}

/** What can still be refunded: the paid amount minus earlier refunds; 0 while nothing has been received. */
export const refundableAmount = (payment: Payment): number => {
  switch (payment.status) {
    case 'COMPLETED':
    case 'PARTIALLY_REFUNDED':
      return payment.amount - payment.refundedAmount;
    case 'INITIATED':
    case 'FAILED':
    case 'REFUNDED':
      return 0;
  }
};

/** Refunds part or all of a received payment; several partial refunds add up to at most the amount paid. */
export function refundPayment(
  payment: Payment,
  input: { readonly amount: number; readonly now: Instant },
): Result<Transition<Payment>, RefundError> {
  if (payment.status !== 'COMPLETED' && payment.status !== 'PARTIALLY_REFUNDED') {
    return err(domainError('PAYMENT_NOT_REFUNDABLE', `a ${payment.status} payment cannot be refunded`, { status: payment.status }));
  }
  if (!Number.isSafeInteger(input.amount) || input.amount < 1) {
    return err(domainError('INVALID_REFUND_AMOUNT', `a refund is a positive integer of minor units, got ${input.amount}`));
  }
  const refundable = refundableAmount(payment);
  if (input.amount > refundable) {
    return err(domainError('REFUND_EXCEEDS_PAYMENT', `only ${refundable} can still be refunded`, { refundable }));
  }
  const refundedTotal = payment.refundedAmount + input.amount;
  const state: Payment = {
    ...payment,
    refundedAmount: refundedTotal,
    status: refundedTotal === payment.amount ? 'REFUNDED' : 'PARTIALLY_REFUNDED',
    updatedAt: input.now,
  };
  const event = domainEvent('payment.refunded', payment.id, {
    paymentId: payment.id, bookingId: payment.bookingId, amount: input.amount, currency: payment.currency, refundedTotal,
  });
  return ok({ state, events: [event] });
}
