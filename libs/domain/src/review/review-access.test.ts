import { describe, expect, it } from 'vitest';
import { aUser } from '../access/actor.test-support.js';
import { canViewReview } from './review-access.js';
import { aReview } from './review.test-support.js';

describe('canViewReview beyond the matrix', () => {
  it('another user does not see a PENDING review; its author does', () => {
    const pending = aReview({ status: 'PENDING', userId: 'author' });
    expect(canViewReview(aUser('author'), pending)).toBe(true);
    expect(canViewReview(aUser('someone-else'), pending)).toBe(false);
  });
});
