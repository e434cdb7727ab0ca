import type { Booking, BookingStatus, PriceBreakdown, RefundPolicy, RefundStatus } from '@aquastream/domain';
import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

export type BookingRow = {
  id: string;
  eventId: string;
  userId: string;
  priceOptionId: string;
  quantity: number;
  status: BookingStatus;
  pricing: PriceBreakdown | string;
  totalAmount: number;
  currency: string;
  paymentDeadline: Date | string;
  ticketCode: string | null;
  refundPolicy: RefundPolicy | string;
  promoCodeId: string | null;
  paidAmount: number;
  refundAmount: number | null;
  refundPercent: number | string | null;
  refundStatus: RefundStatus | null;
  waitlistEntryId: string | null;
  cancelReason: string | null;
  checkedInAt: Date | string | null;
  createdAt: Date | string;
  updatedAt: Date | string;
};

/** The `bookings` table (migration 0003). */
export function bookingModel(sequelize: Sequelize): ModelStatic<Model> {
  return (
    sequelize.models['Booking'] ??
    sequelize.define(
      'Booking',
      {
        id: { type: DataTypes.UUID, primaryKey: true },
        eventId: { type: DataTypes.UUID, allowNull: false },
        userId: { type: DataTypes.STRING(255), allowNull: false },
        priceOptionId: { type: DataTypes.UUID, allowNull: false },
        quantity: { type: DataTypes.INTEGER, allowNull: false },
        status: { type: DataTypes.STRING(20), allowNull: false },
        pricing: { type: DataTypes.JSON, allowNull: false },
        totalAmount: { type: DataTypes.INTEGER, allowNull: false },
        currency: { type: DataTypes.STRING(3), allowNull: false },
        paymentDeadline: { type: DataTypes.DATE, allowNull: false },
        ticketCode: { type: DataTypes.STRING(32), allowNull: true },
        refundPolicy: { type: DataTypes.JSON, allowNull: false },
        promoCodeId: { type: DataTypes.UUID, allowNull: true },
        paidAmount: { type: DataTypes.INTEGER, allowNull: false },
        refundAmount: { type: DataTypes.INTEGER, allowNull: true },
        refundPercent: { type: DataTypes.DOUBLE, allowNull: true },
        refundStatus: { type: DataTypes.STRING(16), allowNull: true },
        waitlistEntryId: { type: DataTypes.UUID, allowNull: true },
        cancelReason: { type: DataTypes.TEXT, allowNull: true },
        checkedInAt: { type: DataTypes.DATE, allowNull: true },
        createdAt: { type: DataTypes.DATE, allowNull: false },
        updatedAt: { type: DataTypes.DATE, allowNull: false },
      },
      { tableName: 'bookings', underscored: true, timestamps: false },
    )
  );
}

const ms = (d: Date | string): number => new Date(d).getTime();
const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

export function toBooking(m: Model): Booking {
  return bookingOfRow(m.get({ plain: true }) as BookingRow);
}

/** The same from a plain row (`raw: true`: the attribute names, no model instance built). */
export function bookingOfRow(r: BookingRow): Booking {
  return {
    id: r.id,
    eventId: r.eventId,
    userId: r.userId,
    priceOptionId: r.priceOptionId,
    quantity: r.quantity,
    status: r.status,
    pricing: json(r.pricing),
    totalAmount: r.totalAmount,
    currency: r.currency,
    paymentDeadline: ms(r.paymentDeadline),
    ticketCode: r.ticketCode,
    refundPolicy: json(r.refundPolicy),
    promoCodeId: r.promoCodeId,
    paidAmount: r.paidAmount,
    refund:
      r.refundStatus === null || r.refundAmount === null || r.refundPercent === null
        ? null
        : { amount: r.refundAmount, percent: Number(r.refundPercent), status: r.refundStatus },
    waitlistEntryId: r.waitlistEntryId,
    cancelReason: r.cancelReason,
    checkedInAt: r.checkedInAt === null ? null : ms(r.checkedInAt),
    createdAt: ms(r.createdAt),
    updatedAt: ms(r.updatedAt),
  };
}

/** Every column but the key, as the model writes it. */
export function bookingColumns(b: Booking) {
  return {
    eventId: b.eventId,
    userId: b.userId,
    priceOptionId: b.priceOptionId,
    quantity: b.quantity,
    status: b.status,
    pricing: b.pricing,
    totalAmount: b.totalAmount,
    currency: b.currency,
    paymentDeadline: new Date(b.paymentDeadline),
    ticketCode: b.ticketCode,
    refundPolicy: b.refundPolicy,
    promoCodeId: b.promoCodeId,
    paidAmount: b.paidAmount,
    refundAmount: b.refund?.amount ?? null,
    refundPercent: b.refund?.percent ?? null,
    refundStatus: b.refund?.status ?? null,
    waitlistEntryId: b.waitlistEntryId,
    cancelReason: b.cancelReason,
    checkedInAt: b.checkedInAt === null ? null : new Date(b.checkedInAt),
    createdAt: new Date(b.createdAt),
    updatedAt: new Date(b.updatedAt),
  };
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD` of an instant in a time zone (stats group bookings by the event's local day). */
export function dayKey(at: number, timeZone: string): string {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(timeZone, format);
  }
  return format.format(at);
}
