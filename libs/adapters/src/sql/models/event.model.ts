import type { EventLocation, EventRecord } from '@aquastream/application';
import type {
  CrewRequest,
  CrewStatus,
  DynamicPricingTier,
  EventStatus,
  GroupDiscountTier,
  Instant,
  RefundPolicy,
} from '@aquastream/domain';
import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

/** A row of `events` (migration 0002), attributes in camelCase over underscored columns. */
export type EventRow = {
  id: string;
  organizationId: string;
  creatorId: string;
  title: string;
  description: string | null;
  shortDescription: string | null;
  categoryId: string | null;
  status: EventStatus;
  startsAt: Date;
  endsAt: Date | null;
  timeZone: string;
  publishAt: Date | null;
  publishedAt: Date | null;
  capacity: number;
  seatsTaken: number;
  currency: string;
  bookingDeadlineHours: number;
  maxTicketsPerBooking: number;
  refundPolicy: RefundPolicy;
  dynamicPricing: readonly DynamicPricingTier[];
  groupDiscounts: readonly GroupDiscountTier[];
  location: EventLocation | null;
  imageUrl: string | null;
  featured: boolean;
  rescheduledAt: Date | null;
  rejectionReason: string | null;
  cancelReason: string | null;
  canceledAt: Date | null;
  completedAt: Date | null;
  crewStatus: CrewStatus;
  crewRequest: CrewRequest | null;
  crewId: string | null;
  crewAttempts: number;
  crewNextAttemptAt: Date | null;
  crewLastError: string | null;
  avgRating: number | null;
  reviewCount: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

/** A row of `price_options`; `removedAt` set = removed from the event but kept for the bookings that point at it. */
export type PriceOptionRow = {
  id: string;
  eventId: string;
  name: string;
  description: string | null;
  price: number;
  quantity: number | null;
  seatsTaken: number;
  active: boolean;
  position: number;
  removedAt: Date | null;
};

export type EventModel = ModelStatic<Model<EventRow, EventRow>>;
export type PriceOptionModel = ModelStatic<Model<PriceOptionRow, PriceOptionRow>>;

// Model names of their own, so that another module's partial model of the same table can never be picked up here.
export const EVENT_MODEL = 'AqEvent';
const OPTION_MODEL = 'AqPriceOption';
const OPTIONS = { underscored: true, timestamps: false, freezeTableName: true } as const;

export function eventModels(sequelize: Sequelize): { readonly Event: EventModel; readonly PriceOption: PriceOptionModel } {
  const Event =
    sequelize.models[EVENT_MODEL] ??
    sequelize.define<Model<EventRow, EventRow>>(
      EVENT_MODEL,
      {
        id: { type: DataTypes.UUID, primaryKey: true },
        organizationId: { type: DataTypes.UUID, allowNull: false },
        creatorId: { type: DataTypes.STRING(255), allowNull: false },
        title: { type: DataTypes.STRING(200), allowNull: false },
        description: { type: DataTypes.TEXT, allowNull: true },
        shortDescription: { type: DataTypes.STRING(500), allowNull: true },
        categoryId: { type: DataTypes.UUID, allowNull: true },
        status: { type: DataTypes.STRING(16), allowNull: false },
        startsAt: { type: DataTypes.DATE, allowNull: false },
        endsAt: { type: DataTypes.DATE, allowNull: true },
        timeZone: { type: DataTypes.STRING(64), allowNull: false },
        publishAt: { type: DataTypes.DATE, allowNull: true },
        publishedAt: { type: DataTypes.DATE, allowNull: true },
        capacity: { type: DataTypes.INTEGER, allowNull: false },
        seatsTaken: { type: DataTypes.INTEGER, allowNull: false },
        currency: { type: DataTypes.STRING(3), allowNull: false },
        bookingDeadlineHours: { type: DataTypes.INTEGER, allowNull: false },
        maxTicketsPerBooking: { type: DataTypes.INTEGER, allowNull: false },
        refundPolicy: { type: DataTypes.JSON, allowNull: false },
        dynamicPricing: { type: DataTypes.JSON, allowNull: false },
        groupDiscounts: { type: DataTypes.JSON, allowNull: false },
        location: { type: DataTypes.JSON, allowNull: true },
        imageUrl: { type: DataTypes.STRING(2048), allowNull: true },
        featured: { type: DataTypes.BOOLEAN, allowNull: false },
        rescheduledAt: { type: DataTypes.DATE, allowNull: true },
        rejectionReason: { type: DataTypes.TEXT, allowNull: true },
        cancelReason: { type: DataTypes.TEXT, allowNull: true },
        canceledAt: { type: DataTypes.DATE, allowNull: true },
        completedAt: { type: DataTypes.DATE, allowNull: true },
        crewStatus: { type: DataTypes.STRING(16), allowNull: false },
        crewRequest: { type: DataTypes.JSON, allowNull: true },
        crewId: { type: DataTypes.STRING(255), allowNull: true },
        crewAttempts: { type: DataTypes.INTEGER, allowNull: false },
        crewNextAttemptAt: { type: DataTypes.DATE, allowNull: true },
        crewLastError: { type: DataTypes.TEXT, allowNull: true },
        avgRating: { type: DataTypes.DOUBLE, allowNull: true },
        reviewCount: { type: DataTypes.INTEGER, allowNull: false },
        version: { type: DataTypes.INTEGER, allowNull: false },
        createdAt: { type: DataTypes.DATE, allowNull: false },
        updatedAt: { type: DataTypes.DATE, allowNull: false },
      },
      { ...OPTIONS, tableName: 'events' },
    );
  const PriceOption =
    sequelize.models[OPTION_MODEL] ??
    sequelize.define<Model<PriceOptionRow, PriceOptionRow>>(
      OPTION_MODEL,
      {
        id: { type: DataTypes.UUID, primaryKey: true },
        eventId: { type: DataTypes.UUID, allowNull: false },
        name: { type: DataTypes.STRING(100), allowNull: false },
        description: { type: DataTypes.TEXT, allowNull: true },
        price: { type: DataTypes.INTEGER, allowNull: false },
        quantity: { type: DataTypes.INTEGER, allowNull: true },
        seatsTaken: { type: DataTypes.INTEGER, allowNull: false },
        active: { type: DataTypes.BOOLEAN, allowNull: false },
        position: { type: DataTypes.INTEGER, allowNull: false },
        removedAt: { type: DataTypes.DATE, allowNull: true },
      },
      { ...OPTIONS, tableName: 'price_options' },
    );
  return { Event, PriceOption };
}

const ms = (d: Date | string): Instant => new Date(d).getTime();
const msOrNull = (d: Date | string | null): Instant | null => (d === null ? null : ms(d));
const dateOrNull = (t: Instant | null): Date | null => (t === null ? null : new Date(t));
// SQLite hands JSON and booleans back as text and 0/1 on some paths; accept both shapes.
const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
const jsonOrNull = <T>(v: T | string | null): T | null => (v === null ? null : json(v));
const bool = (v: boolean | number | string): boolean => v === true || v === 1 || v === '1' || v === 'true';
const num = (v: number | string): number => (typeof v === 'string' ? Number(v) : v);

export function toRecord(e: EventRow, options: readonly PriceOptionRow[]): EventRecord {
  const sorted = [...options].sort((a, b) => a.position - b.position);
  return {
    state: {
      id: e.id,
      organizationId: e.organizationId,
      creatorId: e.creatorId,
      title: e.title,
      status: e.status,
      startsAt: ms(e.startsAt),
      endsAt: msOrNull(e.endsAt),
      timeZone: e.timeZone,
      publishAt: msOrNull(e.publishAt),
      publishedAt: msOrNull(e.publishedAt),
      capacity: e.capacity,
      seatsTaken: e.seatsTaken,
      currency: e.currency,
      priceOptions: sorted.map((o) => ({
        id: o.id,
        name: o.name,
        price: o.price,
        quantity: o.quantity,
        seatsTaken: o.seatsTaken,
        active: bool(o.active),
      })),
      bookingDeadlineHours: e.bookingDeadlineHours,
      maxTicketsPerBooking: e.maxTicketsPerBooking,
      refundPolicy: json(e.refundPolicy),
      dynamicPricing: json(e.dynamicPricing),
      groupDiscounts: json(e.groupDiscounts),
      rescheduledAt: msOrNull(e.rescheduledAt),
      rejectionReason: e.rejectionReason,
      cancelReason: e.cancelReason,
      canceledAt: msOrNull(e.canceledAt),
      completedAt: msOrNull(e.completedAt),
      crew: {
        status: e.crewStatus,
        request: jsonOrNull(e.crewRequest),
        crewId: e.crewId,
        attempts: e.crewAttempts,
        nextAttemptAt: msOrNull(e.crewNextAttemptAt),
        lastError: e.crewLastError,
      },
    },
    details: {
      description: e.description,
      shortDescription: e.shortDescription,
      categoryId: e.categoryId,
      location: jsonOrNull(e.location),
      imageUrl: e.imageUrl,
      featured: bool(e.featured),
      priceOptionDescriptions: Object.fromEntries(sorted.map((o) => [o.id, o.description])),
    },
    avgRating: e.avgRating === null ? null : num(e.avgRating),
    reviewCount: e.reviewCount,
    createdAt: ms(e.createdAt),
    updatedAt: ms(e.updatedAt),
    version: e.version,
  };
}

/** Every column but the seat counters, which only adjustSeats and reconcile write. */
export function eventColumns(r: EventRecord): Omit<EventRow, 'id' | 'seatsTaken' | 'version' | 'avgRating' | 'reviewCount' | 'createdAt'> {
  const { state: s, details: d } = r;
  return {
    organizationId: s.organizationId,
    creatorId: s.creatorId,
    title: s.title,
    description: d.description,
    shortDescription: d.shortDescription,
    categoryId: d.categoryId,
    status: s.status,
    startsAt: new Date(s.startsAt),
    endsAt: dateOrNull(s.endsAt),
    timeZone: s.timeZone,
    publishAt: dateOrNull(s.publishAt),
    publishedAt: dateOrNull(s.publishedAt),
    capacity: s.capacity,
    currency: s.currency,
    bookingDeadlineHours: s.bookingDeadlineHours,
    maxTicketsPerBooking: s.maxTicketsPerBooking,
    refundPolicy: s.refundPolicy,
    dynamicPricing: s.dynamicPricing,
    groupDiscounts: s.groupDiscounts,
    location: d.location,
    imageUrl: d.imageUrl,
    featured: d.featured,
    rescheduledAt: dateOrNull(s.rescheduledAt),
    rejectionReason: s.rejectionReason,
    cancelReason: s.cancelReason,
    canceledAt: dateOrNull(s.canceledAt),
    completedAt: dateOrNull(s.completedAt),
    crewStatus: s.crew.status,
    crewRequest: s.crew.request,
    crewId: s.crew.crewId,
    crewAttempts: s.crew.attempts,
    crewNextAttemptAt: dateOrNull(s.crew.nextAttemptAt),
    crewLastError: s.crew.lastError,
    updatedAt: new Date(r.updatedAt),
  };
}
