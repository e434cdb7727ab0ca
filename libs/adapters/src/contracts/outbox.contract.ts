import { randomUUID } from 'node:crypto';
import type { NewOutboxMessage, Outbox, OutboxClaims, OutboxMessage, UnitOfWork } from '@aquastream/application';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

export type OutboxHarness = {
  readonly outbox: Outbox;
  /** The relay's claims on the same table. */
  readonly claims: OutboxClaims;
  readonly uow: UnitOfWork;
  /** Marks a message FAILED as an old relay left it (straight in the table, whatever its status). */
  markFailed(id: string, error: string): Promise<void>;
  close(): Promise<void>;
};

const T0 = Date.parse('2026-06-01T10:00:00.000Z');

function message(subject: string, time = T0, over: Partial<NewOutboxMessage> = {}): NewOutboxMessage {
  return {
    id: randomUUID(),
    type: 'booking.created',
    source: 'urn:aquastream:events',
    subject,
    time,
    correlationId: 'corr-1',
    actorId: 'user-1',
    data: { bookingId: subject, quantity: 2, nested: { ok: true } },
    ...over,
  };
}

/** The behaviour every Outbox adapter shares (DESIGN §5). Each subject below is fresh, so tests do not interfere. */
export function describeOutboxContract(name: string, open: () => Promise<OutboxHarness>): void {
  describe(`Outbox contract: ${name}`, () => {
    let h: OutboxHarness;
    beforeAll(async () => {
      h = await open();
    });
    afterAll(async () => {
      await h?.close();
    });
    const subject = (): string => `booking/${randomUUID()}`;

    it('stores a message as written, PENDING, with sequence 1 for a new subject', async () => {
      const s = subject();
      const m = message(s);
      await h.uow.run((tx) => h.outbox.append(tx, [m]));
      const { items, total } = await h.outbox.list({ subject: s, page: 1, size: 10 });
      expect(total).toBe(1);
      expect(items[0]).toEqual({
        ...m,
        sequence: 1,
        status: 'PENDING',
        attempts: 0,
        nextAttemptAt: null,
        lastError: null,
        sentAt: null,
      });
    });

    it('numbers messages per subject, growing by one, within one append and across transactions', async () => {
      const a = subject();
      const b = subject();
      await h.uow.run((tx) => h.outbox.append(tx, [message(a), message(b), message(a)]));
      await h.uow.run((tx) => h.outbox.append(tx, [message(a, T0 + 1)]));
      await h.uow.run((tx) => h.outbox.append(tx, [message(b, T0 + 1)]));
      const seq = async (s: string): Promise<number[]> =>
        (await h.outbox.list({ subject: s, page: 1, size: 10 })).items.map((i) => i.sequence).sort((x, y) => x - y);
      expect(await seq(a)).toEqual([1, 2, 3]);
      expect(await seq(b)).toEqual([1, 2]);
    });

    it('numbers a large append over many subjects in the order given, and concurrent ones over shared subjects stay gap-free', async () => {
      const subjects = Array.from({ length: 30 }, subject);
      const batch = Array.from({ length: 300 }, (_, i) => message(subjects[(i * 7) % 30]!, T0 + i, { data: { i, text: 'quote " and \\ backslash' } }));
      await h.uow.run((tx) => h.outbox.append(tx, batch));
      for (const s of subjects) {
        const { items } = await h.outbox.list({ subject: s, page: 1, size: 100 });
        const byId = new Map(items.map((m) => [m.id, m]));
        const mine = batch.filter((m) => m.subject === s);
        expect(mine.map((m) => byId.get(m.id)?.sequence)).toEqual(mine.map((_, k) => k + 1));
        expect(byId.get(mine[0]!.id)?.data).toEqual(mine[0]!.data);
      }
      // Five transactions at once, each over the same subjects in its own order: none waits for another forever.
      await Promise.all(
        Array.from({ length: 5 }, (_, t) =>
          h.uow.run((tx) => h.outbox.append(tx, subjects.map((_, k) => message(subjects[(k * (t + 1) + t) % 30]!, T0 + 1_000 + t)))),
        ),
      );
      for (const s of subjects) {
        const { items } = await h.outbox.list({ subject: s, page: 1, size: 100 });
        expect(items.map((m) => m.sequence).sort((x, y) => x - y)).toEqual(Array.from({ length: items.length }, (_, k) => k + 1));
      }
    });

    it('writes nothing, and uses no number, when the transaction rolls back', async () => {
      const s = subject();
      await expect(
        h.uow.run(async (tx) => {
          await h.outbox.append(tx, [message(s)]);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect((await h.outbox.list({ subject: s, page: 1, size: 10 })).total).toBe(0);
      await h.uow.run((tx) => h.outbox.append(tx, [message(s)]));
      expect((await h.outbox.list({ subject: s, page: 1, size: 10 })).items.map((i) => i.sequence)).toEqual([1]);
    });

    it('gives 20 concurrent transactions on one subject distinct, gap-free numbers', async () => {
      const s = subject();
      await Promise.all(Array.from({ length: 20 }, (_, i) => h.uow.run((tx) => h.outbox.append(tx, [message(s, T0 + i)]))));
      const { items } = await h.outbox.list({ subject: s, page: 1, size: 100 });
      expect(items.map((i) => i.sequence).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    });

    it('lists newest first, filtered by status, type and subject, in pages', async () => {
      const s = subject();
      const msgs = [0, 1, 2, 3, 4].map((i) => message(s, T0 + i * 1000, i === 2 ? { type: 'booking.canceled' } : {}));
      await h.uow.run((tx) => h.outbox.append(tx, msgs));
      const page1 = await h.outbox.list({ subject: s, page: 1, size: 2 });
      const page3 = await h.outbox.list({ subject: s, page: 3, size: 2 });
      expect(page1.total).toBe(5);
      expect(page1.items.map((i) => i.id)).toEqual([msgs[4]?.id, msgs[3]?.id]);
      expect(page3.items.map((i) => i.id)).toEqual([msgs[0]?.id]);
      const canceled = await h.outbox.list({ subject: s, type: 'booking.canceled', page: 1, size: 10 });
      expect(canceled.items.map((i) => i.id)).toEqual([msgs[2]?.id]);
      expect((await h.outbox.list({ subject: s, status: 'SENT', page: 1, size: 10 })).total).toBe(0);
    });

    it('counts messages per status and reports the oldest pending one', async () => {
      const before = await h.outbox.stats();
      const s = subject();
      const early = message(s, T0 - 86_400_000);
      const failed = message(s);
      await h.uow.run((tx) => h.outbox.append(tx, [early, failed, message(s)]));
      await h.markFailed(failed.id, 'broker down');
      const after = await h.outbox.stats();
      expect(after.PENDING - before.PENDING).toBe(2);
      expect(after.FAILED - before.FAILED).toBe(1);
      expect(after.SENT).toBe(before.SENT);
      expect(after.oldestPendingAt).toBe(early.time);
    });

    it('retries FAILED messages (given ones, or all) and leaves the others alone', async () => {
      const s = subject();
      const [f1, f2, pending] = [message(s), message(s, T0 + 1), message(s, T0 + 2)];
      await h.uow.run((tx) => h.outbox.append(tx, [f1, f2, pending]));
      await h.markFailed(f1.id, 'x');
      await h.markFailed(f2.id, 'y');
      const now = T0 + 60_000;
      expect(await h.uow.run((tx) => h.outbox.retry(tx, [f1.id, pending.id, randomUUID()], now))).toBe(1);
      const [back] = (await h.outbox.list({ subject: s, status: 'PENDING', page: 1, size: 10 })).items.filter((i) => i.id === f1.id);
      expect(back).toMatchObject({ status: 'PENDING', attempts: 0, lastError: null, nextAttemptAt: now });
      expect(await h.uow.run((tx) => h.outbox.retry(tx, 'ALL_FAILED', now))).toBeGreaterThanOrEqual(1);
      expect((await h.outbox.list({ subject: s, status: 'FAILED', page: 1, size: 10 })).total).toBe(0);
      expect(await h.uow.run((tx) => h.outbox.retry(tx, [], now))).toBe(0);
    });

    describe('claims (the relay)', () => {
      // A store of its own, emptied before each case: claims see every subject, not just a test's own.
      let c: OutboxHarness;
      beforeAll(async () => {
        c = await open();
      });
      afterAll(async () => {
        await c?.close();
      });
      const FAR = T0 + 365 * 86_400_000;
      const NOW = T0 + 3_600_000;
      const LEASE = 60_000;
      beforeEach(async () => {
        for (;;) {
          const left = await c.uow.run((tx) => c.claims.claimDue(tx, { now: FAR, limit: 1000, leaseUntil: FAR }));
          if (left.length === 0) break;
          await c.uow.run((tx) => c.claims.markSent(tx, left.map((m) => m.id), FAR));
        }
      });
      const claim = (now: number, limit = 100): Promise<readonly OutboxMessage[]> =>
        c.uow.run((tx) => c.claims.claimDue(tx, { now, limit, leaseUntil: now + LEASE }));
      const byId = async (id: string): Promise<OutboxMessage | undefined> =>
        (await c.outbox.list({ page: 1, size: 1000 })).items.find((m) => m.id === id);

      it('claims due PENDING messages oldest first, up to the limit, and leases them until the lease runs out', async () => {
        const [late, early, middle] = [message(subject(), T0 + 2), message(subject(), T0), message(subject(), T0 + 1)];
        await c.uow.run((tx) => c.outbox.append(tx, [late, early, middle]));
        const first = await claim(NOW, 2);
        expect(first.map((m) => m.id)).toEqual([early.id, middle.id]);
        expect(first[0]).toMatchObject({ ...early, sequence: 1, status: 'PENDING', attempts: 0, nextAttemptAt: NOW + LEASE, sentAt: null });
        expect((await byId(early.id))?.nextAttemptAt).toBe(NOW + LEASE);
        expect((await claim(NOW)).map((m) => m.id)).toEqual([late.id]);
        expect(await claim(NOW + LEASE - 1)).toEqual([]);
        expect((await claim(NOW + LEASE)).map((m) => m.id)).toEqual([early.id, middle.id, late.id]);
      });

      it('leaves SENT, FAILED and not yet due messages alone', async () => {
        const [sent, failed, later] = [message(subject()), message(subject(), T0 + 1), message(subject(), T0 + 2)];
        await c.uow.run((tx) => c.outbox.append(tx, [sent, failed, later]));
        await c.uow.run((tx) => c.claims.markSent(tx, [sent.id], NOW));
        await c.markFailed(failed.id, 'gave up');
        await c.uow.run((tx) => c.claims.markUnsent(tx, [{ id: later.id, attempts: 1, status: 'PENDING', nextAttemptAt: NOW + 5_000, error: 'nacked' }]));
        expect(await claim(NOW + 4_999)).toEqual([]);
        const [again] = await claim(NOW + 5_000);
        expect(again).toMatchObject({ id: later.id, attempts: 1, lastError: 'nacked', nextAttemptAt: NOW + 5_000 + LEASE });
      });

      it('marks SENT only messages still PENDING, and says how many', async () => {
        const [a, failed, sent] = [message(subject()), message(subject()), message(subject())];
        await c.uow.run((tx) => c.outbox.append(tx, [a, failed, sent]));
        await claim(NOW);
        await c.uow.run((tx) => c.claims.markUnsent(tx, [{ id: a.id, attempts: 2, status: 'PENDING', nextAttemptAt: NOW, error: 'x' }]));
        await c.markFailed(failed.id, 'gave up');
        expect(await c.uow.run((tx) => c.claims.markSent(tx, [sent.id], NOW))).toBe(1);
        const at = NOW + 10;
        expect(await c.uow.run((tx) => c.claims.markSent(tx, [a.id, failed.id, sent.id, randomUUID()], at))).toBe(1);
        expect(await byId(a.id)).toMatchObject({ status: 'SENT', sentAt: at, nextAttemptAt: null, lastError: null, attempts: 2 });
        expect(await byId(failed.id)).toMatchObject({ status: 'FAILED', sentAt: null });
        expect(await byId(sent.id)).toMatchObject({ status: 'SENT', sentAt: NOW });
        expect(await c.uow.run((tx) => c.claims.markSent(tx, [], at))).toBe(0);
      });

      it('records failed attempts (FAILED after the last) on PENDING messages only', async () => {
        const [retry, giveUp, sent] = [message(subject()), message(subject()), message(subject())];
        await c.uow.run((tx) => c.outbox.append(tx, [retry, giveUp, sent]));
        await c.uow.run((tx) => c.claims.markSent(tx, [sent.id], NOW));
        const before = await c.outbox.stats();
        const changed = await c.uow.run((tx) =>
          c.claims.markUnsent(tx, [
            { id: retry.id, attempts: 3, status: 'PENDING', nextAttemptAt: NOW + 4_000, error: 'channel closed' },
            { id: giveUp.id, attempts: 10, status: 'FAILED', nextAttemptAt: null, error: 'message nacked' },
            { id: sent.id, attempts: 1, status: 'PENDING', nextAttemptAt: NOW, error: 'late news' },
          ]),
        );
        expect(changed).toBe(2);
        expect(await byId(retry.id)).toMatchObject({ status: 'PENDING', attempts: 3, nextAttemptAt: NOW + 4_000, lastError: 'channel closed' });
        expect(await byId(giveUp.id)).toMatchObject({ status: 'FAILED', attempts: 10, nextAttemptAt: null, lastError: 'message nacked' });
        expect(await byId(sent.id)).toMatchObject({ status: 'SENT', lastError: null, attempts: 0 });
        const after = await c.outbox.stats();
        expect([after.PENDING - before.PENDING, after.FAILED - before.FAILED]).toEqual([-1, 1]);
        // An admin's retry puts the FAILED one back, due at once.
        expect(await c.uow.run((tx) => c.outbox.retry(tx, [giveUp.id], NOW))).toBe(1);
        expect((await claim(NOW)).map((m) => m.id)).toEqual([giveUp.id]);
      });

      it('gives claims running at once disjoint batches', async () => {
        const msgs = Array.from({ length: 60 }, (_, i) => message(subject(), T0 + i));
        await c.uow.run((tx) => c.outbox.append(tx, msgs));
        const batches = await Promise.all(Array.from({ length: 6 }, () => claim(NOW, 15)));
        const ids = batches.flat().map((m) => m.id);
        expect(new Set(ids).size).toBe(ids.length);
        const rest = await claim(NOW, 100);
        expect(new Set([...ids, ...rest.map((m) => m.id)])).toEqual(new Set(msgs.map((m) => m.id)));
        expect(ids.length + rest.length).toBe(60);
      });
    });
  });
}
