import { describe, expect, it } from 'vitest';
import { UsageError } from '../cli-errors.js';
import { eventIdsOf, selectionOf } from './event-ids.js';

const A = '01a1fedf-689a-7090-bee1-f1c3e0570870';
const B = '01A1FEDF-698C-7222-B5C2-01C82030AF4F';

describe('eventIdsOf', () => {
  it('takes ids as separate arguments or comma-separated, without repeats', () => {
    expect(eventIdsOf([A, `${B},${A}`])).toEqual([A, B.toLowerCase()]);
  });
  it('refuses anything that is not an id, naming it', () => {
    expect(() => eventIdsOf([A, 'trip-1'])).toThrow(/not an event id: trip-1/);
  });
});

describe('selectionOf', () => {
  it('is the ids, or the filter with --filter', () => {
    expect(selectionOf([A], {})).toEqual({ eventIds: [A] });
    expect(selectionOf([], { filter: true, org: 'o-1', from: 1, to: 2, q: 'kayak', status: ['PUBLISHED'] })).toEqual({
      filter: { organizationId: 'o-1', from: 1, to: 2, q: 'kayak', statuses: ['PUBLISHED'] },
    });
  });
  it.each([
    [[], {}, /give one or more event ids/],
    [[A], { filter: true, q: 'x' }, /not both/],
    [[], { filter: true }, /--filter needs at least one/],
    [[A], { q: 'x' }, /only with --filter/],
    [[], { filter: true, from: 5, to: 1 }, /--from is after --to/],
  ] as const)('refuses %j %j', (args, options, message) => {
    expect(() => selectionOf(args, options)).toThrow(UsageError);
    expect(() => selectionOf(args, options)).toThrow(message);
  });
});
