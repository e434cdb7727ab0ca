// Builders for tests only (excluded from the build by tsconfig.lib.json).
import { T0 } from '../shared/fixtures.test-support.js';
import type { Review } from './review.types.js';

export function aReview(overrides: Partial<Review> = {}): Review {
  return {
    id: 'rev-1',
    eventId: 'evt-1',
    userId: 'user-1',
    rating: 4,
    content: 'Calm water, friendly skipper.',
    status: 'ACTIVE',
    helpfulCount: 0,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}
