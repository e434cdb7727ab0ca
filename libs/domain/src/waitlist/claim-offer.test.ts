import { describe, expect, it } from 'vitest';
import { anEntry, T0 } from '../shared/fixtures.test-support.js';
import { DomainInvariantError } from '../shared/result.js';
import { claimOffer } from './claim-offer.js';
import type { WaitlistStatus } from './waitlist.types.js';

const expiresAt = T0 + 30 * 60_000;
const offer = anEntry({ id: 'wl-7', userId: 'u7', status: 'OFFERED', offeredAt: T0, offerExpiresAt: expiresAt });

describe('claimOffer', () => {
  it('claims an open offer: CLAIMED with the booking id, waitlist.claimed', () => {
    const now = T0 + 60_000;
    expect(claimOffer(offer, { now, bookingId: 'bkg-9' })).toEqual({
      ok: true,
      value: {
        state: { ...offer, status: 'CLAIMED', bookingId: 'bkg-9', updatedAt: now },
        events: [{ type: 'waitlist.claimed', subject: 'wl-7', data: { entryId: 'wl-7', eventId: 'evt-1', userId: 'u7', bookingId: 'bkg-9' } }],
      },
    });
  });

  it('still accepts a claim at the very instant the window closes', () => {
    expect(claimOffer(offer, { now: expiresAt, bookingId: 'b' }).ok).toBe(true);
  });

  it('answers OFFER_EXPIRED after the window, even before the cleanup job ran', () => {
    expect(claimOffer(offer, { now: expiresAt + 1, bookingId: 'b' })).toEqual({
      ok: false,
      error: { type: 'OFFER_EXPIRED', detail: expect.any(String) },
    });
  });

  it('answers OFFER_EXPIRED for an offer the cleanup job already expired', () => {
    const r = claimOffer({ ...offer, status: 'EXPIRED' }, { now: T0, bookingId: 'b' });
    expect(!r.ok && r.error.type).toBe('OFFER_EXPIRED');
  });

  it.each<WaitlistStatus>(['WAITING', 'CLAIMED', 'LEFT', 'CANCELED'])('answers WAITLIST_ENTRY_NOT_ACTIVE for a %s entry', (status) => {
    const r = claimOffer({ ...offer, status }, { now: T0, bookingId: 'b' });
    expect(!r.ok && r.error).toMatchObject({ type: 'WAITLIST_ENTRY_NOT_ACTIVE', status });
  });

  it('throws on an OFFERED entry without a window (corrupt data)', () => {
    expect(() => claimOffer({ ...offer, offerExpiresAt: null }, { now: T0, bookingId: 'b' })).toThrow(DomainInvariantError);
  });
});
