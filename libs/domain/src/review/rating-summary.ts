import { divideRoundHalfUp } from '../shared/money.js';
import { DomainInvariantError } from '../shared/result.js';
import { isValidRating } from './create-review.js';
import type { Review } from './review.types.js';

export type RatingSummary = {
  /** Mean of the `ACTIVE` ratings, rounded half up to 2 decimals; `null` when there is none. */
  readonly avgRating: number | null;
  readonly reviewCount: number;
};

/**
 * An event's `avgRating` and `reviewCount` (DESIGN §3.7): only `ACTIVE` reviews count. The mean is computed
 * in integers (hundredths, rounded half up) so that 4.665 cannot become 4.66 through a binary fraction.
 */
export function ratingSummary(reviews: readonly Pick<Review, 'rating' | 'status'>[]): RatingSummary {
  let sum = 0;
  let reviewCount = 0;
  for (const review of reviews) {
    if (review.status !== 'ACTIVE') continue;
    if (!isValidRating(review.rating)) {
      throw new DomainInvariantError('INVALID_ARGUMENT', `a stored rating must be 1..5, got ${review.rating}`);
    }
    sum += review.rating;
    reviewCount += 1;
  }
  if (reviewCount === 0) return { avgRating: null, reviewCount: 0 };
  return { avgRating: divideRoundHalfUp(sum * 100, reviewCount) / 100, reviewCount };
}
