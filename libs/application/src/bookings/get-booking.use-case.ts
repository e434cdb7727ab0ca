import { ok, type Booking, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { AppError } from '../errors.js';
import type { BookingRepository } from '../ports/booking-repository.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import { loadVisibleBooking } from './visible-booking.js';

/** GET /bookings/{id}: the owner, members of the event's organisation, admins; anyone else gets BOOKING_NOT_FOUND. */
export class GetBookingUseCase {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly events: EventRepository,
  ) {}

  async execute(ctx: UseCaseContext, input: { readonly bookingId: string }): Promise<Result<Booking, AppError>> {
    const found = await loadVisibleBooking(this.bookings, this.events, ctx.actor, input.bookingId);
    return found.ok ? ok(found.value.booking) : found;
  }
}
