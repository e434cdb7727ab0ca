import { canViewBooking, domainError, err, ok, type Actor, type Booking, type Result } from '@aquastream/domain';
import { appError, type AppError } from '../errors.js';
import type { BookingRepository } from '../ports/booking-repository.port.js';
import type { EventRecord, EventRepository } from '../ports/event-repository.port.js';
import type { TxContext } from '../ports/unit-of-work.port.js';

export type VisibleBooking = { readonly booking: Booking; readonly event: EventRecord };

/**
 * A booking with its event, if the actor may see it (owner, any member of the event's organisation, admins).
 * Absent and hidden answer the same BOOKING_NOT_FOUND, so ids do not leak; guests are asked to sign in first.
 */
export async function loadVisibleBooking(
  bookings: BookingRepository,
  events: EventRepository,
  actor: Actor,
  bookingId: string,
  tx: TxContext | null = null,
): Promise<Result<VisibleBooking, AppError>> {
  if (actor.kind === 'guest') return err(appError('NOT_AUTHENTICATED', 'sign in to see bookings'));
  const booking = await bookings.findById(tx, bookingId);
  const event = booking === null ? null : await events.findById(tx, booking.eventId);
  if (booking === null || event === null || !canViewBooking(actor, booking, event.state.organizationId)) {
    return err(domainError('BOOKING_NOT_FOUND', 'no such booking'));
  }
  return ok({ booking, event });
}

/** The audit row of one booking transition. */
export const bookingAudit = (booking: Booking, from: Booking['status'] | null, reason: string | null = null) => ({
  entity: 'BOOKING' as const,
  entityId: booking.id,
  eventId: booking.eventId,
  from,
  to: booking.status,
  reason,
});
