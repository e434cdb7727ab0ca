import { ok, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { Clock } from '../ports/clock.port.js';
import type { GatewayEvent } from '../ports/payment-gateway.port.js';
import type { PaymentRepository } from '../ports/payment-repository.port.js';
import type { TxContext, UnitOfWork } from '../ports/unit-of-work.port.js';
import { inTransaction, Rollback } from '../bookings/rollback.js';
import { mismatchOf, type PaymentSettlement, type SettlementOutcome } from './payment-settlement.service.js';
import type { RefundService } from './refund.service.js';

export type GatewayEventRequest = {
  /** The gateway the webhook came in for (`/payments/webhooks/{gateway}`). */
  readonly gateway: string;
  /** Already verified (signature, freshness) by that gateway's adapter. */
  readonly event: GatewayEvent;
};

export type GatewayEventOutcome = SettlementOutcome | 'duplicate' | 'refund_completed' | 'ignored';
export type HandledGatewayEvent = { readonly outcome: GatewayEventOutcome; readonly paymentId: string | null };

/**
 * POST /payments/webhooks/{gateway} after verification. The event id is remembered in the same transaction as its
 * effect, so a duplicate delivery is a no-op, and a report that does not match (amount, currency) rolls back
 * without remembering anything. A refund the settlement requested is sent once the transaction committed.
 */
export class HandleGatewayEventUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly payments: PaymentRepository,
    private readonly settlement: PaymentSettlement,
    private readonly refunds: RefundService,
    private readonly clock: Clock,
  ) {}

  async execute(ctx: UseCaseContext, input: GatewayEventRequest): Promise<Result<HandledGatewayEvent, AppError>> {
    const { gateway, event } = input;
    const handled = await inTransaction(this.uow, async (tx) => {
      if (!(await this.payments.recordGatewayEvent(tx, gateway, event.id, this.clock.now()))) {
        return ok({ outcome: 'duplicate' as const, paymentId: null, refundId: null });
      }
      switch (event.type) {
        case 'payment.succeeded':
        case 'payment.failed':
          return this.paymentEvent(tx, ctx, input);
        case 'refund.succeeded':
          return this.refundEvent(tx, ctx, input);
      }
    });
    if (!handled.ok) return handled;
    const { outcome, paymentId, refundId } = handled.value;
    if (refundId !== null) await this.refunds.process(ctx, refundId);
    return ok({ outcome, paymentId });
  }

  private async paymentEvent(
    tx: TxContext,
    ctx: UseCaseContext,
    { gateway, event }: GatewayEventRequest,
  ): Promise<Result<{ outcome: GatewayEventOutcome; paymentId: string | null; refundId: string | null }, AppError>> {
    const payment = await this.payments.findByReference(tx, gateway, event.reference);
    // Not remembered (rolled back): the gateway retries, and by then the payment that raced this webhook exists.
    if (payment === null) throw new Rollback(appError('PAYMENT_NOT_FOUND', `no ${gateway} payment ${event.reference}`));
    const report = { amount: event.amount, currency: event.currency };
    const settled =
      event.type === 'payment.succeeded'
        ? await this.settlement.succeeded(tx, ctx, payment, report)
        : await this.settlement.failed(tx, ctx, payment, report);
    if (!settled.ok) throw new Rollback(settled.error);
    return ok({ outcome: settled.value.outcome, paymentId: payment.id, refundId: settled.value.refundId });
  }

  private async refundEvent(
    tx: TxContext,
    ctx: UseCaseContext,
    { gateway, event }: GatewayEventRequest,
  ): Promise<Result<{ outcome: GatewayEventOutcome; paymentId: string | null; refundId: string | null }, AppError>> {
    const refund = await this.payments.findRefundByReference(tx, gateway, event.reference);
    // Our own synchronous call usually records the refund first; a refund we never asked for is not ours to book.
    if (refund === null) return ok({ outcome: 'ignored', paymentId: null, refundId: null });
    const payment = await this.payments.findById(tx, refund.paymentId);
    if (payment === null) throw new Error(`refund ${refund.id} points at a payment that does not exist`);
    const mismatch = mismatchOf({ amount: refund.amount, currency: payment.currency }, { amount: event.amount, currency: event.currency });
    if (mismatch !== null) throw new Rollback(mismatch);
    const before = refund.status;
    const after = await this.refunds.complete(tx, ctx, refund.id, event.reference);
    const outcome = before === 'PENDING' && after?.status === 'COMPLETED' ? 'refund_completed' : 'unchanged';
    return ok({ outcome, paymentId: payment.id, refundId: null });
  }
}
