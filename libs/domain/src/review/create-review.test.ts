import { describe, expect, it } from 'vitest';
import { T0, hours } from '../shared/fixtures.test-support.js';
import { createReview, updateReview, type CreateReviewInput } from './create-review.js';
import { aReview } from './review.test-support.js';

function input(overrides: Partial<CreateReviewInput> = {}): CreateReviewInput {
  return {
    id: 'rev-9',
    eventId: 'evt-1',
    userId: 'user-1',
    rating: 5,
    content: 'Lovely sunset.',
    now: T0,
    hasConfirmedBooking: true,
    eventStartsAt: T0 - hours(2),
    alreadyReviewed: false,
    moderateReviews: false,
    ...overrides,
  };
}

describe('createReview', () => {
  it('creates an ACTIVE review and emits review.created', () => {
    const result = createReview(input());
    expect(result).toEqual({
      ok: true,
      value: {
        state: {
          id: 'rev-9', eventId: 'evt-1', userId: 'user-1', rating: 5, content: 'Lovely sunset.', status: 'ACTIVE',
          helpfulCount: 0, createdAt: T0, updatedAt: T0,
        },
        events: [
          {
            type: 'review.created',
            subject: 'rev-9',
            data: { reviewId: 'rev-9', eventId: 'evt-1', userId: 'user-1', rating: 5, status: 'ACTIVE' },
          },
        ],
      },
    });
  });

  it('is PENDING when the organisation moderates reviews, and says so in the message', () => {
    const result = createReview(input({ moderateReviews: true }));
    expect(result.ok && result.value.state.status).toBe('PENDING');
    expect(result.ok && result.value.events[0]?.data).toMatchObject({ status: 'PENDING' });
  });

  it('stores the content as normalised plain text; no content is an empty text', () => {
    const a = createReview(input({ content: '  Good\r\nboat\u0000 ' }));
    expect(a.ok && a.value.state.content).toBe('Good\nboat');
    const b = createReview(input({ content: null }));
    expect(b.ok && b.value.state.content).toBe('');
    const { content: _omitted, ...withoutContent } = input();
    const c = createReview(withoutContent);
    expect(c.ok && c.value.state.content).toBe('');
  });

  it.each([1, 5])('accepts rating %d', (rating) => {
    expect(createReview(input({ rating })).ok).toBe(true);
  });

  it.each([0, 6, -1, 4.5, Number.NaN, Number.POSITIVE_INFINITY])('rating %d → INVALID_REVIEW on rating', (rating) => {
    expect(createReview(input({ rating }))).toMatchObject({ ok: false, error: { type: 'INVALID_REVIEW', field: 'rating' } });
  });

  it('without a CONFIRMED booking → REVIEW_NOT_ALLOWED', () => {
    expect(createReview(input({ hasConfirmedBooking: false }))).toMatchObject({
      ok: false,
      error: { type: 'REVIEW_NOT_ALLOWED' },
    });
  });

  it('before the event starts → REVIEW_NOT_ALLOWED; from its start on, allowed', () => {
    expect(createReview(input({ eventStartsAt: T0 + 1 }))).toMatchObject({ ok: false, error: { type: 'REVIEW_NOT_ALLOWED' } });
    expect(createReview(input({ eventStartsAt: T0 })).ok).toBe(true);
  });

  it('a second review of the same event → ALREADY_REVIEWED', () => {
    expect(createReview(input({ alreadyReviewed: true }))).toMatchObject({ ok: false, error: { type: 'ALREADY_REVIEWED' } });
  });

  it('content over 5 000 characters → INVALID_REVIEW on content', () => {
    expect(createReview(input({ content: 'x'.repeat(5001) }))).toMatchObject({
      ok: false,
      error: { type: 'INVALID_REVIEW', field: 'content' },
    });
  });

  describe('order of the checks', () => {
    it('rating before the right to review', () => {
      const result = createReview(input({ rating: 9, hasConfirmedBooking: false }));
      expect(result).toMatchObject({ ok: false, error: { field: 'rating' } });
    });

    it('the right to review before the one-per-user rule', () => {
      const result = createReview(input({ hasConfirmedBooking: false, alreadyReviewed: true }));
      expect(result).toMatchObject({ ok: false, error: { type: 'REVIEW_NOT_ALLOWED' } });
    });

    it('the one-per-user rule before the content', () => {
      const result = createReview(input({ alreadyReviewed: true, content: 'x'.repeat(6000) }));
      expect(result).toMatchObject({ ok: false, error: { type: 'ALREADY_REVIEWED' } });
    });
  });
});

describe('updateReview', () => {
  const later = T0 + hours(1);
  const edit = { now: later, userId: 'user-1', moderateReviews: false };

  it('only the author edits → FORBIDDEN for anyone else', () => {
    expect(updateReview(aReview(), { ...edit, userId: 'admin-1', rating: 1 })).toMatchObject({
      ok: false,
      error: { type: 'FORBIDDEN' },
    });
  });

  it('changes rating and content, keeps the helpful count, stamps updatedAt', () => {
    const result = updateReview(aReview({ helpfulCount: 3 }), { ...edit, rating: 2, content: ' Choppy water. ' });
    expect(result).toEqual({
      ok: true,
      value: aReview({ rating: 2, content: 'Choppy water.', helpfulCount: 3, updatedAt: later }),
    });
  });

  it('null content clears the text', () => {
    const result = updateReview(aReview(), { ...edit, content: null });
    expect(result.ok && result.value.content).toBe('');
  });

  it('an edit that changes nothing returns the same review, updatedAt kept', () => {
    const review = aReview();
    const result = updateReview(review, { ...edit, rating: review.rating, content: `  ${review.content}\u0000 ` });
    expect(result.ok && result.value).toBe(review);
  });

  it('rejects a bad rating and too long content', () => {
    expect(updateReview(aReview(), { ...edit, rating: 0 })).toMatchObject({
      ok: false,
      error: { type: 'INVALID_REVIEW', field: 'rating' },
    });
    expect(updateReview(aReview(), { ...edit, content: 'y'.repeat(5001) })).toMatchObject({
      ok: false,
      error: { type: 'INVALID_REVIEW', field: 'content' },
    });
  });

  it('under moderation, new text sends an ACTIVE review back to PENDING', () => {
    const result = updateReview(aReview(), { ...edit, moderateReviews: true, content: 'Edited.' });
    expect(result.ok && result.value.status).toBe('PENDING');
  });

  it('under moderation, a new rating alone keeps it ACTIVE', () => {
    const result = updateReview(aReview({ rating: 4 }), { ...edit, moderateReviews: true, rating: 3 });
    expect(result.ok && result.value.status).toBe('ACTIVE');
  });

  it('without moderation, an edited ACTIVE review stays ACTIVE', () => {
    const result = updateReview(aReview(), { ...edit, content: 'Edited.' });
    expect(result.ok && result.value.status).toBe('ACTIVE');
  });

  it('an edited REJECTED review goes back to PENDING, even without moderation', () => {
    const result = updateReview(aReview({ status: 'REJECTED' }), { ...edit, rating: 5 });
    expect(result.ok && result.value.status).toBe('PENDING');
  });

  it('an edited PENDING review stays PENDING', () => {
    const result = updateReview(aReview({ status: 'PENDING' }), { ...edit, content: 'Edited.' });
    expect(result.ok && result.value.status).toBe('PENDING');
  });
});
