import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anEntry, anEvent, hours, T0 } from '../shared/fixtures.test-support.js';
import { DomainInvariantError } from '../shared/result.js';
import { offerFreedSeats } from './offer-seats.js';
import type { WaitlistEntry, WaitlistStatus } from './waitlist.types.js';

const MIN = 60_000;

describe('offerFreedSeats', () => {
  it('offers the head while its quantity fits, holds the seats and emits waitlist.offered', () => {
    const event = anEvent({ capacity: 10, seatsTaken: 7 }); // 3 free
    const entries = [
      anEntry({ id: 'second', userId: 'u2', quantity: 1, joinedAt: T0 + 2 }),
      anEntry({ id: 'first', userId: 'u1', quantity: 2, joinedAt: T0 + 1 }),
      anEntry({ id: 'third', userId: 'u3', quantity: 1, joinedAt: T0 + 3 }),
    ];
    const now = T0 + hours(1);
    const out = offerFreedSeats({ event, entries, now, offerMinutes: 30 });

    expect(out.event.seatsTaken).toBe(10);
    expect(out.offered.map((e) => [e.id, e.status, e.offeredAt, e.offerExpiresAt, e.updatedAt])).toEqual([
      ['first', 'OFFERED', now, now + 30 * MIN, now],
      ['second', 'OFFERED', now, now + 30 * MIN, now],
    ]);
    expect(out.events).toEqual([
      { type: 'waitlist.offered', subject: 'first', data: { entryId: 'first', eventId: 'evt-1', userId: 'u1', quantity: 2, offerExpiresAt: now + 30 * MIN } },
      { type: 'waitlist.offered', subject: 'second', data: { entryId: 'second', eventId: 'evt-1', userId: 'u2', quantity: 1, offerExpiresAt: now + 30 * MIN } },
    ]);
  });

  it('is strict FIFO: a head that does not fit blocks everyone behind it', () => {
    const event = anEvent({ capacity: 10, seatsTaken: 8 }); // 2 free
    const entries = [anEntry({ id: 'big', quantity: 3, joinedAt: T0 }), anEntry({ id: 'small', quantity: 1, joinedAt: T0 + 1 })];
    const out = offerFreedSeats({ event, entries, now: T0, offerMinutes: 30 });
    expect(out.offered).toEqual([]);
    expect(out.event).toBe(event);
  });

  it('serves a lower priority ahead of an earlier join', () => {
    const event = anEvent({ capacity: 10, seatsTaken: 9 });
    const entries = [anEntry({ id: 'early', joinedAt: T0 }), anEntry({ id: 'vip', priority: -1, joinedAt: T0 + 100 })];
    expect(offerFreedSeats({ event, entries, now: T0, offerMinutes: 30 }).offered.map((e) => e.id)).toEqual(['vip']);
  });

  it('ignores entries of other events and entries that are not WAITING', () => {
    const event = anEvent({ capacity: 10, seatsTaken: 5 });
    const statuses: WaitlistStatus[] = ['OFFERED', 'CLAIMED', 'EXPIRED', 'LEFT', 'CANCELED'];
    const entries = [
      ...statuses.map((status, i) => anEntry({ id: `s${i}`, status, joinedAt: T0 - 10 })),
      anEntry({ id: 'elsewhere', eventId: 'evt-2', joinedAt: T0 - 10 }),
      anEntry({ id: 'mine', joinedAt: T0 }),
    ];
    const out = offerFreedSeats({ event, entries, now: T0, offerMinutes: 30 });
    expect(out.offered.map((e) => e.id)).toEqual(['mine']);
    expect(out.event.seatsTaken).toBe(6);
  });

  it('offers nothing unless the event is PUBLISHED and before the booking deadline', () => {
    const entries = [anEntry()];
    for (const status of ['DRAFT', 'SCHEDULED', 'IN_REVIEW', 'CANCELED', 'COMPLETED'] as const) {
      expect(offerFreedSeats({ event: anEvent({ status }), entries, now: T0, offerMinutes: 30 }).offered).toEqual([]);
    }
    const event = anEvent({ startsAt: T0 + hours(25), bookingDeadlineHours: 24 });
    expect(offerFreedSeats({ event, entries, now: T0 + hours(1) - 1, offerMinutes: 30 }).offered).toHaveLength(1);
    expect(offerFreedSeats({ event, entries, now: T0 + hours(1), offerMinutes: 30 }).offered).toEqual([]);
  });

  it('never lets an offer outlive the start of the event', () => {
    const event = anEvent({ startsAt: T0 + 20 * MIN, bookingDeadlineHours: 0 });
    const [offer] = offerFreedSeats({ event, entries: [anEntry()], now: T0, offerMinutes: 30 }).offered;
    expect(offer?.offerExpiresAt).toBe(T0 + 20 * MIN);
  });

  it('accepts a fractional window (0.05 min = 3 s)', () => {
    const [offer] = offerFreedSeats({ event: anEvent(), entries: [anEntry()], now: T0, offerMinutes: 0.05 }).offered;
    expect(offer?.offerExpiresAt).toBe(T0 + 3000);
  });

  it('throws on a window that is not a positive number', () => {
    for (const offerMinutes of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => offerFreedSeats({ event: anEvent(), entries: [], now: T0, offerMinutes })).toThrow(DomainInvariantError);
    }
  });
});

describe('offerFreedSeats — FIFO property', () => {
  const statusArb = fc.constantFrom<WaitlistStatus>('WAITING', 'WAITING', 'WAITING', 'OFFERED', 'CLAIMED', 'LEFT');
  const entriesArb = fc.uniqueArray(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      priority: fc.integer({ min: -1, max: 2 }),
      joinedAt: fc.integer({ min: 0, max: 5 }),
      quantity: fc.integer({ min: 1, max: 5 }),
      status: statusArb,
      otherEvent: fc.boolean(),
    }),
    { selector: (r) => r.id, maxLength: 15 },
  );

  // Written apart from compareWaitlistOrder on purpose: "x is served before y" as the rule states it.
  const servedBefore = (x: WaitlistEntry, y: WaitlistEntry): boolean =>
    x.priority < y.priority ||
    (x.priority === y.priority && (x.joinedAt < y.joinedAt || (x.joinedAt === y.joinedAt && x.id < y.id)));

  it('offers a prefix of the line, in order, and stops only at a head that does not fit', () => {
    fc.assert(
      fc.property(entriesArb, fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }), (rows, taken, free) => {
        const event = anEvent({ capacity: taken + free, seatsTaken: taken });
        const entries = rows.map((r) =>
          anEntry({ ...r, eventId: r.otherEvent ? 'evt-2' : 'evt-1', joinedAt: T0 + r.joinedAt, userId: `u-${r.id}` }),
        );
        const out = offerFreedSeats({ event, entries, now: T0, offerMinutes: 10 });

        const waiting = entries.filter((e) => e.eventId === 'evt-1' && e.status === 'WAITING');
        const offeredIds = new Set(out.offered.map((e) => e.id));
        const notOffered = waiting.filter((e) => !offeredIds.has(e.id));
        const offeredSeats = out.offered.reduce((n, e) => n + e.quantity, 0);

        // Only waiting entries of this event, each once, in line order.
        expect(out.offered.every((o) => waiting.some((w) => w.id === o.id && w.quantity === o.quantity))).toBe(true);
        expect(offeredIds.size).toBe(out.offered.length);
        out.offered.forEach((o, i) => {
          const next = out.offered[i + 1];
          if (next) expect(servedBefore(o, next)).toBe(true);
        });
        // A prefix: everyone offered is served before everyone left waiting.
        for (const o of out.offered) for (const w of notOffered) expect(servedBefore(o, w)).toBe(true);
        // The head left waiting did not fit in what was left.
        const head = notOffered.find((w) => notOffered.every((x) => x === w || servedBefore(w, x)));
        if (head) expect(head.quantity).toBeGreaterThan(free - offeredSeats);
        // The seats are held, never beyond capacity.
        expect(offeredSeats).toBeLessThanOrEqual(free);
        expect(out.event.seatsTaken).toBe(taken + offeredSeats);
        expect(out.events.map((e) => e.subject)).toEqual(out.offered.map((e) => e.id));
        expect(out.offered.every((e) => e.status === 'OFFERED' && e.offerExpiresAt === T0 + 10 * MIN)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
