import { describe, expect, it } from 'vitest';
import { formatInstant, formatMoney, summaryOf, totalsOf, type PlanRow } from './bulk-report.js';

const row = (over: Partial<PlanRow>): PlanRow => ({
  eventId: 'e',
  title: 't',
  statusBefore: 'PUBLISHED',
  outcome: 'planned',
  code: null,
  reason: null,
  bookings: 1,
  refund: null,
  waitlist: 0,
  crew: null,
  change: null,
  ...over,
});

describe('formatMoney', () => {
  it('shows minor units in the currency’s own precision, grouped', () => {
    expect(formatMoney({ amount: 150_000, currency: 'RUB' })).toBe('1 500.00 RUB');
    expect(formatMoney({ amount: 123_456_789, currency: 'EUR' })).toBe('1 234 567.89 EUR');
    expect(formatMoney({ amount: 5, currency: 'USD' })).toBe('0.05 USD');
    expect(formatMoney({ amount: 1500, currency: 'JPY' })).toBe('1 500 JPY');
    expect(formatMoney({ amount: 1234, currency: 'KWD' })).toBe('1.234 KWD');
  });
});

describe('totalsOf', () => {
  it('adds what will change, money per currency, and counts the rest', () => {
    const t = totalsOf([
      row({ bookings: 2, refund: { amount: 100, currency: 'RUB' }, waitlist: 1, crew: 'released' }),
      row({ outcome: 'done', bookings: 3, refund: { amount: 50, currency: 'RUB' } }),
      row({ refund: { amount: 70, currency: 'EUR' } }),
      row({ outcome: 'skipped', bookings: 9, refund: { amount: 999, currency: 'RUB' } }),
      row({ outcome: 'failed', bookings: null }),
    ]);
    expect(t).toEqual({
      events: 5,
      toChange: 3,
      skipped: 1,
      failed: 1,
      bookings: 6,
      refunds: [{ amount: 70, currency: 'EUR' }, { amount: 150, currency: 'RUB' }],
      waitlist: 1,
      crews: 1,
    });
  });
});

describe('summaryOf', () => {
  it('counts outcomes, what was not reached, and lists failures with their reasons', () => {
    const item = (eventId: string, outcome: 'done' | 'skipped' | 'failed') => ({
      item: { eventId, outcome, code: outcome === 'failed' ? 'EVENT_NOT_FOUND' : null, reason: outcome === 'failed' ? 'event not found' : null, detail: null },
      title: `title ${eventId}`,
    });
    expect(summaryOf(6, [item('a', 'done'), item('b', 'skipped'), item('c', 'failed')], true)).toEqual({
      total: 6,
      done: 1,
      skipped: 1,
      failed: 1,
      notRun: 3,
      interrupted: true,
      failures: [{ eventId: 'c', title: 'title c', code: 'EVENT_NOT_FOUND', reason: 'event not found' }],
    });
  });
});

describe('formatInstant', () => {
  it('shows UTC to the minute', () => {
    expect(formatInstant(Date.UTC(2030, 6, 1, 8, 5, 59))).toBe('2030-07-01 08:05Z');
  });
});
