import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainInvariantError } from '../shared/result.js';
import { ratingSummary } from './rating-summary.js';
import type { ReviewStatus } from './review.types.js';

const active = (...ratings: number[]) => ratings.map((rating) => ({ rating, status: 'ACTIVE' as const }));

describe('ratingSummary', () => {
  it('no reviews → avgRating null, count 0', () => {
    expect(ratingSummary([])).toEqual({ avgRating: null, reviewCount: 0 });
  });

  it('averages to 2 decimals', () => {
    expect(ratingSummary(active(5, 4))).toEqual({ avgRating: 4.5, reviewCount: 2 });
    expect(ratingSummary(active(5, 4, 4))).toEqual({ avgRating: 4.33, reviewCount: 3 });
    expect(ratingSummary(active(5, 5, 4))).toEqual({ avgRating: 4.67, reviewCount: 3 });
  });

  it('rounds half up: 37 / 8 = 4.625 → 4.63', () => {
    expect(ratingSummary(active(5, 5, 5, 5, 5, 4, 4, 4))).toEqual({ avgRating: 4.63, reviewCount: 8 });
  });

  it('counts ACTIVE reviews only', () => {
    const reviews = [...active(2), { rating: 5, status: 'PENDING' as const }, { rating: 5, status: 'REJECTED' as const }];
    expect(ratingSummary(reviews)).toEqual({ avgRating: 2, reviewCount: 1 });
    expect(ratingSummary([{ rating: 5, status: 'PENDING' }])).toEqual({ avgRating: null, reviewCount: 0 });
  });

  it('throws on a stored ACTIVE rating outside 1..5 (broken data, not a business outcome)', () => {
    expect(() => ratingSummary(active(6))).toThrow(DomainInvariantError);
  });

  const reviewArb = fc.record({
    rating: fc.integer({ min: 1, max: 5 }),
    status: fc.constantFrom<ReviewStatus>('ACTIVE', 'PENDING', 'REJECTED'),
  });

  it('property: avgRating lies in 1..5, within half a hundredth of the exact mean, ignoring non-ACTIVE reviews', () => {
    fc.assert(
      fc.property(fc.array(reviewArb, { maxLength: 60 }), fc.array(reviewArb, { maxLength: 20 }), (reviews, noise) => {
        const onlyActive = reviews.filter((r) => r.status === 'ACTIVE');
        const hidden = noise.map((r) => ({ ...r, status: r.status === 'ACTIVE' ? ('PENDING' as const) : r.status }));
        const summary = ratingSummary([...reviews, ...hidden]);
        expect(summary).toEqual(ratingSummary(onlyActive));
        expect(summary.reviewCount).toBe(onlyActive.length);
        if (onlyActive.length === 0) {
          expect(summary.avgRating).toBeNull();
          return;
        }
        const avg = summary.avgRating ?? Number.NaN;
        expect(avg).toBeGreaterThanOrEqual(1);
        expect(avg).toBeLessThanOrEqual(5);
        const exact = onlyActive.reduce((s, r) => s + r.rating, 0) / onlyActive.length;
        expect(Math.abs(avg - exact)).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(Math.abs(avg * 100 - Math.round(avg * 100))).toBeLessThan(1e-6);
      }),
    );
  });
});
