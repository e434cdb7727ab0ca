import { describe, expect, it } from 'vitest';
import { anEntry, anEvent, T0 } from '../shared/fixtures.test-support.js';
import { cancelWaitlistForEvent } from './cancel-waitlist.js';

describe('cancelWaitlistForEvent', () => {
  const now = T0 + 1_000;
  const event = anEvent({ status: 'CANCELED', capacity: 10, seatsTaken: 5 }); // 2 booked + 3 held
  const entries = [
    anEntry({ id: 'w' }),
    anEntry({ id: 'o', status: 'OFFERED', quantity: 3, offeredAt: T0, offerExpiresAt: T0 + 60_000 }),
    anEntry({ id: 'c', status: 'CLAIMED', bookingId: 'b' }),
    anEntry({ id: 'l', status: 'LEFT' }),
    anEntry({ id: 'x', status: 'EXPIRED' }),
    anEntry({ id: 'elsewhere', eventId: 'evt-2', status: 'OFFERED', quantity: 2 }),
  ];

  it('cancels every WAITING and OFFERED entry of the event and releases the holds', () => {
    const out = cancelWaitlistForEvent({ event, entries, now });
    expect(out.canceled.map((e) => [e.id, e.status, e.updatedAt])).toEqual([
      ['w', 'CANCELED', now],
      ['o', 'CANCELED', now],
    ]);
    expect(out.event.seatsTaken).toBe(2);
    expect(out.events).toEqual([]);
  });

  it('is a no-op when repeated', () => {
    const first = cancelWaitlistForEvent({ event, entries, now });
    const changed = new Map(first.canceled.map((e) => [e.id, e]));
    const second = cancelWaitlistForEvent({ event: first.event, entries: entries.map((e) => changed.get(e.id) ?? e), now });
    expect(second.canceled).toEqual([]);
    expect(second.event).toEqual(first.event);
  });
});
