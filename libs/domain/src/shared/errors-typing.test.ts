import { describe, expect, it } from 'vitest';
import { domainError } from './errors.js';

describe('domainError', () => {
  it('builds errors with and without extra members', () => {
    expect(domainError('ALREADY_BOOKED', 'x')).toEqual({ type: 'ALREADY_BOOKED', detail: 'x' });
    expect(domainError('EVENT_FULL', 'full', { waitlistJoinable: true, seatsAvailable: 0 })).toEqual({
      type: 'EVENT_FULL', detail: 'full', waitlistJoinable: true, seatsAvailable: 0,
    });
    // @ts-expect-error EVENT_FULL requires its members
    domainError('EVENT_FULL', 'full');
  });
});
