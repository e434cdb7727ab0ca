import { describe, expect, it } from 'vitest';
import { anEntry, anEvent, hours, T0 } from '../shared/fixtures.test-support.js';
import { DomainInvariantError } from '../shared/result.js';
import { bookingClosesAt } from '../booking/buyer-checks.js';
import { assertSameEvent, isOpenForOffers, isWaitlistEntryActive } from './waitlist-rules.js';
import type { WaitlistStatus } from './waitlist.types.js';

describe('isWaitlistEntryActive', () => {
  it.each<[WaitlistStatus, boolean]>([
    ['WAITING', true],
    ['OFFERED', true],
    ['CLAIMED', false],
    ['EXPIRED', false],
    ['LEFT', false],
    ['CANCELED', false],
  ])('%s → %s', (status, active) => {
    expect(isWaitlistEntryActive(status)).toBe(active);
  });
});

describe('bookingClosesAt / isOpenForOffers', () => {
  const event = anEvent({ startsAt: T0 + hours(30), bookingDeadlineHours: 24 });

  it('closes bookingDeadlineHours before the start', () => {
    expect(bookingClosesAt(event)).toBe(T0 + hours(6));
  });

  it('is open for offers only while published and strictly before the deadline', () => {
    expect(isOpenForOffers(event, T0 + hours(6) - 1)).toBe(true);
    expect(isOpenForOffers(event, T0 + hours(6))).toBe(false);
    expect(isOpenForOffers({ ...event, status: 'CANCELED' }, T0)).toBe(false);
    expect(isOpenForOffers({ ...event, status: 'DRAFT' }, T0)).toBe(false);
  });

  it('handles a fractional deadline', () => {
    expect(bookingClosesAt({ startsAt: T0, bookingDeadlineHours: 0.5 })).toBe(T0 - 30 * 60_000);
  });
});

describe('assertSameEvent', () => {
  it('throws when an entry of another event is passed in', () => {
    expect(() => assertSameEvent(anEntry({ eventId: 'evt-2' }), anEvent())).toThrow(DomainInvariantError);
    expect(() => assertSameEvent(anEntry(), anEvent())).not.toThrow();
  });
});
