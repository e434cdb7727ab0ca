import type { PaymentRecord, RefundRecord } from '@aquastream/application';
import type { PaymentStatus, RefundStatus } from '@aquastream/domain';
import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

type PaymentRow = {
  id: string;
  bookingId: string;
  amount: number;
  currency: string;
  status: PaymentStatus;
  gateway: string;
  gatewayReference: string;
  paymentUrl: string | null;
  refundedAmount: number;
  createdAt: Date | string;
  updatedAt: Date | string;
};

type RefundRow = {
  id: string;
  paymentId: string;
  bookingId: string;
  amount: number;
  status: RefundStatus;
  reason: string | null;
  gatewayReference: string | null;
  refundKey: string | null;
  createdAt: Date | string;
  updatedAt: Date | string;
};

const ms = (d: Date | string): number => new Date(d).getTime();

/** The `payments` table (migration 0003). */
export function paymentModel(sequelize: Sequelize): ModelStatic<Model> {
  return (
    sequelize.models['Payment'] ??
    sequelize.define(
      'Payment',
      {
        id: { type: DataTypes.UUID, primaryKey: true },
        bookingId: { type: DataTypes.UUID, allowNull: false },
        amount: { type: DataTypes.INTEGER, allowNull: false },
        currency: { type: DataTypes.STRING(3), allowNull: false },
        status: { type: DataTypes.STRING(20), allowNull: false },
        gateway: { type: DataTypes.STRING(32), allowNull: false },
        gatewayReference: { type: DataTypes.STRING(255), allowNull: false },
        paymentUrl: { type: DataTypes.TEXT, allowNull: true },
        refundedAmount: { type: DataTypes.INTEGER, allowNull: false },
        createdAt: { type: DataTypes.DATE, allowNull: false },
        updatedAt: { type: DataTypes.DATE, allowNull: false },
      },
      { tableName: 'payments', underscored: true, timestamps: false },
    )
  );
}

/** The `refunds` table (migration 0003). */
export function refundModel(sequelize: Sequelize): ModelStatic<Model> {
  return (
    sequelize.models['Refund'] ??
    sequelize.define(
      'Refund',
      {
        id: { type: DataTypes.UUID, primaryKey: true },
        paymentId: { type: DataTypes.UUID, allowNull: false },
        bookingId: { type: DataTypes.UUID, allowNull: false },
        amount: { type: DataTypes.INTEGER, allowNull: false },
        status: { type: DataTypes.STRING(16), allowNull: false },
        reason: { type: DataTypes.TEXT, allowNull: true },
        gatewayReference: { type: DataTypes.STRING(255), allowNull: true },
        refundKey: { type: DataTypes.STRING(255), allowNull: true },
        createdAt: { type: DataTypes.DATE, allowNull: false },
        updatedAt: { type: DataTypes.DATE, allowNull: false },
      },
      { tableName: 'refunds', underscored: true, timestamps: false },
    )
  );
}

export function toPayment(m: Model): PaymentRecord {
  const r = m.get({ plain: true }) as PaymentRow;
  return {
    id: r.id,
    bookingId: r.bookingId,
    amount: r.amount,
    currency: r.currency,
    status: r.status,
    gateway: r.gateway,
    gatewayReference: r.gatewayReference,
    paymentUrl: r.paymentUrl,
    refundedAmount: r.refundedAmount,
    createdAt: ms(r.createdAt),
    updatedAt: ms(r.updatedAt),
  };
}

export const paymentColumns = (p: PaymentRecord) => ({
  bookingId: p.bookingId,
  amount: p.amount,
  currency: p.currency,
  status: p.status,
  gateway: p.gateway,
  gatewayReference: p.gatewayReference,
  paymentUrl: p.paymentUrl,
  refundedAmount: p.refundedAmount,
  createdAt: new Date(p.createdAt),
  updatedAt: new Date(p.updatedAt),
});

export function toRefund(m: Model): RefundRecord {
  const r = m.get({ plain: true }) as RefundRow;
  return {
    id: r.id,
    paymentId: r.paymentId,
    bookingId: r.bookingId,
    amount: r.amount,
    status: r.status,
    reason: r.reason,
    gatewayReference: r.gatewayReference,
    key: r.refundKey,
    createdAt: ms(r.createdAt),
    updatedAt: ms(r.updatedAt),
  };
}

export const refundColumns = (r: RefundRecord) => ({
  paymentId: r.paymentId,
  bookingId: r.bookingId,
  amount: r.amount,
  status: r.status,
  reason: r.reason,
  gatewayReference: r.gatewayReference,
  refundKey: r.key,
  createdAt: new Date(r.createdAt),
  updatedAt: new Date(r.updatedAt),
});
