import {
  ConflictError,
  type PaymentRecord,
  type PaymentRepository,
  type RefundQuery,
  type RefundRecord,
  type TxContext,
} from '@aquastream/application';
import type { Instant, PaymentStatus, RefundStatus } from '@aquastream/domain';
import { Op, QueryTypes, UniqueConstraintError, literal, type Model, type ModelStatic, type Sequelize, type WhereOptions } from 'sequelize';
import type { Database } from './database.js';
import { paymentColumns, paymentModel, refundColumns, refundModel, toPayment, toRefund } from './models/payment.model.js';
import { sqlTransaction } from './sql-unit-of-work.js';

/** The port's name for the uniqueness rule a write broke, or `null` for one the port does not name. */
function constraintOf(error: UniqueConstraintError, rules: readonly (readonly [RegExp, string])[]): string | null {
  const parent = error.parent as { constraint?: string; message?: string } | undefined;
  const text = [parent?.constraint, parent?.message, error.message, ...Object.keys(error.fields ?? {})].join(' ');
  return rules.find(([pattern]) => pattern.test(text))?.[1] ?? null;
}

const PAYMENT_RULES = [
  [/open_per_booking|booking_id/, 'payment_open_per_booking'],
  [/reference/, 'payment_reference'],
] as const;
const REFUND_RULES = [[/refund_key|key_unique/, 'refund_key']] as const;

function translated(error: unknown, rules: readonly (readonly [RegExp, string])[]): unknown {
  if (!(error instanceof UniqueConstraintError)) return error;
  const constraint = constraintOf(error, rules);
  return constraint === null ? error : new ConflictError(constraint);
}

function positiveInteger(n: number, what: string): number {
  // Interpolated into SQL, so it must be a plain integer and nothing else.
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${what} must be a positive integer, got ${n}`);
  return n;
}

export class SqlPaymentRepository implements PaymentRepository {
  private readonly sequelize: Sequelize;
  private readonly dialect: Database['dialect'];
  private readonly payments: ModelStatic<Model>;
  private readonly refunds: ModelStatic<Model>;

  constructor(db: Database) {
    this.sequelize = db.sequelize;
    this.dialect = db.dialect;
    this.payments = paymentModel(db.sequelize);
    this.refunds = refundModel(db.sequelize);
  }

  async insert(tx: TxContext, payment: PaymentRecord): Promise<void> {
    try {
      await this.payments.create({ id: payment.id, ...paymentColumns(payment) }, { transaction: sqlTransaction(tx) });
    } catch (error: unknown) {
      throw translated(error, PAYMENT_RULES);
    }
  }

  async findById(tx: TxContext | null, id: string): Promise<PaymentRecord | null> {
    const row = await this.payments.findByPk(id, { transaction: sqlTransaction(tx) });
    return row ? toPayment(row) : null;
  }

  async findOpenForBooking(tx: TxContext | null, bookingId: string): Promise<PaymentRecord | null> {
    const row = await this.payments.findOne({ where: { bookingId, status: 'INITIATED' }, transaction: sqlTransaction(tx) });
    return row ? toPayment(row) : null;
  }

  async findByReference(tx: TxContext | null, gateway: string, reference: string): Promise<PaymentRecord | null> {
    const row = await this.payments.findOne({ where: { gateway, gatewayReference: reference }, transaction: sqlTransaction(tx) });
    return row ? toPayment(row) : null;
  }

  async listForBooking(tx: TxContext | null, bookingId: string): Promise<PaymentRecord[]> {
    const rows = await this.payments.findAll({
      where: { bookingId },
      order: [
        ['createdAt', 'ASC'],
        ['id', 'ASC'],
      ],
      transaction: sqlTransaction(tx),
    });
    return rows.map(toPayment);
  }

  async transition(tx: TxContext, next: PaymentRecord, expectedStatus: PaymentStatus): Promise<boolean> {
    try {
      const [count] = await this.payments.update(
        { status: next.status, gatewayReference: next.gatewayReference, paymentUrl: next.paymentUrl, updatedAt: new Date(next.updatedAt) },
        { where: { id: next.id, status: expectedStatus }, transaction: sqlTransaction(tx) },
      );
      return count > 0;
    } catch (error: unknown) {
      throw translated(error, PAYMENT_RULES);
    }
  }

  async addRefundedAmount(tx: TxContext, paymentId: string, amount: number, now: Instant): Promise<PaymentRecord | null> {
    const a = positiveInteger(amount, 'refund amount');
    // One statement: the row lock orders concurrent refunds and PostgreSQL re-checks the condition on the row the
    // first one left, so two refunds can never add up past the payment. SET expressions read the old row.
    const [count] = await this.payments.update(
      {
        refundedAmount: literal(`refunded_amount + ${a}`),
        status: literal(`CASE WHEN refunded_amount + ${a} = amount THEN 'REFUNDED' ELSE 'PARTIALLY_REFUNDED' END`),
        updatedAt: new Date(now),
      },
      {
        where: { id: paymentId, status: ['COMPLETED', 'PARTIALLY_REFUNDED'], [Op.and]: [literal(`refunded_amount + ${a} <= amount`)] },
        transaction: sqlTransaction(tx),
      },
    );
    return count > 0 ? this.findById(tx, paymentId) : null;
  }

  async recordGatewayEvent(tx: TxContext, gateway: string, eventId: string, now: Instant): Promise<boolean> {
    // ON CONFLICT DO NOTHING rather than catching the violation: on PostgreSQL a failed statement aborts the
    // whole transaction, and the duplicate is an expected, quiet outcome here.
    const insert = 'INSERT INTO payment_events (gateway, event_id, received_at) VALUES (:gateway, :eventId, :now) ON CONFLICT DO NOTHING';
    // SQLite reports the statement's changes (not reliably with RETURNING); PostgreSQL the rows RETURNING gave back.
    const [rows, meta] = await this.sequelize.query(this.dialect === 'sqlite' ? insert : `${insert} RETURNING event_id`, {
      replacements: { gateway, eventId, now: new Date(now) },
      type: QueryTypes.RAW,
      transaction: sqlTransaction(tx),
    });
    return this.dialect === 'sqlite' ? (meta as { changes: number }).changes > 0 : rows.length > 0;
  }

  async insertRefund(tx: TxContext, refund: RefundRecord): Promise<void> {
    try {
      await this.refunds.create({ id: refund.id, ...refundColumns(refund) }, { transaction: sqlTransaction(tx) });
    } catch (error: unknown) {
      throw translated(error, REFUND_RULES);
    }
  }

  async updateRefund(tx: TxContext, next: RefundRecord, expectedStatus: RefundStatus): Promise<boolean> {
    const [count] = await this.refunds.update(
      { status: next.status, gatewayReference: next.gatewayReference, reason: next.reason, updatedAt: new Date(next.updatedAt) },
      { where: { id: next.id, status: expectedStatus }, transaction: sqlTransaction(tx) },
    );
    return count > 0;
  }

  async findRefundById(tx: TxContext | null, id: string): Promise<RefundRecord | null> {
    const row = await this.refunds.findByPk(id, { transaction: sqlTransaction(tx) });
    return row ? toRefund(row) : null;
  }

  async findRefundByKey(tx: TxContext | null, key: string): Promise<RefundRecord | null> {
    const row = await this.refunds.findOne({ where: { refundKey: key }, transaction: sqlTransaction(tx) });
    return row ? toRefund(row) : null;
  }

  async findRefundByReference(tx: TxContext | null, gateway: string, reference: string): Promise<RefundRecord | null> {
    const ofGateway = `(SELECT id FROM payments WHERE gateway = ${this.sequelize.escape(gateway)})`;
    const row = await this.refunds.findOne({
      where: { gatewayReference: reference, paymentId: { [Op.in]: literal(ofGateway) } },
      transaction: sqlTransaction(tx),
    });
    return row ? toRefund(row) : null;
  }

  async listRefunds(tx: TxContext | null, query: RefundQuery): Promise<RefundRecord[]> {
    const where: WhereOptions = {
      ...(query.bookingId !== undefined ? { bookingId: query.bookingId } : {}),
      ...(query.paymentId !== undefined ? { paymentId: query.paymentId } : {}),
      ...(query.status !== undefined ? { status: query.status } : {}),
    };
    const rows = await this.refunds.findAll({
      where,
      order: [
        ['createdAt', 'ASC'],
        ['id', 'ASC'],
      ],
      limit: query.limit,
      transaction: sqlTransaction(tx),
    });
    return rows.map(toRefund);
  }
}
