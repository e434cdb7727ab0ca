import { describe, expect, it } from 'vitest';
import { aBooking } from '../shared/fixtures.test-support.js';
import { aUser, ORG, OTHER_ORG } from './actor.test-support.js';
import { bookingCancelRole, canViewBooking } from './booking-access.js';

describe('booking access beyond the matrix', () => {
  it('an owner cancels as OWNER even when also an organiser or admin (no self-granted 100 % refund)', () => {
    const booking = aBooking({ userId: 'u-1' });
    const organiser = aUser('u-1', ['ORGANIZER'], [{ organizationId: ORG, role: 'OWNER' }]);
    const admin = aUser('u-1', ['ADMIN']);
    expect(bookingCancelRole(organiser, booking, ORG)).toBe('OWNER');
    expect(bookingCancelRole(admin, booking, ORG)).toBe('OWNER');
  });

  it('an admin who is also an owner of the organisation cancels as ADMIN', () => {
    const actor = aUser('a', ['ADMIN'], [{ organizationId: ORG, role: 'OWNER' }]);
    expect(bookingCancelRole(actor, aBooking(), ORG)).toBe('ADMIN');
  });

  it("membership counts only in the event's own organisation", () => {
    const owner2 = aUser('o', ['ORGANIZER'], [{ organizationId: OTHER_ORG, role: 'OWNER' }]);
    expect(bookingCancelRole(owner2, aBooking(), ORG)).toBeNull();
    expect(canViewBooking(owner2, aBooking(), ORG)).toBe(false);
    expect(canViewBooking(owner2, aBooking(), OTHER_ORG)).toBe(true);
  });
});
