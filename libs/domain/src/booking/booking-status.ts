import type { BookingStatus } from './booking.types.js';

/**
 * No command moves a booking out of a terminal status. `CANCELED` is terminal; `EXPIRED` is not quite: a
 * payment that succeeds after the expiry reinstates the booking when its seats can still be had.
 */
export function isBookingTerminal(status: BookingStatus): boolean {
  switch (status) {
    case 'CANCELED':
      return true;
    case 'PENDING_PAYMENT':
    case 'CONFIRMED':
    case 'EXPIRED':
      return false;
  }
}
