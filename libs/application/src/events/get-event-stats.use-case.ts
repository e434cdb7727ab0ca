import { canViewEventStats, err, ok, seatsAvailable, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { AppError } from '../errors.js';
import type { BookingRepository } from '../ports/booking-repository.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { WaitlistRepository } from '../ports/waitlist-repository.port.js';
import { writeRefusal } from './event-guards.js';

/** DESIGN §4 "Event stats". */
export type EventStats = {
  readonly eventId: string;
  readonly totalBookings: number;
  readonly pendingBookings: number;
  readonly confirmedBookings: number;
  readonly canceledBookings: number;
  readonly expiredBookings: number;
  readonly ticketsSold: number;
  readonly revenueAmount: number;
  readonly currency: string;
  readonly avgRating: number | null;
  readonly reviewCount: number;
  /** Confirmed bookings over all bookings, 0 to 1 with 4 decimals; 0 when there is none. */
  readonly conversionRate: number;
  /** Bookings created per calendar day in the event's time zone. */
  readonly bookingsByDay: Readonly<Record<string, number>>;
  readonly waitlistLength: number;
  readonly seatsAvailable: number;
};

/** `GET /events/{id}/stats`: organisers (owners, managers) and admins; staff are refused, as stats carry revenue. */
export class GetEventStatsUseCase {
  constructor(
    private readonly events: EventRepository,
    private readonly bookings: BookingRepository,
    private readonly waitlist: WaitlistRepository,
  ) {}

  async execute(ctx: UseCaseContext, input: { readonly eventId: string }): Promise<Result<EventStats, AppError>> {
    const record = await this.events.findById(null, input.eventId);
    const refusal = writeRefusal(ctx.actor, record, canViewEventStats, 'see the stats of');
    if (refusal !== null) return err(refusal);
    if (record === null) throw new Error('unreachable: a visible event exists');
    const { state } = record;
    const [counts, sales, waitlistLength] = await Promise.all([
      this.bookings.countByStatus(state.id),
      this.bookings.salesSummary(state.id, state.timeZone),
      this.waitlist.countActive(null, state.id),
    ]);
    const totalBookings = counts.PENDING_PAYMENT + counts.CONFIRMED + counts.CANCELED + counts.EXPIRED;
    return ok({
      eventId: state.id,
      totalBookings,
      pendingBookings: counts.PENDING_PAYMENT,
      confirmedBookings: counts.CONFIRMED,
      canceledBookings: counts.CANCELED,
      expiredBookings: counts.EXPIRED,
      ticketsSold: sales.ticketsSold,
      revenueAmount: sales.revenueAmount,
      currency: state.currency,
      avgRating: record.avgRating,
      reviewCount: record.reviewCount,
      conversionRate: totalBookings === 0 ? 0 : Math.round((counts.CONFIRMED / totalBookings) * 10_000) / 10_000,
      bookingsByDay: sales.bookingsByDay,
      waitlistLength,
      seatsAvailable: seatsAvailable(state),
    });
  }
}
