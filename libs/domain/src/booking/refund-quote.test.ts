import { describe, expect, it } from 'vitest';
import { aBooking, anEvent, hours, T0 } from '../shared/fixtures.test-support.js';
import { bookingRefundQuote, quoteCancelRefund, rescheduledSinceBooking } from './refund-quote.js';

const event = anEvent({ startsAt: T0 + hours(24 * 10) });
const paid = aBooking({ status: 'CONFIRMED', ticketCode: 'TCK-1', paidAmount: 1999 });

describe('bookingRefundQuote', () => {
  it('quotes what the owner would get back by canceling now, by the booking’s policy', () => {
    expect(bookingRefundQuote(paid, event, event.startsAt - hours(72), 0)).toEqual({
      ok: true, value: { percent: 80, amount: 1599, refundable: 1999, hoursBeforeStart: 72, basis: 'POLICY' },
    });
  });

  it('quotes 100 % after a reschedule the booking predates', () => {
    const rescheduled = { ...event, rescheduledAt: T0 + 1 };
    expect(bookingRefundQuote(paid, rescheduled, event.startsAt - hours(1), 0)).toMatchObject({
      ok: true, value: { percent: 100, amount: 1999, basis: 'RESCHEDULED' },
    });
  });

  it('takes earlier refunds into account', () => {
    expect(bookingRefundQuote(paid, event, T0, 1000)).toMatchObject({ ok: true, value: { amount: 999, refundable: 999 } });
  });

  it('quotes an amount of 0 for a booking not paid yet', () => {
    expect(bookingRefundQuote(aBooking(), event, T0, 0)).toMatchObject({ ok: true, value: { percent: 100, amount: 0 } });
  });

  it('answers EVENT_STARTED for a confirmed booking once the event started', () => {
    expect(bookingRefundQuote(paid, event, event.startsAt, 0)).toMatchObject({ ok: false, error: { type: 'EVENT_STARTED' } });
  });

  it.each(['CANCELED', 'EXPIRED'] as const)('answers BOOKING_NOT_CANCELABLE for a %s booking', (status) => {
    expect(bookingRefundQuote({ ...paid, status }, event, T0, 0)).toMatchObject({
      ok: false, error: { type: 'BOOKING_NOT_CANCELABLE', status },
    });
  });
});

describe('quoteCancelRefund and rescheduledSinceBooking', () => {
  it('counts a reschedule only when it came after the booking was made', () => {
    expect(rescheduledSinceBooking(paid, { ...event, rescheduledAt: null })).toBe(false);
    expect(rescheduledSinceBooking(paid, { ...event, rescheduledAt: paid.createdAt })).toBe(false);
    expect(rescheduledSinceBooking(paid, { ...event, rescheduledAt: paid.createdAt + 1 })).toBe(true);
  });

  it('overrides the policy for organisers (100 %) and admins (their percentage)', () => {
    const late = event.startsAt - hours(2);
    expect(quoteCancelRefund(paid, event, { by: 'ORGANIZER', overridePercent: null, now: late, alreadyRefunded: 0 })).toMatchObject({
      percent: 100, amount: 1999, basis: 'OVERRIDE',
    });
    expect(quoteCancelRefund(paid, event, { by: 'ADMIN', overridePercent: 12.5, now: late, alreadyRefunded: 0 })).toMatchObject({
      percent: 12.5, amount: 250,
    });
  });
});
