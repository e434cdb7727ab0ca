import type { Booking } from '../booking/booking.types.js';
import { isAdmin, isOrganiserOf, isSignedIn, memberRole } from './actor.js';
import type { Actor } from './actor.types.js';

type BookingRef = Pick<Booking, 'userId'>;

const isOwner = (actor: Actor, booking: BookingRef): boolean => actor.kind === 'user' && actor.id === booking.userId;

/** `POST /bookings`: any signed-in person; the booking rules (OWN_EVENT…) decide the rest. */
export const canCreateBooking = (actor: Actor): boolean => isSignedIn(actor);

/** The owner, any member of the event's organisation (staff check tickets), admins. `false` answers 404. */
export const canViewBooking = (actor: Actor, booking: BookingRef, eventOrganizationId: string): boolean =>
  isOwner(actor, booking) || isAdmin(actor) || memberRole(actor, eventOrganizationId) !== null;

export type BookingCancelRole = 'OWNER' | 'ORGANIZER' | 'ADMIN';

/**
 * In which capacity the actor cancels, which decides the refund (DESIGN §3.3): the owner by the policy,
 * an organiser 100 %, an admin 100 % or a chosen percentage. Ownership is checked first so that nobody
 * refunds their own booking at 100 % by wearing another hat; staff may not cancel.
 */
export function bookingCancelRole(actor: Actor, booking: BookingRef, eventOrganizationId: string): BookingCancelRole | null {
  if (isOwner(actor, booking)) return 'OWNER';
  if (isAdmin(actor)) return 'ADMIN';
  const role = memberRole(actor, eventOrganizationId);
  if (role === null) return null;
  switch (role) {
    case 'OWNER':
    case 'MANAGER':
      return 'ORGANIZER';
    case 'STAFF':
      return null;
  }
}

/** The ticket PDF: owner, organisers, admins (DESIGN §4). */
export const canDownloadTicket = (actor: Actor, booking: BookingRef, eventOrganizationId: string): boolean =>
  isOwner(actor, booking) || isOrganiserOf(actor, eventOrganizationId);

/** `POST /payments`: only the owner pays for a booking (an admin paying would confuse the money trail). */
export const canPayForBooking = (actor: Actor, booking: BookingRef): boolean => isOwner(actor, booking);

/** `GET /payments/{id}`: the booking's owner and admins. */
export const canViewPayment = (actor: Actor, booking: BookingRef): boolean => isOwner(actor, booking) || isAdmin(actor);

/** `POST /payments/{id}/refund`: owners and managers of the event's organisation, admins. */
export const canRefundPayment = (actor: Actor, eventOrganizationId: string): boolean =>
  isOrganiserOf(actor, eventOrganizationId);
