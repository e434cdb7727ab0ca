import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anEntry, T0 } from '../shared/fixtures.test-support.js';
import { compareWaitlistOrder, waitingLine, waitlistPositions } from './waitlist-order.js';
import type { WaitlistStatus } from './waitlist.types.js';

describe('compareWaitlistOrder', () => {
  it('serves a lower priority first, whatever the join time', () => {
    const early = anEntry({ id: 'a', priority: 1, joinedAt: T0 });
    const vip = anEntry({ id: 'b', priority: -1, joinedAt: T0 + 1000 });
    expect([early, vip].sort(compareWaitlistOrder).map((e) => e.id)).toEqual(['b', 'a']);
  });

  it('then serves the earlier join first', () => {
    const late = anEntry({ id: 'a', joinedAt: T0 + 5 });
    const early = anEntry({ id: 'z', joinedAt: T0 });
    expect(compareWaitlistOrder(early, late)).toBeLessThan(0);
    expect(compareWaitlistOrder(late, early)).toBeGreaterThan(0);
  });

  it('breaks a tie of priority and time by id, by code unit rather than locale', () => {
    const upper = anEntry({ id: 'B', joinedAt: T0 });
    const lower = anEntry({ id: 'a', joinedAt: T0 });
    expect(compareWaitlistOrder(upper, lower)).toBeLessThan(0); // 'B' (66) < 'a' (97)
    expect(compareWaitlistOrder(lower, lower)).toBe(0);
  });

  it('gives one total order: sorting any shuffle yields the same line', () => {
    const entry = fc.record({ priority: fc.integer({ min: -2, max: 2 }), joinedAt: fc.integer({ min: 0, max: 3 }) });
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 3 }), entry), { selector: ([id]) => id, maxLength: 12 }),
        fc.func(fc.integer()),
        (rows, shuffleKey) => {
          const entries = rows.map(([id, r]) => anEntry({ id, priority: r.priority, joinedAt: T0 + r.joinedAt }));
          const shuffled = [...entries].sort((a, b) => shuffleKey(a.id) - shuffleKey(b.id));
          const ids = (xs: typeof entries) => [...xs].sort(compareWaitlistOrder).map((e) => e.id);
          expect(ids(shuffled)).toEqual(ids(entries));
        },
      ),
    );
  });
});

describe('waitingLine', () => {
  it('keeps only the WAITING entries of the event, head first', () => {
    const entries = [
      anEntry({ id: 'w2', joinedAt: T0 + 2 }),
      anEntry({ id: 'off', status: 'OFFERED', joinedAt: T0 }),
      anEntry({ id: 'other', eventId: 'evt-2', joinedAt: T0 }),
      anEntry({ id: 'w1', joinedAt: T0 + 1 }),
    ];
    expect(waitingLine(entries, 'evt-1').map((e) => e.id)).toEqual(['w1', 'w2']);
  });
});

describe('waitlistPositions', () => {
  it('numbers WAITING entries from 1 within their own event and skips other statuses', () => {
    const statuses: WaitlistStatus[] = ['OFFERED', 'CLAIMED', 'EXPIRED', 'LEFT', 'CANCELED'];
    const entries = [
      anEntry({ id: 'a3', joinedAt: T0 + 30 }),
      anEntry({ id: 'a1', joinedAt: T0 + 10 }),
      ...statuses.map((status, i) => anEntry({ id: `gone-${i}`, status, joinedAt: T0 + 15 })),
      anEntry({ id: 'a2', joinedAt: T0 + 20 }),
      anEntry({ id: 'b1', eventId: 'evt-2', joinedAt: T0 + 40 }),
      anEntry({ id: 'a0', priority: -1, joinedAt: T0 + 50 }),
    ];
    const positions = waitlistPositions(entries);
    expect(Object.fromEntries(positions)).toEqual({ a0: 1, a1: 2, a2: 3, a3: 4, b1: 1 });
    expect(positions.has('gone-0')).toBe(false);
  });

  it('is empty when nobody waits', () => {
    expect(waitlistPositions([anEntry({ status: 'OFFERED' })]).size).toBe(0);
  });
});
