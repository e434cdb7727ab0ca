import type { JobLock } from '@aquastream/application';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Two holders that exclude one another: two runners' locks on one database (PostgreSQL), or the one lock of the
 * process twice (in-process). `closeable` is a third lock the suite may close.
 */
export type JobLockHarness = { readonly a: JobLock; readonly b: JobLock; readonly closeable: JobLock; close(): Promise<void> };

/** A promise with its resolve handle, to hold a lock open until the test lets it go. */
function gate(): { readonly opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

let seq = 0;
const fresh = (): string => `lock-contract-${(seq += 1)}-${Math.random().toString(36).slice(2, 8)}`;

/** The behaviour every JobLock adapter shares. */
export function describeJobLockContract(name: string, open: () => Promise<JobLockHarness>): void {
  describe(`JobLock contract: ${name}`, () => {
    let h: JobLockHarness;
    beforeAll(async () => {
      h = await open();
    });
    afterAll(async () => {
      await h?.close();
    });

    it('runs the work holding the lock and answers its value', async () => {
      expect(await h.a.withLock(fresh(), () => Promise.resolve(42))).toEqual({ acquired: true, value: 42 });
    });

    it('while one holds a name the other is refused at once; another name is free; after the work the name is free again', async () => {
      const job = fresh();
      const held = gate();
      const entered = gate();
      const holding = h.a.withLock(job, async () => {
        entered.open();
        await held.opened;
        return 'a';
      });
      await entered.opened;
      let ran = false;
      expect(await h.b.withLock(job, () => Promise.resolve((ran = true)))).toEqual({ acquired: false });
      expect(await h.a.withLock(job, () => Promise.resolve((ran = true)))).toEqual({ acquired: false });
      expect(ran).toBe(false);
      expect(await h.b.withLock(fresh(), () => Promise.resolve('other'))).toEqual({ acquired: true, value: 'other' });
      held.open();
      expect(await holding).toEqual({ acquired: true, value: 'a' });
      expect(await h.b.withLock(job, () => Promise.resolve('b'))).toEqual({ acquired: true, value: 'b' });
    });

    it('lets the name go when the work throws, and throws what it threw', async () => {
      const job = fresh();
      await expect(h.a.withLock(job, () => Promise.reject(new Error('the job broke')))).rejects.toThrow('the job broke');
      expect(await h.b.withLock(job, () => Promise.resolve('after'))).toEqual({ acquired: true, value: 'after' });
    });

    it('of many runners asking at once, exactly one gets the name, and the others are answered without waiting', async () => {
      const job = fresh();
      const held = gate();
      let answered = 0;
      const attempts = Array.from({ length: 10 }, (_, i) =>
        (i % 2 === 0 ? h.a : h.b).withLock(job, () => held.opened.then(() => i)).finally(() => (answered += 1)),
      );
      // Nine refusals come back while the winner still holds the gate (a lock that waited would never get here).
      while (answered < 9) await new Promise((r) => setTimeout(r, 5));
      held.open();
      const outcomes = await Promise.all(attempts);
      expect(outcomes.filter((o) => o.acquired)).toHaveLength(1);
    });

    it('refuses work once closed', async () => {
      await h.closeable.close();
      await expect(h.closeable.withLock(fresh(), () => Promise.resolve(1))).rejects.toThrow(/closed/);
    });
  });
}
