import { randomUUID } from 'node:crypto';
import { ConflictError, type ReviewRepository, type UnitOfWork } from '@aquastream/application';
import type { Review } from '@aquastream/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

export type ReviewRepositoryHarness = {
  readonly repo: ReviewRepository;
  readonly uow: UnitOfWork;
  /** Reviews point at events (a foreign key in SQL): makes one and returns its id. */
  seedEvent(): Promise<string>;
  close(): Promise<void>;
};

const T0 = Date.UTC(2026, 6, 1, 18, 0, 0, 321);

/**
 * What every ReviewRepository does: one review per user and event (a ConflictError), the public and own-review
 * filters, both sorts, replies, and helpful votes that count once per user. Each case makes its own event.
 */
export function describeReviewRepositoryContract(name: string, open: () => Promise<ReviewRepositoryHarness>): void {
  describe(`ReviewRepository contract: ${name}`, () => {
    let h: ReviewRepositoryHarness;
    let opened = false;
    beforeAll(async () => {
      h = await open();
      opened = true;
    });
    afterAll(async () => {
      if (opened) await h.close();
    });

    const aReview = (eventId: string, o: Partial<Review> = {}): Review => ({
      id: randomUUID(),
      eventId,
      userId: `user-${randomUUID()}`,
      rating: 4,
      content: 'Calm water, kind crew.',
      status: 'ACTIVE',
      helpfulCount: 0,
      createdAt: T0,
      updatedAt: T0,
      ...o,
    });
    const save = (...rs: Review[]) =>
      h.uow.run(async (tx) => {
        for (const r of rs) await h.repo.insert(tx, r);
      });

    it('stores a review and reads it back by id and by (event, user)', async () => {
      const e = await h.seedEvent();
      const r = aReview(e, { status: 'PENDING', helpfulCount: 3, content: 'Line one\nline two', updatedAt: T0 + 7 });
      await save(r);
      expect(await h.repo.findById(null, r.id)).toEqual(r);
      expect(await h.repo.findByEventAndUser(null, e, r.userId)).toEqual(r);
      expect(await h.repo.findByEventAndUser(null, e, 'someone-else')).toBeNull();
      expect(await h.repo.findById(null, randomUUID())).toBeNull();
    });

    it('a second review of the same event by the same user is ConflictError(review_per_user)', async () => {
      const e = await h.seedEvent();
      const first = aReview(e);
      await save(first);
      const second = aReview(e, { userId: first.userId, status: 'PENDING' });
      const failure = await save(second).catch((x: unknown) => x);
      expect(failure).toBeInstanceOf(ConflictError);
      expect((failure as ConflictError).constraint).toBe('review_per_user');
      expect(await h.repo.findById(null, second.id)).toBeNull();
      await expect(save(aReview(await h.seedEvent(), { userId: first.userId }))).resolves.toBeUndefined();
    });

    it('update writes rating, content, status and updatedAt, never the helpful count', async () => {
      const e = await h.seedEvent();
      const r = aReview(e, { helpfulCount: 2 });
      await save(r);
      const edited: Review = { ...r, rating: 1, content: 'Changed my mind.', status: 'PENDING', updatedAt: T0 + 60_000 };
      await h.uow.run((tx) => h.repo.update(tx, { ...edited, helpfulCount: 99, createdAt: 0 }));
      expect(await h.repo.findById(null, r.id)).toEqual(edited);
    });

    it('list: statuses filter, the author’s own reviews in any status, by event and by user', async () => {
      const e = await h.seedEvent();
      const author = `user-${randomUUID()}`;
      const active = aReview(e, { createdAt: T0 + 1 });
      const pending = aReview(e, { status: 'PENDING', createdAt: T0 + 2 });
      const mine = aReview(e, { userId: author, status: 'REJECTED', createdAt: T0 + 3 });
      const elsewhere = aReview(await h.seedEvent(), { userId: author, createdAt: T0 + 4 });
      await save(active, pending, mine, elsewhere);

      const pub = await h.repo.list({ page: 1, size: 10, eventId: e, statuses: ['ACTIVE'], sort: 'recent' });
      expect(pub).toEqual({ items: [active], total: 1 });
      const withOwn = await h.repo.list({ page: 1, size: 10, eventId: e, statuses: ['ACTIVE'], alsoOwnOf: author, sort: 'recent' });
      expect(withOwn.items.map((r) => r.id)).toEqual([mine.id, active.id]);
      const all = await h.repo.list({ page: 1, size: 10, eventId: e, statuses: ['ACTIVE', 'PENDING', 'REJECTED'], sort: 'recent' });
      expect(all.total).toBe(3);
      const byUser = await h.repo.list({ page: 1, size: 10, userId: author, statuses: ['ACTIVE'], alsoOwnOf: author, sort: 'recent' });
      expect(byUser.items.map((r) => r.id)).toEqual([elsewhere.id, mine.id]);
      const onlyPending = await h.repo.list({ page: 1, size: 10, eventId: e, statuses: ['PENDING'], sort: 'recent' });
      expect(onlyPending.items).toEqual([pending]);
    });

    it('list sorts by recent (newest first) or helpful (most votes, then newest), ties by id, and pages', async () => {
      const e = await h.seedEvent();
      const a = aReview(e, { createdAt: T0 + 10, helpfulCount: 1 });
      const b = aReview(e, { createdAt: T0 + 20, helpfulCount: 5 });
      const c = aReview(e, { createdAt: T0 + 30, helpfulCount: 1 });
      const [d1, d2] = [aReview(e, { createdAt: T0, helpfulCount: 0 }), aReview(e, { createdAt: T0, helpfulCount: 0 })];
      await save(a, b, c, d1, d2);
      const tied = [d1.id, d2.id].sort().reverse();
      const recent = await h.repo.list({ page: 1, size: 10, eventId: e, statuses: ['ACTIVE'], sort: 'recent' });
      expect(recent.items.map((r) => r.id)).toEqual([c.id, b.id, a.id, ...tied]);
      const helpful = await h.repo.list({ page: 1, size: 2, eventId: e, statuses: ['ACTIVE'], sort: 'helpful' });
      expect(helpful.total).toBe(5);
      expect(helpful.items.map((r) => r.id)).toEqual([b.id, c.id]);
      const next = await h.repo.list({ page: 2, size: 2, eventId: e, statuses: ['ACTIVE'], sort: 'helpful' });
      expect(next.items.map((r) => r.id)).toEqual([a.id, tied[0]]);
    });

    it('activeRatingCounts counts ACTIVE reviews per rating, including the transaction’s own writes', async () => {
      const e = await h.seedEvent();
      await save(aReview(e, { rating: 5 }), aReview(e, { rating: 5 }), aReview(e, { rating: 2 }), aReview(e, { rating: 1, status: 'PENDING' }));
      await save(aReview(await h.seedEvent(), { rating: 3 }));
      const counts = await h.uow.run(async (tx) => {
        await h.repo.insert(tx, aReview(e, { rating: 4 }));
        return h.repo.activeRatingCounts(tx, e);
      });
      expect({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, ...counts }).toEqual({ 1: 0, 2: 1, 3: 0, 4: 1, 5: 2 });
    });

    it('replies: stored under their review, listed oldest first for several reviews at once', async () => {
      const e = await h.seedEvent();
      const [r1, r2, r3] = [aReview(e), aReview(e), aReview(e)];
      await save(r1, r2, r3);
      const reply = (reviewId: string, at: number) => ({ id: randomUUID(), reviewId, authorId: 'org-owner', content: `re ${at}`, createdAt: at });
      const [x, y, z] = [reply(r1.id, T0 + 2), reply(r2.id, T0 + 1), reply(r1.id, T0 + 3)];
      await h.uow.run(async (tx) => {
        for (const rp of [x, y, z]) await h.repo.addReply(tx, rp);
      });
      expect(await h.repo.repliesOf(null, [r1.id, r2.id])).toEqual([y, x, z]);
      expect(await h.repo.repliesOf(null, [r3.id])).toEqual([]);
      expect(await h.repo.repliesOf(null, [])).toEqual([]);
    });

    it('addVote counts a user once: the repeat is a no-op that answers false', async () => {
      const e = await h.seedEvent();
      const r = aReview(e);
      await save(r);
      const vote = (u: string) => h.uow.run((tx) => h.repo.addVote(tx, r.id, u, T0));
      expect(await vote('voter-1')).toBe(true);
      expect(await vote('voter-1')).toBe(false);
      expect(await vote('voter-2')).toBe(true);
      expect((await h.repo.findById(null, r.id))?.helpfulCount).toBe(2);
      expect(await h.repo.hasVoted(null, r.id, 'voter-1')).toBe(true);
      expect(await h.repo.hasVoted(null, r.id, 'voter-3')).toBe(false);
    });
  });
}
