import { describe, expect, it } from 'vitest';
import { isBookingTerminal } from './booking-status.js';

describe('isBookingTerminal', () => {
  it('holds only for CANCELED: an EXPIRED booking may still be reinstated by a late payment', () => {
    expect(isBookingTerminal('CANCELED')).toBe(true);
    expect(isBookingTerminal('EXPIRED')).toBe(false);
    expect(isBookingTerminal('PENDING_PAYMENT')).toBe(false);
    expect(isBookingTerminal('CONFIRMED')).toBe(false);
  });
});
