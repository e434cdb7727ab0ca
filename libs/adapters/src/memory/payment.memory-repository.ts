import {
  ConflictError,
  type PaymentRecord,
  type PaymentRepository,
  type RefundQuery,
  type RefundRecord,
  type TxContext,
} from '@aquastream/application';
import type { Instant, PaymentStatus, RefundStatus } from '@aquastream/domain';
import type { InMemoryDatabase } from './in-memory-database.js';

// A refused write rejects the promise (as a driver would) instead of throwing before it exists.
const attempt = <T>(work: () => T): Promise<T> => new Promise((resolve) => resolve(work()));
const oldestFirst = <T extends { createdAt: number; id: string }>(a: T, b: T): number =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Payments, processed webhook ids and refunds on the in-memory database, with the SQL adapter's constraints. */
export class InMemoryPaymentRepository implements PaymentRepository {
  constructor(private readonly db: InMemoryDatabase) {}

  private payments(tx: TxContext | null): Map<string, PaymentRecord> {
    return this.db.table<PaymentRecord>('payments', tx);
  }
  private refunds(tx: TxContext | null): Map<string, RefundRecord> {
    return this.db.table<RefundRecord>('refunds', tx);
  }

  private assertUnique(tx: TxContext, p: PaymentRecord): void {
    for (const other of this.payments(tx).values()) {
      if (other.id === p.id) continue;
      if (p.status === 'INITIATED' && other.status === 'INITIATED' && other.bookingId === p.bookingId) {
        throw new ConflictError('payment_open_per_booking');
      }
      if (other.gateway === p.gateway && other.gatewayReference === p.gatewayReference) throw new ConflictError('payment_reference');
    }
  }

  insert(tx: TxContext, payment: PaymentRecord): Promise<void> {
    return attempt(() => {
      if (this.payments(tx).has(payment.id)) throw new Error(`duplicate payment id ${payment.id}`);
      this.assertUnique(tx, payment);
      this.payments(tx).set(payment.id, structuredClone(payment));
    });
  }

  findById(tx: TxContext | null, id: string): Promise<PaymentRecord | null> {
    const p = this.payments(tx).get(id);
    return Promise.resolve(p ? structuredClone(p) : null);
  }

  findOpenForBooking(tx: TxContext | null, bookingId: string): Promise<PaymentRecord | null> {
    const p = [...this.payments(tx).values()].find((r) => r.bookingId === bookingId && r.status === 'INITIATED');
    return Promise.resolve(p ? structuredClone(p) : null);
  }

  findByReference(tx: TxContext | null, gateway: string, reference: string): Promise<PaymentRecord | null> {
    const p = [...this.payments(tx).values()].find((r) => r.gateway === gateway && r.gatewayReference === reference);
    return Promise.resolve(p ? structuredClone(p) : null);
  }

  listForBooking(tx: TxContext | null, bookingId: string): Promise<PaymentRecord[]> {
    const rows = [...this.payments(tx).values()].filter((p) => p.bookingId === bookingId).sort(oldestFirst);
    return Promise.resolve(rows.map((p) => structuredClone(p)));
  }

  transition(tx: TxContext, next: PaymentRecord, expectedStatus: PaymentStatus): Promise<boolean> {
    return attempt(() => {
      const current = this.payments(tx).get(next.id);
      if (current?.status !== expectedStatus) return false;
      const written: PaymentRecord = {
        ...current,
        status: next.status,
        gatewayReference: next.gatewayReference,
        paymentUrl: next.paymentUrl,
        updatedAt: next.updatedAt,
      };
      this.assertUnique(tx, written);
      this.payments(tx).set(next.id, written);
      return true;
    });
  }

  addRefundedAmount(tx: TxContext, paymentId: string, amount: number, now: Instant): Promise<PaymentRecord | null> {
    return attempt(() => {
      if (!Number.isSafeInteger(amount) || amount < 1) throw new Error(`refund amount must be a positive integer, got ${amount}`);
      const p = this.payments(tx).get(paymentId);
      if (!p || (p.status !== 'COMPLETED' && p.status !== 'PARTIALLY_REFUNDED') || p.refundedAmount + amount > p.amount) return null;
      const refundedAmount = p.refundedAmount + amount;
      const written: PaymentRecord = {
        ...p,
        refundedAmount,
        status: refundedAmount === p.amount ? 'REFUNDED' : 'PARTIALLY_REFUNDED',
        updatedAt: now,
      };
      this.payments(tx).set(paymentId, written);
      return structuredClone(written);
    });
  }

  recordGatewayEvent(tx: TxContext, gateway: string, eventId: string, now: Instant): Promise<boolean> {
    const seen = this.db.table<Instant>('payment_events', tx);
    const key = JSON.stringify([gateway, eventId]);
    if (seen.has(key)) return Promise.resolve(false);
    seen.set(key, now);
    return Promise.resolve(true);
  }

  insertRefund(tx: TxContext, refund: RefundRecord): Promise<void> {
    return attempt(() => {
      if (this.refunds(tx).has(refund.id)) throw new Error(`duplicate refund id ${refund.id}`);
      if (refund.key !== null && [...this.refunds(tx).values()].some((r) => r.key === refund.key)) throw new ConflictError('refund_key');
      this.refunds(tx).set(refund.id, structuredClone(refund));
    });
  }

  updateRefund(tx: TxContext, next: RefundRecord, expectedStatus: RefundStatus): Promise<boolean> {
    const current = this.refunds(tx).get(next.id);
    if (current?.status !== expectedStatus) return Promise.resolve(false);
    this.refunds(tx).set(next.id, {
      ...current,
      status: next.status,
      gatewayReference: next.gatewayReference,
      reason: next.reason,
      updatedAt: next.updatedAt,
    });
    return Promise.resolve(true);
  }

  findRefundById(tx: TxContext | null, id: string): Promise<RefundRecord | null> {
    const r = this.refunds(tx).get(id);
    return Promise.resolve(r ? structuredClone(r) : null);
  }

  findRefundByKey(tx: TxContext | null, key: string): Promise<RefundRecord | null> {
    const r = [...this.refunds(tx).values()].find((x) => x.key === key);
    return Promise.resolve(r ? structuredClone(r) : null);
  }

  findRefundByReference(tx: TxContext | null, gateway: string, reference: string): Promise<RefundRecord | null> {
    const payments = this.payments(tx);
    const r = [...this.refunds(tx).values()].find((x) => x.gatewayReference === reference && payments.get(x.paymentId)?.gateway === gateway);
    return Promise.resolve(r ? structuredClone(r) : null);
  }

  listRefunds(tx: TxContext | null, query: RefundQuery): Promise<RefundRecord[]> {
    const rows = [...this.refunds(tx).values()]
      .filter(
        (r) =>
          (query.bookingId === undefined || r.bookingId === query.bookingId) &&
          (query.paymentId === undefined || r.paymentId === query.paymentId) &&
          (query.status === undefined || r.status === query.status),
      )
      .sort(oldestFirst);
    return Promise.resolve(rows.slice(0, query.limit).map((r) => structuredClone(r)));
  }
}
