import { describe, expect, it } from 'vitest';
import { DAY, OTHER_ORG, admin, alice, bob, engagementWorld, guest, manager, otherOwner, owner, staff, user, cli } from '../organizations/engagement-world.test-support.js';
import { errorType, value } from '../waitlist/results.test-support.js';

/** An event that alice and bob booked (free, CONFIRMED) and that has since started. */
async function attended(policies: { moderateReviews?: boolean } = {}) {
  const w = engagementWorld();
  await w.seedOrganizations(policies);
  const event = await w.seedEvent({ startsAt: w.clock.now() + 2 * DAY });
  await w.book(event.id, 'alice');
  await w.book(event.id, 'bob');
  w.clock.advance(3 * DAY);
  return { w, event };
}

describe('CreateReviewUseCase', () => {
  it('an attendee reviews a started event: ACTIVE, the event’s stats and review.created written together', async () => {
    const { w, event } = await attended();
    const review = value(await w.createReview.execute(alice, { eventId: event.id, rating: 4, content: ' Calm\u0000 water ' }));
    expect(review).toMatchObject({ eventId: event.id, userId: 'alice', rating: 4, content: 'Calm water', status: 'ACTIVE', helpfulCount: 0, replies: [] });
    expect(await w.event(event.id)).toMatchObject({ avgRating: 4, reviewCount: 1 });
    value(await w.createReview.execute(bob, { eventId: event.id, rating: 5 }));
    expect(await w.event(event.id)).toMatchObject({ avgRating: 4.5, reviewCount: 2 });
    const messages = await w.messages('review.created');
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatchObject({ subject: review.id, correlationId: 'corr-alice', data: { reviewId: review.id, rating: 4, status: 'ACTIVE' } });
  });

  it('under moderation the review is PENDING and the stats do not move', async () => {
    const { w, event } = await attended({ moderateReviews: true });
    expect(value(await w.createReview.execute(alice, { eventId: event.id, rating: 2 })).status).toBe('PENDING');
    expect(await w.event(event.id)).toMatchObject({ avgRating: null, reviewCount: 0 });
  });

  it('without a CONFIRMED booking, or before the start → REVIEW_NOT_ALLOWED', async () => {
    const w = engagementWorld();
    await w.seedOrganizations();
    const event = await w.seedEvent({ startsAt: w.clock.now() + 2 * DAY });
    await w.book(event.id, 'alice');
    expect(errorType(await w.createReview.execute(alice, { eventId: event.id, rating: 5 }))).toBe('REVIEW_NOT_ALLOWED');
    w.clock.advance(3 * DAY);
    expect(errorType(await w.createReview.execute(bob, { eventId: event.id, rating: 5 }))).toBe('REVIEW_NOT_ALLOWED');
    expect(value(await w.createReview.execute(alice, { eventId: event.id, rating: 5 })).status).toBe('ACTIVE');
  });

  it('a second review → ALREADY_REVIEWED, also when the race is lost to the unique key', async () => {
    const { w, event } = await attended();
    value(await w.createReview.execute(alice, { eventId: event.id, rating: 5 }));
    expect(errorType(await w.createReview.execute(alice, { eventId: event.id, rating: 1 }))).toBe('ALREADY_REVIEWED');
    // Two first reviews at once: both pass the read, the store lets one in.
    const [a, b] = await Promise.all([
      w.createReview.execute(bob, { eventId: event.id, rating: 3 }),
      w.createReview.execute(bob, { eventId: event.id, rating: 4 }),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect([a, b].find((r) => !r.ok)).toMatchObject({ error: { type: 'ALREADY_REVIEWED' } });
    expect(await w.event(event.id)).toMatchObject({ reviewCount: 2 });
    expect(await w.messages('review.created')).toHaveLength(2);
  });

  it('rating and content are checked by the domain; guests sign in; hidden events are not found', async () => {
    const { w, event } = await attended();
    const draft = await w.seedEvent({ status: 'DRAFT' });
    expect(await w.createReview.execute(alice, { eventId: event.id, rating: 6 })).toMatchObject({ ok: false, error: { type: 'INVALID_REVIEW', field: 'rating' } });
    expect(await w.createReview.execute(alice, { eventId: event.id, rating: 5, content: 'x'.repeat(5001) })).toMatchObject({
      ok: false,
      error: { type: 'INVALID_REVIEW', field: 'content' },
    });
    expect(errorType(await w.createReview.execute(guest, { eventId: event.id, rating: 5 }))).toBe('NOT_AUTHENTICATED');
    expect(errorType(await w.createReview.execute(cli, { eventId: event.id, rating: 5 }))).toBe('FORBIDDEN');
    expect(errorType(await w.createReview.execute(alice, { eventId: draft.id, rating: 5 }))).toBe('EVENT_NOT_FOUND');
    expect(errorType(await w.createReview.execute(alice, { eventId: 'nope', rating: 5 }))).toBe('EVENT_NOT_FOUND');
  });
});

describe('UpdateReviewUseCase', () => {
  it('the author changes the rating; the stats follow', async () => {
    const { w, event } = await attended();
    const review = value(await w.createReview.execute(alice, { eventId: event.id, rating: 5 }));
    w.clock.advance(1000);
    const edited = value(await w.updateReview.execute(alice, { reviewId: review.id, rating: 1, content: 'Seasick.' }));
    expect(edited).toMatchObject({ rating: 1, content: 'Seasick.', status: 'ACTIVE', updatedAt: review.updatedAt + 1000 });
    expect(await w.event(event.id)).toMatchObject({ avgRating: 1, reviewCount: 1 });
  });

  it('under moderation new text sends it back to PENDING, out of the stats', async () => {
    const { w, event } = await attended({ moderateReviews: true });
    const review = value(await w.createReview.execute(alice, { eventId: event.id, rating: 5 }));
    value(await w.moderate.execute(admin, { reviewId: review.id, status: 'ACTIVE' }));
    expect(await w.event(event.id)).toMatchObject({ reviewCount: 1 });
    expect(value(await w.updateReview.execute(alice, { reviewId: review.id, content: 'New text' })).status).toBe('PENDING');
    expect(await w.event(event.id)).toMatchObject({ avgRating: null, reviewCount: 0 });
  });

  it('anyone but the author: FORBIDDEN if they see it, REVIEW_NOT_FOUND if they do not', async () => {
    const { w, event } = await attended({ moderateReviews: true });
    const review = value(await w.createReview.execute(alice, { eventId: event.id, rating: 5 }));
    expect(errorType(await w.updateReview.execute(bob, { reviewId: review.id, rating: 1 }))).toBe('REVIEW_NOT_FOUND');
    expect(errorType(await w.updateReview.execute(admin, { reviewId: review.id, rating: 1 }))).toBe('FORBIDDEN');
    expect(errorType(await w.updateReview.execute(guest, { reviewId: review.id, rating: 1 }))).toBe('NOT_AUTHENTICATED');
    expect(await w.updateReview.execute(alice, { reviewId: review.id, rating: 0 })).toMatchObject({ ok: false, error: { field: 'rating' } });
  });
});

describe('ListReviewsUseCase', () => {
  it('the public sees ACTIVE reviews of the event with its average; the author also sees their pending one', async () => {
    const { w, event } = await attended({ moderateReviews: true });
    const a = value(await w.createReview.execute(alice, { eventId: event.id, rating: 4 }));
    const b = value(await w.createReview.execute(bob, { eventId: event.id, rating: 2 }));
    value(await w.moderate.execute(admin, { reviewId: a.id, status: 'ACTIVE' }));
    const pub = value(await w.listReviews.execute(guest, { page: 1, size: 10, eventId: event.id }));
    expect(pub).toMatchObject({ totalElements: 1, avgRating: 4, reviewCount: 1 });
    expect(pub.data.map((r) => r.id)).toEqual([a.id]);
    const forBob = value(await w.listReviews.execute(bob, { page: 1, size: 10, eventId: event.id }));
    expect(forBob.data.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    expect(value(await w.listReviews.execute(guest, { page: 1, size: 10 })).avgRating).toBeNull();
  });

  it('status filter: admins (the moderation queue) and a user about their own reviews; others FORBIDDEN', async () => {
    const { w, event } = await attended({ moderateReviews: true });
    const b = value(await w.createReview.execute(bob, { eventId: event.id, rating: 2 }));
    expect(value(await w.listReviews.execute(admin, { page: 1, size: 10, status: 'PENDING' })).data.map((r) => r.id)).toEqual([b.id]);
    expect(value(await w.listReviews.execute(bob, { page: 1, size: 10, status: 'PENDING', userId: 'bob' })).totalElements).toBe(1);
    expect(errorType(await w.listReviews.execute(alice, { page: 1, size: 10, status: 'PENDING' }))).toBe('FORBIDDEN');
    expect(value(await w.listReviews.execute(alice, { page: 1, size: 10, status: 'ACTIVE' })).totalElements).toBe(0);
  });

  it('sort=helpful puts the most helpful first; replies come with their review', async () => {
    const { w, event } = await attended();
    const a = value(await w.createReview.execute(alice, { eventId: event.id, rating: 4 }));
    w.clock.advance(1000);
    const b = value(await w.createReview.execute(bob, { eventId: event.id, rating: 5 }));
    value(await w.voteHelpful.execute(bob, { reviewId: a.id }));
    value(await w.reply.execute(owner, { reviewId: a.id, content: 'Thanks!' }));
    const recent = value(await w.listReviews.execute(guest, { page: 1, size: 10, eventId: event.id, sort: 'recent' }));
    expect(recent.data.map((r) => r.id)).toEqual([b.id, a.id]);
    const helpful = value(await w.listReviews.execute(guest, { page: 1, size: 10, eventId: event.id, sort: 'helpful' }));
    expect(helpful.data.map((r) => r.id)).toEqual([a.id, b.id]);
    expect(helpful.data[0]).toMatchObject({ helpfulCount: 1, replies: [{ authorId: 'owner-1', content: 'Thanks!' }] });
    expect(errorType(await w.listReviews.execute(guest, { page: 1, size: 10, eventId: 'nope' }))).toBe('EVENT_NOT_FOUND');
  });
});

describe('ReplyToReviewUseCase', () => {
  it('organisers of the event’s organisation and admins reply; staff, other organisers and users may not', async () => {
    const { w, event } = await attended();
    const review = value(await w.createReview.execute(alice, { eventId: event.id, rating: 4 }));
    expect(value(await w.reply.execute(manager, { reviewId: review.id, content: ' See you again ' })).replies).toMatchObject([
      { authorId: 'manager-1', content: 'See you again' },
    ]);
    value(await w.reply.execute(admin, { reviewId: review.id, content: 'Noted' }));
    for (const ctx of [staff, otherOwner, bob]) expect(errorType(await w.reply.execute(ctx, { reviewId: review.id, content: 'x' }))).toBe('FORBIDDEN');
    expect(errorType(await w.reply.execute(guest, { reviewId: review.id, content: 'x' }))).toBe('NOT_AUTHENTICATED');
    expect(errorType(await w.reply.execute(owner, { reviewId: 'nope', content: 'x' }))).toBe('REVIEW_NOT_FOUND');
    expect(await w.reply.execute(owner, { reviewId: review.id, content: '  ' })).toMatchObject({ ok: false, error: { type: 'INVALID_REVIEW' } });
    expect((await w.reviews.repliesOf(null, [review.id])).map((r) => r.authorId)).toEqual(['manager-1', 'admin-1']);
  });

  it('a review waiting for moderation is not found by the organiser', async () => {
    const { w, event } = await attended({ moderateReviews: true });
    const review = value(await w.createReview.execute(alice, { eventId: event.id, rating: 4 }));
    expect(errorType(await w.reply.execute(owner, { reviewId: review.id, content: 'x' }))).toBe('REVIEW_NOT_FOUND');
  });
});

describe('VoteHelpfulUseCase', () => {
  it('one vote per user; a repeat changes nothing; never on one’s own review', async () => {
    const { w, event } = await attended();
    const review = value(await w.createReview.execute(alice, { eventId: event.id, rating: 4 }));
    expect(value(await w.voteHelpful.execute(bob, { reviewId: review.id })).helpfulCount).toBe(1);
    expect(value(await w.voteHelpful.execute(bob, { reviewId: review.id })).helpfulCount).toBe(1);
    expect(value(await w.voteHelpful.execute(user('carol'), { reviewId: review.id })).helpfulCount).toBe(2);
    expect(errorType(await w.voteHelpful.execute(alice, { reviewId: review.id }))).toBe('OWN_REVIEW');
    expect(errorType(await w.voteHelpful.execute(guest, { reviewId: review.id }))).toBe('NOT_AUTHENTICATED');
    expect((await w.reviews.findById(null, review.id))?.helpfulCount).toBe(2);
  });

  it('concurrent repeats of one user count once', async () => {
    const { w, event } = await attended();
    const review = value(await w.createReview.execute(alice, { eventId: event.id, rating: 4 }));
    await Promise.all(Array.from({ length: 5 }, () => w.voteHelpful.execute(bob, { reviewId: review.id })));
    expect((await w.reviews.findById(null, review.id))?.helpfulCount).toBe(1);
  });

  it('a pending review cannot be voted on (REVIEW_NOT_FOUND)', async () => {
    const { w, event } = await attended({ moderateReviews: true });
    const review = value(await w.createReview.execute(alice, { eventId: event.id, rating: 4 }));
    expect(errorType(await w.voteHelpful.execute(bob, { reviewId: review.id }))).toBe('REVIEW_NOT_FOUND');
    expect(errorType(await w.voteHelpful.execute(admin, { reviewId: review.id }))).toBe('REVIEW_NOT_FOUND');
  });
});

describe('ModerateReviewUseCase', () => {
  it('admins accept and reject; the stats are recomputed; a repeat is a no-op', async () => {
    const { w, event } = await attended({ moderateReviews: true });
    const a = value(await w.createReview.execute(alice, { eventId: event.id, rating: 5 }));
    const b = value(await w.createReview.execute(bob, { eventId: event.id, rating: 2 }));
    value(await w.moderate.execute(admin, { reviewId: a.id, status: 'ACTIVE' }));
    value(await w.moderate.execute(admin, { reviewId: b.id, status: 'ACTIVE' }));
    expect(await w.event(event.id)).toMatchObject({ avgRating: 3.5, reviewCount: 2 });
    const rejected = value(await w.moderate.execute(admin, { reviewId: b.id, status: 'REJECTED' }));
    expect(rejected.status).toBe('REJECTED');
    expect(await w.event(event.id)).toMatchObject({ avgRating: 5, reviewCount: 1 });
    const again = value(await w.moderate.execute(admin, { reviewId: b.id, status: 'REJECTED' }));
    expect(again.updatedAt).toBe(rejected.updatedAt);
  });

  it('non-admins: FORBIDDEN on a review they see, REVIEW_NOT_FOUND on one they do not', async () => {
    const { w, event } = await attended({ moderateReviews: true });
    const a = value(await w.createReview.execute(alice, { eventId: event.id, rating: 5 }));
    expect(errorType(await w.moderate.execute(owner, { reviewId: a.id, status: 'ACTIVE' }))).toBe('REVIEW_NOT_FOUND');
    expect(errorType(await w.moderate.execute(alice, { reviewId: a.id, status: 'ACTIVE' }))).toBe('FORBIDDEN');
    expect(errorType(await w.moderate.execute(guest, { reviewId: a.id, status: 'ACTIVE' }))).toBe('NOT_AUTHENTICATED');
    expect(value(await w.moderate.execute(cli, { reviewId: a.id, status: 'ACTIVE' })).status).toBe('ACTIVE');
  });

  it('the organisation of another event does not matter to an admin', async () => {
    const { w } = await attended();
    const foreign = await w.seedEvent({ organizationId: OTHER_ORG, startsAt: w.clock.now() + 2 * DAY });
    await w.book(foreign.id, 'alice');
    w.clock.advance(3 * DAY);
    const r = value(await w.createReview.execute(alice, { eventId: foreign.id, rating: 3 }));
    expect(value(await w.moderate.execute(admin, { reviewId: r.id, status: 'REJECTED' })).status).toBe('REJECTED');
    expect(errorType(await w.moderate.execute(otherOwner, { reviewId: r.id, status: 'ACTIVE' }))).toBe('REVIEW_NOT_FOUND');
  });
});
