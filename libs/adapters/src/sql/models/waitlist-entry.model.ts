import type { Instant, WaitlistEntry, WaitlistStatus } from '@aquastream/domain';
import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

export type WaitlistEntryRow = {
  id: string;
  eventId: string;
  userId: string;
  quantity: number;
  priority: number;
  status: WaitlistStatus;
  joinedAt: Date;
  priceOptionId: string | null;
  offeredAt: Date | null;
  offerExpiresAt: Date | null;
  bookingId: string | null;
  updatedAt: Date;
};
export type WaitlistModel = ModelStatic<Model<WaitlistEntryRow, WaitlistEntryRow>>;

const MODEL = 'AqWaitlistEntry';

/** The `waitlist_entries` table (migration 0004), defined once per Sequelize instance. */
export function waitlistEntryModel(sequelize: Sequelize): WaitlistModel {
  const existing = sequelize.models[MODEL];
  if (existing) return existing;
  return sequelize.define<Model<WaitlistEntryRow, WaitlistEntryRow>>(
    MODEL,
    {
      id: { type: DataTypes.UUID, primaryKey: true },
      eventId: { type: DataTypes.UUID, allowNull: false },
      userId: { type: DataTypes.STRING(255), allowNull: false },
      quantity: { type: DataTypes.INTEGER, allowNull: false },
      priority: { type: DataTypes.INTEGER, allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      joinedAt: { type: DataTypes.DATE, allowNull: false },
      priceOptionId: { type: DataTypes.UUID, allowNull: true },
      offeredAt: { type: DataTypes.DATE, allowNull: true },
      offerExpiresAt: { type: DataTypes.DATE, allowNull: true },
      bookingId: { type: DataTypes.UUID, allowNull: true },
      updatedAt: { type: DataTypes.DATE, allowNull: false },
    },
    { tableName: 'waitlist_entries', underscored: true, timestamps: false },
  );
}

const ms = (d: Date | string): Instant => new Date(d).getTime();
const msOrNull = (d: Date | string | null): Instant | null => (d === null ? null : ms(d));
export const date = (t: Instant): Date => new Date(t);
export const dateOrNull = (t: Instant | null): Date | null => (t === null ? null : new Date(t));

export function toEntry(r: WaitlistEntryRow): WaitlistEntry {
  return {
    id: r.id,
    eventId: r.eventId,
    userId: r.userId,
    quantity: r.quantity,
    priority: r.priority,
    status: r.status,
    joinedAt: ms(r.joinedAt),
    priceOptionId: r.priceOptionId,
    offeredAt: msOrNull(r.offeredAt),
    offerExpiresAt: msOrNull(r.offerExpiresAt),
    bookingId: r.bookingId,
    updatedAt: ms(r.updatedAt),
  };
}

export function toRow(e: WaitlistEntry): WaitlistEntryRow {
  return {
    ...e,
    joinedAt: date(e.joinedAt),
    offeredAt: dateOrNull(e.offeredAt),
    offerExpiresAt: dateOrNull(e.offerExpiresAt),
    updatedAt: date(e.updatedAt),
  };
}

