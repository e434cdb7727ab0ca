import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { voteHelpful } from './helpful-vote.js';
import type { Review } from './review.types.js';
import { aReview } from './review.test-support.js';

describe('voteHelpful', () => {
  it('counts a first vote', () => {
    const result = voteHelpful(aReview({ helpfulCount: 2 }), { voterId: 'user-2', alreadyVoted: false });
    expect(result.ok && result.value.helpfulCount).toBe(3);
  });

  it('leaves updatedAt alone: a vote is not an edit', () => {
    const review = aReview();
    const result = voteHelpful(review, { voterId: 'user-2', alreadyVoted: false });
    expect(result.ok && result.value.updatedAt).toBe(review.updatedAt);
  });

  it('a repeated vote returns the same review unchanged', () => {
    const review = aReview({ helpfulCount: 2 });
    const result = voteHelpful(review, { voterId: 'user-2', alreadyVoted: true });
    expect(result.ok && result.value).toBe(review);
  });

  it("on one's own review → OWN_REVIEW", () => {
    expect(voteHelpful(aReview({ userId: 'user-1' }), { voterId: 'user-1', alreadyVoted: false })).toMatchObject({
      ok: false,
      error: { type: 'OWN_REVIEW' },
    });
  });

  it("the author hears OWN_REVIEW even on their review still PENDING (they can see it)", () => {
    expect(voteHelpful(aReview({ status: 'PENDING' }), { voterId: 'user-1', alreadyVoted: false })).toMatchObject({
      ok: false,
      error: { type: 'OWN_REVIEW' },
    });
  });

  it.each(['PENDING', 'REJECTED'] as const)('on a %s review → REVIEW_NOT_FOUND', (status) => {
    expect(voteHelpful(aReview({ status }), { voterId: 'user-2', alreadyVoted: false })).toMatchObject({
      ok: false,
      error: { type: 'REVIEW_NOT_FOUND' },
    });
  });

  it('property: helpfulCount equals the number of distinct voters other than the author', () => {
    const author = 'u0';
    fc.assert(
      fc.property(fc.array(fc.constantFrom('u0', 'u1', 'u2', 'u3', 'u4', 'u5'), { maxLength: 40 }), (voters) => {
        const voted = new Set<string>();
        let review: Review = aReview({ userId: author, helpfulCount: 0 });
        for (const voterId of voters) {
          const result = voteHelpful(review, { voterId, alreadyVoted: voted.has(voterId) });
          if (!result.ok) {
            expect(voterId).toBe(author);
            continue;
          }
          voted.add(voterId);
          review = result.value;
        }
        expect(review.helpfulCount).toBe(new Set(voters.filter((v) => v !== author)).size);
      }),
    );
  });
});
