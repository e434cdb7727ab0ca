import { describe, expect, it } from 'vitest';
import { DomainInvariantError } from '../shared/result.js';
import { T0, hours } from '../shared/fixtures.test-support.js';
import { moderateReview, type ModerationDecision } from './moderate-review.js';
import type { ReviewStatus } from './review.types.js';
import { aReview } from './review.test-support.js';

const later = T0 + hours(5);

describe('moderateReview', () => {
  it.each<[ReviewStatus, ModerationDecision]>([
    ['PENDING', 'ACTIVE'],
    ['PENDING', 'REJECTED'],
    ['ACTIVE', 'REJECTED'],
    ['REJECTED', 'ACTIVE'],
  ])('%s → %s', (from, to) => {
    const review = aReview({ status: from, helpfulCount: 2 });
    expect(moderateReview(review, { status: to, now: later })).toEqual({ ...review, status: to, updatedAt: later });
  });

  it.each<ModerationDecision>(['ACTIVE', 'REJECTED'])('%s again is a no-op returning the same review', (status) => {
    const review = aReview({ status });
    expect(moderateReview(review, { status, now: later })).toBe(review);
  });

  it('refuses PENDING from an untyped caller', () => {
    const decision = 'PENDING' as unknown as ModerationDecision;
    expect(() => moderateReview(aReview(), { status: decision, now: later })).toThrow(DomainInvariantError);
  });
});
