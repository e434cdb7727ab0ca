import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anEntry, anEvent, hours, T0 } from '../shared/fixtures.test-support.js';
import { DomainInvariantError } from '../shared/result.js';
import { expireOffers } from './expire-offers.js';
import type { WaitlistEntry } from './waitlist.types.js';

const MIN = 60_000;
const offered = (o: Partial<WaitlistEntry>): WaitlistEntry =>
  anEntry({ status: 'OFFERED', offeredAt: T0, offerExpiresAt: T0 + 30 * MIN, ...o });

describe('expireOffers', () => {
  it('expires lapsed offers, releases their seats and offers them to the next in line', () => {
    const event = anEvent({ capacity: 10, seatsTaken: 10 }); // 7 booked + 3 held
    const entries = [
      offered({ id: 'lapsed', userId: 'u1', quantity: 3 }),
      anEntry({ id: 'next', userId: 'u2', quantity: 2, joinedAt: T0 + 1 }),
      anEntry({ id: 'after', userId: 'u3', quantity: 2, joinedAt: T0 + 2 }),
    ];
    const now = T0 + 31 * MIN;
    const out = expireOffers({ event, entries, now, offerMinutes: 30 });

    expect(out.expired.map((e) => [e.id, e.status, e.updatedAt])).toEqual([['lapsed', 'EXPIRED', now]]);
    expect(out.offered.map((e) => [e.id, e.offerExpiresAt])).toEqual([['next', now + 30 * MIN]]);
    expect(out.event.seatsTaken).toBe(9); // 7 booked + 2 held for "next"; 1 idle seat that "after" (2) does not fit
    expect(out.events.map((e) => [e.type, e.subject])).toEqual([
      ['waitlist.offer_expired', 'lapsed'],
      ['waitlist.offered', 'next'],
    ]);
    expect(out.events[0]?.data).toEqual({ entryId: 'lapsed', eventId: 'evt-1', userId: 'u1' });
  });

  it('leaves an offer alone up to and including offerExpiresAt', () => {
    const event = anEvent({ capacity: 1, seatsTaken: 1 });
    const out = expireOffers({ event, entries: [offered({})], now: T0 + 30 * MIN, offerMinutes: 30 });
    expect(out.expired).toEqual([]);
    expect(out.event).toEqual(event);
  });

  it('expires after the booking deadline too, but offers nothing then', () => {
    const event = anEvent({ capacity: 5, seatsTaken: 2, startsAt: T0 + hours(24) + 10 * MIN, bookingDeadlineHours: 24 });
    const entries = [offered({ id: 'o', quantity: 2 }), anEntry({ id: 'w', joinedAt: T0 + 1 })];
    const out = expireOffers({ event, entries, now: T0 + 31 * MIN, offerMinutes: 30 });
    expect(out.expired.map((e) => e.id)).toEqual(['o']);
    expect(out.offered).toEqual([]);
    expect(out.event.seatsTaken).toBe(0);
  });

  it('touches only OFFERED entries of its own event', () => {
    const event = anEvent({ capacity: 3, seatsTaken: 3 });
    const entries = [
      offered({ id: 'other', eventId: 'evt-2', quantity: 3 }),
      anEntry({ id: 'claimed', status: 'CLAIMED', offerExpiresAt: T0 }),
    ];
    const out = expireOffers({ event, entries, now: T0 + hours(1), offerMinutes: 30 });
    expect(out.expired).toEqual([]);
    expect(out.event).toEqual(event);
  });

  it('throws on an OFFERED entry without a window, and on a bad offer window', () => {
    const event = anEvent({ seatsTaken: 1 });
    expect(() => expireOffers({ event, entries: [offered({ offerExpiresAt: null })], now: T0, offerMinutes: 30 })).toThrow(
      DomainInvariantError,
    );
    expect(() => expireOffers({ event, entries: [], now: T0, offerMinutes: 0 })).toThrow(DomainInvariantError);
  });

  it('is idempotent: a second run at the same instant changes nothing', () => {
    const row = fc.record({
      quantity: fc.integer({ min: 1, max: 3 }),
      offered: fc.boolean(),
      expiresIn: fc.integer({ min: -20, max: 20 }),
      joinedAt: fc.integer({ min: 0, max: 10 }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 10 }), fc.integer({ min: 0, max: 6 }), (rows, booked) => {
        const entries = rows.map((r, i) =>
          r.offered
            ? offered({ id: `e${i}`, quantity: r.quantity, offerExpiresAt: T0 + r.expiresIn * MIN })
            : anEntry({ id: `e${i}`, quantity: r.quantity, joinedAt: T0 - r.joinedAt }),
        );
        const held = rows.reduce((n, r) => n + (r.offered ? r.quantity : 0), 0);
        const event = anEvent({ capacity: held + booked + 2, seatsTaken: held + booked });
        const first = expireOffers({ event, entries, now: T0, offerMinutes: 30 });
        const changed = new Map([...first.expired, ...first.offered].map((e) => [e.id, e]));
        const after = entries.map((e) => changed.get(e.id) ?? e);
        const second = expireOffers({ event: first.event, entries: after, now: T0, offerMinutes: 30 });
        expect(second.expired).toEqual([]);
        expect(second.offered).toEqual([]);
        expect(second.events).toEqual([]);
        expect(second.event).toEqual(first.event);
        // The first run expired exactly the offers whose window had passed.
        expect(first.expired.map((e) => e.id).sort()).toEqual(
          rows.flatMap((r, i) => (r.offered && r.expiresIn < 0 ? [`e${i}`] : [])).sort(),
        );
      }),
    );
  });
});
