import { domainError, type DomainError } from '../shared/errors.js';
import { err, ok, type Result } from '../shared/result.js';
import type { Instant } from '../shared/time.js';
import type { Transition } from '../shared/domain-event.js';
import type { Booking } from './booking.types.js';

export type CheckInError = Extract<DomainError, { type: 'TICKET_NOT_FOUND' | 'TICKET_NOT_VALID' | 'ALREADY_CHECKED_IN' }>;

/**
 * POST /tickets/{ticketCode}/check-in: once per ticket. `booking` is what the ticket code found, or `null`.
 * A second scan answers with the first time so the door staff can tell a copy from a re-scan.
 */
export function checkInTicket(booking: Booking | null, command: { readonly now: Instant }): Result<Transition<Booking>, CheckInError> {
  if (booking === null) return err(domainError('TICKET_NOT_FOUND', 'no ticket with this code'));
  if (booking.status !== 'CONFIRMED') {
    return err(domainError('TICKET_NOT_VALID', `the booking is ${booking.status}`, { status: booking.status }));
  }
  if (booking.checkedInAt !== null) {
    return err(domainError('ALREADY_CHECKED_IN', 'this ticket was already checked in', { checkedInAt: booking.checkedInAt }));
  }
  return ok({ state: { ...booking, checkedInAt: command.now, updatedAt: command.now }, events: [] });
}
