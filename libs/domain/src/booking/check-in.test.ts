import { describe, expect, it } from 'vitest';
import { aBooking, T0 } from '../shared/fixtures.test-support.js';
import { checkInTicket } from './check-in.js';

const confirmed = aBooking({ status: 'CONFIRMED', ticketCode: 'TCK-1', paidAmount: 1999 });

describe('checkInTicket', () => {
  it('checks a confirmed ticket in once, at now', () => {
    expect(checkInTicket(confirmed, { now: T0 + 5 })).toEqual({
      ok: true, value: { state: { ...confirmed, checkedInAt: T0 + 5, updatedAt: T0 + 5 }, events: [] },
    });
  });

  it('answers ALREADY_CHECKED_IN with the first time on a second scan', () => {
    const once = checkInTicket(confirmed, { now: T0 + 5 });
    if (!once.ok) throw new Error('first check-in failed');
    expect(checkInTicket(once.value.state, { now: T0 + 60 })).toMatchObject({
      ok: false, error: { type: 'ALREADY_CHECKED_IN', checkedInAt: T0 + 5 },
    });
  });

  it('answers TICKET_NOT_FOUND when no booking has the code', () => {
    expect(checkInTicket(null, { now: T0 })).toMatchObject({ ok: false, error: { type: 'TICKET_NOT_FOUND' } });
  });

  it.each(['PENDING_PAYMENT', 'CANCELED', 'EXPIRED'] as const)('answers TICKET_NOT_VALID for a %s booking', (status) => {
    expect(checkInTicket({ ...confirmed, status }, { now: T0 })).toMatchObject({
      ok: false, error: { type: 'TICKET_NOT_VALID', status },
    });
  });
});
