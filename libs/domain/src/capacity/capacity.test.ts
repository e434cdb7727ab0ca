import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anEvent, anOption } from '../shared/fixtures.test-support.js';
import { DomainInvariantError } from '../shared/result.js';
import { bookableSeats, expectedSeatCounts, reconcileSeats, releaseSeats, reserveSeats, seatsAvailable } from './capacity.js';

const withQuota = anEvent({
  capacity: 10,
  priceOptions: [anOption({ id: 'adult', quantity: 3 }), anOption({ id: 'child', price: 999, quantity: null })],
});

describe('reserveSeats', () => {
  it('takes seats of the event and of the option quota together', () => {
    const r = reserveSeats(withQuota, 2, 'adult');
    expect(r.ok && r.value.seatsTaken).toBe(2);
    expect(r.ok && r.value.priceOptions.find((o) => o.id === 'adult')?.seatsTaken).toBe(2);
    expect(r.ok && r.value.priceOptions.find((o) => o.id === 'child')?.seatsTaken).toBe(0);
  });

  it('answers EVENT_FULL with waitlistJoinable when the event lacks seats', () => {
    const r = reserveSeats({ ...withQuota, seatsTaken: 9 }, 2, 'child');
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ type: 'EVENT_FULL', waitlistJoinable: true, seatsAvailable: 1 }) });
  });

  it('answers PRICE_OPTION_SOLD_OUT when only the quota lacks seats, and takes nothing', () => {
    const r = reserveSeats(withQuota, 4, 'adult');
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ type: 'PRICE_OPTION_SOLD_OUT', seatsAvailable: 3 }) });
  });

  it('takes exactly the last seat', () => {
    const r = reserveSeats({ ...withQuota, seatsTaken: 9 }, 1, null);
    expect(r.ok && seatsAvailable(r.value)).toBe(0);
  });

  it('refuses a non-positive or fractional quantity as a caller bug', () => {
    expect(() => reserveSeats(withQuota, 0, null)).toThrow(DomainInvariantError);
    expect(() => reserveSeats(withQuota, 1.5, null)).toThrow(DomainInvariantError);
    expect(() => reserveSeats(withQuota, 1, 'nope')).toThrow(DomainInvariantError);
  });
});

describe('releaseSeats', () => {
  it('gives seats back to the event and the option', () => {
    const taken = reserveSeats(withQuota, 3, 'adult');
    if (!taken.ok) throw new Error('setup');
    const back = releaseSeats(taken.value, 2, 'adult');
    expect(back.seatsTaken).toBe(1);
    expect(back.priceOptions[0]?.seatsTaken).toBe(1);
  });

  it('throws rather than drive a counter below zero', () => {
    expect(() => releaseSeats(withQuota, 1, null)).toThrow(/only 0 taken/);
    expect(() => releaseSeats({ ...withQuota, seatsTaken: 1 }, 1, 'adult')).toThrow(DomainInvariantError);
  });
});

describe('bookableSeats', () => {
  it('is the smaller of the event and the option availability', () => {
    expect(bookableSeats(withQuota, withQuota.priceOptions[0] ?? null)).toBe(3);
    expect(bookableSeats({ ...withQuota, seatsTaken: 8 }, withQuota.priceOptions[0] ?? null)).toBe(2);
    expect(bookableSeats(withQuota, withQuota.priceOptions[1] ?? null)).toBe(10);
  });
});

describe('expectedSeatCounts and reconcileSeats', () => {
  const holders = {
    bookings: [
      { status: 'PENDING_PAYMENT', quantity: 2, priceOptionId: 'adult' },
      { status: 'CONFIRMED', quantity: 1, priceOptionId: 'child' },
      { status: 'CANCELED', quantity: 5, priceOptionId: 'adult' },
      { status: 'EXPIRED', quantity: 5, priceOptionId: 'child' },
    ],
    waitlist: [
      { status: 'OFFERED', quantity: 2 },
      { status: 'WAITING', quantity: 4 },
      { status: 'CLAIMED', quantity: 1 },
    ],
  };

  it('counts active bookings and open offers only', () => {
    expect(expectedSeatCounts(holders)).toEqual({ seatsTaken: 5, byOption: { adult: 2, child: 1 } });
  });

  it('reports drift and repairs it; a consistent event has none', () => {
    const drifted = { ...withQuota, seatsTaken: 7 };
    const { drift, repaired } = reconcileSeats(drifted, holders);
    expect(drift).toEqual([
      { field: 'seatsTaken', stored: 7, expected: 5 },
      { field: 'priceOptions.adult.seatsTaken', stored: 0, expected: 2 },
      { field: 'priceOptions.child.seatsTaken', stored: 0, expected: 1 },
    ]);
    expect(reconcileSeats(repaired, holders).drift).toEqual([]);
  });
});

describe('properties', () => {
  const op = fc.oneof(
    fc.record({ kind: fc.constant('reserve' as const), qty: fc.integer({ min: 1, max: 5 }), option: fc.constantFrom('adult', 'child', null) }),
    fc.record({ kind: fc.constant('release' as const), index: fc.nat() }),
  );

  it('seats are never negative nor above capacity or quota, and the counter equals the sum of holds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 10 }), fc.array(op, { maxLength: 60 }), (capacity, quota, ops) => {
        let event = anEvent({
          capacity,
          priceOptions: [anOption({ id: 'adult', quantity: quota }), anOption({ id: 'child', quantity: null })],
        });
        const holds: { quantity: number; priceOptionId: string | null }[] = [];
        for (const o of ops) {
          if (o.kind === 'reserve') {
            const r = reserveSeats(event, o.qty, o.option);
            if (r.ok) {
              event = r.value;
              holds.push({ quantity: o.qty, priceOptionId: o.option });
            } else {
              // A refusal is justified: the seats really were not there.
              const own = o.option === 'adult' ? quota - (event.priceOptions[0]?.seatsTaken ?? 0) : Infinity;
              expect(o.qty > Math.min(capacity - event.seatsTaken, own)).toBe(true);
            }
          } else if (holds.length > 0) {
            const [h] = holds.splice(o.index % holds.length, 1);
            if (h) event = releaseSeats(event, h.quantity, h.priceOptionId);
          }
          expect(event.seatsTaken).toBeGreaterThanOrEqual(0);
          expect(event.seatsTaken).toBeLessThanOrEqual(capacity);
          expect(event.priceOptions[0]?.seatsTaken).toBeLessThanOrEqual(quota);
          const expected = expectedSeatCounts({ bookings: holds.map((h) => ({ ...h, status: 'CONFIRMED' })), waitlist: [] });
          expect(event.seatsTaken).toBe(expected.seatsTaken);
          expect(event.priceOptions[0]?.seatsTaken).toBe(expected.byOption['adult'] ?? 0);
        }
      }),
    );
  });
});
