import {
  ACTIVE_BOOKING_STATUSES,
  canListAttendees,
  err,
  ok,
  type BookingStatus,
  type Instant,
  type Result,
} from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { AppError } from '../errors.js';
import type { BookingRepository } from '../ports/booking-repository.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import { pageOf, type Page } from '../shared/pagination.js';
import { writeRefusal } from './event-guards.js';

/** One row of the attendee list (JSON, or CSV rendered by the HTTP app). */
export type AttendeeRow = {
  readonly bookingId: string;
  readonly userId: string;
  readonly status: BookingStatus;
  readonly quantity: number;
  readonly priceOptionId: string;
  /** The option's current name; null when it was removed from the event since. */
  readonly priceOptionName: string | null;
  readonly totalAmount: number;
  readonly currency: string;
  readonly ticketCode: string | null;
  readonly checkedInAt: Instant | null;
  readonly createdAt: Instant;
};

export type ListAttendeesQuery = {
  readonly eventId: string;
  /** Default: the active bookings (`PENDING_PAYMENT`, `CONFIRMED`). */
  readonly statuses?: readonly BookingStatus[];
  /** Both absent: every row in one page (the CSV export). */
  readonly page?: number;
  readonly size?: number;
};

/** `GET /events/{id}/bookings`: owners, managers and staff of the event's organisation (staff work the door), admins. */
export class ListAttendeesUseCase {
  constructor(
    private readonly events: EventRepository,
    private readonly bookings: BookingRepository,
  ) {}

  async execute(ctx: UseCaseContext, query: ListAttendeesQuery): Promise<Result<Page<AttendeeRow>, AppError>> {
    const record = await this.events.findById(null, query.eventId);
    const refusal = writeRefusal(ctx.actor, record, canListAttendees, 'list the attendees of');
    if (refusal !== null) return err(refusal);
    if (record === null) throw new Error('unreachable: a visible event exists');
    const statuses = query.statuses ?? ACTIVE_BOOKING_STATUSES;
    const optionNames = new Map(record.state.priceOptions.map((o) => [o.id, o.name]));
    const row = (b: Awaited<ReturnType<BookingRepository['listByEvent']>>[number]): AttendeeRow => ({
      bookingId: b.id,
      userId: b.userId,
      status: b.status,
      quantity: b.quantity,
      priceOptionId: b.priceOptionId,
      priceOptionName: optionNames.get(b.priceOptionId) ?? null,
      totalAmount: b.totalAmount,
      currency: b.currency,
      ticketCode: b.ticketCode,
      checkedInAt: b.checkedInAt,
      createdAt: b.createdAt,
    });
    if (query.page === undefined && query.size === undefined) {
      const all = await this.bookings.listByEvent(null, query.eventId, statuses);
      return ok(pageOf(all.map(row), all.length, { page: 1, size: Math.max(all.length, 1) }));
    }
    const request = { page: query.page ?? 1, size: query.size ?? 20 };
    const found = await this.bookings.list({ ...request, eventId: query.eventId, statuses });
    return ok(pageOf(found.items.map(row), found.total, request));
  }
}
