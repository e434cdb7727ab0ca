import { describe, expect, it } from 'vitest';
import { systemActor } from '../access/actor.js';
import { CAST, ORG, OTHER_ORG } from '../access/actor.test-support.js';
import { T0 } from '../shared/fixtures.test-support.js';
import { replyToReview, type ReplyToReviewInput } from './review-reply.js';
import { aReview } from './review.test-support.js';

function reply(overrides: Partial<ReplyToReviewInput> = {}): ReplyToReviewInput {
  return { id: 'rep-1', actor: CAST.manager, organizationId: ORG, content: ' Thanks for coming!\r\n ', now: T0, ...overrides };
}

describe('replyToReview', () => {
  it("an organiser of the event's organisation replies with normalised text", () => {
    expect(replyToReview(aReview(), reply())).toEqual({
      ok: true,
      value: { id: 'rep-1', reviewId: 'rev-1', authorId: 'manager-1', content: 'Thanks for coming!', createdAt: T0 },
    });
  });

  it('an admin or a system actor may reply; the author id is theirs', () => {
    const a = replyToReview(aReview(), reply({ actor: CAST.admin }));
    expect(a.ok && a.value.authorId).toBe('admin-1');
    const s = replyToReview(aReview(), reply({ actor: systemActor('cli:alice') }));
    expect(s.ok && s.value.authorId).toBe('cli:alice');
  });

  it.each([['staff', CAST.staff], ['a plain user', CAST.user], ['a guest', CAST.guest], ['another org', CAST.otherOrganiser]])(
    '%s → FORBIDDEN',
    (_who, actor) => {
      expect(replyToReview(aReview(), reply({ actor }))).toMatchObject({ ok: false, error: { type: 'FORBIDDEN' } });
    },
  );

  it('an owner of org-1 may not reply to a review of an org-2 event', () => {
    expect(replyToReview(aReview(), reply({ actor: CAST.owner, organizationId: OTHER_ORG }))).toMatchObject({
      ok: false,
      error: { type: 'FORBIDDEN' },
    });
  });

  it('a review the organiser may not see yet (PENDING) → REVIEW_NOT_FOUND; an admin may reply to it', () => {
    const pending = aReview({ status: 'PENDING' });
    expect(replyToReview(pending, reply())).toMatchObject({ ok: false, error: { type: 'REVIEW_NOT_FOUND' } });
    expect(replyToReview(pending, reply({ actor: CAST.admin })).ok).toBe(true);
  });

  it('empty or too long text → INVALID_REVIEW on content', () => {
    expect(replyToReview(aReview(), reply({ content: ' \u0000 ' }))).toMatchObject({
      ok: false,
      error: { type: 'INVALID_REVIEW', field: 'content' },
    });
    expect(replyToReview(aReview(), reply({ content: 'z'.repeat(2001) }))).toMatchObject({
      ok: false,
      error: { type: 'INVALID_REVIEW', field: 'content' },
    });
  });
});
