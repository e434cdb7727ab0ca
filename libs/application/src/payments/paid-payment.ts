import type { PaymentRecord, PaymentRepository } from '../ports/payment-repository.port.js';
import type { TxContext } from '../ports/unit-of-work.port.js';

/**
 * The payment that paid for a booking: the latest one with money still on it, else the latest fully refunded one.
 * A booking is confirmed by one payment; a duplicate that arrived later is refunded in full, so it never wins
 * over the one that still holds money.
 */
export async function findPaidPayment(payments: PaymentRepository, tx: TxContext | null, bookingId: string): Promise<PaymentRecord | null> {
  const all = await payments.listForBooking(tx, bookingId);
  const holding = all.filter((p) => p.status === 'COMPLETED' || p.status === 'PARTIALLY_REFUNDED');
  if (holding.length > 0) return holding[holding.length - 1] ?? null;
  const refunded = all.filter((p) => p.status === 'REFUNDED');
  return refunded[refunded.length - 1] ?? null;
}

/** Keys of the refunds that may exist only once (see RefundRecord.key). */
export const cancelRefundKey = (bookingId: string): string => `cancel:${bookingId}`;
export const paymentRefundKey = (paymentId: string): string => `payment:${paymentId}`;
