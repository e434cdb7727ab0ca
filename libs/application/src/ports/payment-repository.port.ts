import type { Instant, Payment, PaymentStatus, RefundStatus } from '@aquastream/domain';
import type { TxContext } from './unit-of-work.port.js';

/** A payment as stored: the domain's payment plus the checkout page the gateway gave for it. */
export type PaymentRecord = Payment & { readonly paymentUrl: string | null };

/** Money on its way back for one payment; PENDING until the gateway confirms it. */
export type RefundRecord = {
  readonly id: string;
  readonly paymentId: string;
  readonly bookingId: string;
  readonly amount: number;
  readonly status: RefundStatus;
  readonly reason: string | null;
  /** The gateway's id for the refund, known once it accepted it. */
  readonly gatewayReference: string | null;
  /**
   * What the refund is for, when it may exist only once (`cancel:<bookingId>`, `payment:<paymentId>`); unique.
   * `null` for an organiser's ad-hoc refund, which the HTTP idempotency key protects instead.
   */
  readonly key: string | null;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
};

export type RefundQuery = {
  readonly bookingId?: string;
  readonly paymentId?: string;
  readonly status?: RefundStatus;
  readonly limit: number;
};

export interface PaymentRepository {
  /**
   * A second INITIATED payment for one booking is refused by a partial unique index:
   * `ConflictError('payment_open_per_booking')`; a reference the gateway already used: `ConflictError('payment_reference')`.
   */
  insert(tx: TxContext, payment: PaymentRecord): Promise<void>;
  findById(tx: TxContext | null, id: string): Promise<PaymentRecord | null>;
  /** The booking's INITIATED payment, if any. */
  findOpenForBooking(tx: TxContext | null, bookingId: string): Promise<PaymentRecord | null>;
  findByReference(tx: TxContext | null, gateway: string, reference: string): Promise<PaymentRecord | null>;
  /** Oldest first. */
  listForBooking(tx: TxContext | null, bookingId: string): Promise<readonly PaymentRecord[]>;
  /** Compare-and-set on the status; refunded amounts are not written here (see `addRefundedAmount`). */
  transition(tx: TxContext, next: PaymentRecord, expectedStatus: PaymentStatus): Promise<boolean>;
  /**
   * One conditional update: `refunded_amount + amount <= amount` on a COMPLETED or PARTIALLY_REFUNDED payment, the
   * status becoming REFUNDED when it reaches the amount and PARTIALLY_REFUNDED otherwise. Returns the payment as
   * written, or `null` when the condition did not hold (nothing changed), so refunds never add up past the payment.
   */
  addRefundedAmount(tx: TxContext, paymentId: string, amount: number, now: Instant): Promise<PaymentRecord | null>;
  /** Remembers a processed webhook id; `false` when it was already seen, so a duplicate delivery is a no-op. */
  recordGatewayEvent(tx: TxContext, gateway: string, eventId: string, now: Instant): Promise<boolean>;
  /** A refund whose `key` is already used: `ConflictError('refund_key')`. */
  insertRefund(tx: TxContext, refund: RefundRecord): Promise<void>;
  /** Compare-and-set on the refund's status. */
  updateRefund(tx: TxContext, next: RefundRecord, expectedStatus: RefundStatus): Promise<boolean>;
  findRefundById(tx: TxContext | null, id: string): Promise<RefundRecord | null>;
  findRefundByKey(tx: TxContext | null, key: string): Promise<RefundRecord | null>;
  /** By the gateway's refund id, among payments of that gateway. */
  findRefundByReference(tx: TxContext | null, gateway: string, reference: string): Promise<RefundRecord | null>;
  /** Oldest first. */
  listRefunds(tx: TxContext | null, query: RefundQuery): Promise<readonly RefundRecord[]>;
}
