import { describe, expect, it } from 'vitest';
import { anEntry, anEvent, T0 } from '../shared/fixtures.test-support.js';
import { DomainInvariantError } from '../shared/result.js';
import { leaveWaitlist } from './leave-waitlist.js';
import type { WaitlistStatus } from './waitlist.types.js';

const now = T0 + 5_000;

describe('leaveWaitlist', () => {
  it('moves a WAITING entry to LEFT without touching seats, and asks for the line to move on', () => {
    // The entry behind a blocking head may fit in seats nobody holds once the head is gone.
    const event = anEvent({ seatsTaken: 8 });
    const r = leaveWaitlist(anEntry({ status: 'WAITING', quantity: 3 }), { event, now });
    expect(r).toEqual({
      ok: true,
      value: { state: anEntry({ status: 'LEFT', quantity: 3, updatedAt: now }), event, offerNext: true, events: [] },
    });
  });

  it('releases the hold of an OFFERED entry', () => {
    const event = anEvent({ capacity: 10, seatsTaken: 10 });
    const entry = anEntry({ status: 'OFFERED', quantity: 3, offeredAt: T0, offerExpiresAt: T0 + 60_000 });
    const r = leaveWaitlist(entry, { event, now });
    expect(r.ok && [r.value.state.status, r.value.event.seatsTaken, r.value.offerNext]).toEqual(['LEFT', 7, true]);
  });

  it('answers an entry already LEFT unchanged', () => {
    const entry = anEntry({ status: 'LEFT', updatedAt: T0 });
    const event = anEvent({ seatsTaken: 4 });
    const r = leaveWaitlist(entry, { event, now });
    expect(r.ok && r.value.state).toBe(entry);
    expect(r.ok && r.value.event).toBe(event);
    expect(r.ok && r.value.offerNext).toBe(false);
  });

  it.each<WaitlistStatus>(['CLAIMED', 'EXPIRED', 'CANCELED'])('answers WAITLIST_ENTRY_NOT_ACTIVE for a %s entry', (status) => {
    const r = leaveWaitlist(anEntry({ status }), { event: anEvent(), now });
    expect(!r.ok && r.error).toMatchObject({ type: 'WAITLIST_ENTRY_NOT_ACTIVE', status });
  });

  it('throws when the event is not the entry’s', () => {
    expect(() => leaveWaitlist(anEntry({ eventId: 'evt-2' }), { event: anEvent(), now })).toThrow(DomainInvariantError);
  });
});
