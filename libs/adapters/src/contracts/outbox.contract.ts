import { randomUUID } from 'node:crypto';
import type { NewOutboxMessage, Outbox, UnitOfWork } from '@aquastream/application';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

export type OutboxHarness = {
  readonly outbox: Outbox;
  readonly uow: UnitOfWork;
  /** Marks a message FAILED as the relay would after its last attempt (the relay's own port comes later). */
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
  });
}
