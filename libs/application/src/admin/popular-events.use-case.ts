import { err, ok, type EventStatus, type Instant, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { BookingRepository } from '../ports/booking-repository.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import { MAX_PAGE_SIZE } from '../shared/pagination.js';
import { adminRefusal } from './admin-guard.js';

export const DEFAULT_POPULAR_LIMIT = 10;

export type PopularEventsQuery = {
  /** Bookings created at or after this instant; open when left out. */
  readonly from?: Instant;
  /** Bookings created before this instant; open when left out. */
  readonly to?: Instant;
  /** 1..100; default 10. */
  readonly limit?: number;
};

export type PopularEvent = {
  readonly eventId: string;
  readonly title: string;
  readonly organizationId: string;
  readonly status: EventStatus;
  readonly startsAt: Instant;
  readonly currency: string;
  readonly ticketsSold: number;
  readonly revenueAmount: number;
  readonly totalBookings: number;
  readonly confirmedBookings: number;
  /** Confirmed bookings over all bookings of the window, 0 to 1 with 4 decimals (as in the event stats). */
  readonly conversionRate: number;
};

/**
 * `GET /admin/analytics/popular` (admins): the events that sold the most seats through bookings made in the window,
 * with their revenue and conversion. Revenue is per event in its own currency: events are ranked by seats, never by
 * sums across currencies.
 */
export class PopularEventsUseCase {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly events: EventRepository,
  ) {}

  async execute(ctx: UseCaseContext, input: PopularEventsQuery): Promise<Result<readonly PopularEvent[], AppError>> {
    const refusal = adminRefusal(ctx.actor);
    if (refusal !== null) return err(refusal);
    const { from, to } = input;
    if (from !== undefined && to !== undefined && from > to) {
      return err(appError('INVALID_REQUEST', '`from` must not be after `to`', { field: 'from' }));
    }
    const limit = input.limit ?? DEFAULT_POPULAR_LIMIT;
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      return err(appError('INVALID_REQUEST', `limit is 1 to ${MAX_PAGE_SIZE}`, { field: 'limit' }));
    }
    const sales = await this.bookings.topSellingEvents({ limit, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) });
    const records = new Map((await this.events.findByIds(null, sales.map((s) => s.eventId))).map((r) => [r.state.id, r.state]));
    const ranked: PopularEvent[] = [];
    for (const s of sales) {
      // Only a DRAFT event can be deleted, and a draft has no bookings; skipping keeps the answer whole regardless.
      const event = records.get(s.eventId);
      if (event === undefined) continue;
      ranked.push({
        eventId: s.eventId,
        title: event.title,
        organizationId: event.organizationId,
        status: event.status,
        startsAt: event.startsAt,
        currency: event.currency,
        ticketsSold: s.ticketsSold,
        revenueAmount: s.revenueAmount,
        totalBookings: s.totalBookings,
        confirmedBookings: s.confirmedBookings,
        conversionRate: s.totalBookings === 0 ? 0 : Math.round((s.confirmedBookings / s.totalBookings) * 10_000) / 10_000,
      });
    }
    return ok(ranked);
  }
}
