import { randomUUID } from 'node:crypto';
import type { IdempotencyStore, UnitOfWork } from '@aquastream/application';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

export type IdempotencyStoreHarness = { readonly store: IdempotencyStore; readonly uow: UnitOfWork; close(): Promise<void> };

const T0 = Date.parse('2026-06-01T10:00:00.000Z');
const TTL = 24 * 3_600_000;

/** The behaviour every IdempotencyStore adapter shares. Each test uses a fresh scope. */
export function describeIdempotencyStoreContract(name: string, open: () => Promise<IdempotencyStoreHarness>): void {
  describe(`IdempotencyStore contract: ${name}`, () => {
    let h: IdempotencyStoreHarness;
    beforeAll(async () => {
      h = await open();
    });
    afterAll(async () => {
      await h?.close();
    });
    const scope = (): string => `user-1:create-booking:${randomUUID()}`;

    it('claims a new key, then answers in_progress to the same request until it completes', async () => {
      const s = scope();
      expect(await h.store.claim(s, 'k1', 'hash-a', T0, TTL)).toEqual({ kind: 'claimed' });
      expect(await h.store.claim(s, 'k1', 'hash-a', T0 + 1, TTL)).toEqual({ kind: 'in_progress', since: T0 });
      // The same key in another scope is another key.
      expect(await h.store.claim(scope(), 'k1', 'hash-a', T0, TTL)).toEqual({ kind: 'claimed' });
    });

    it('replays the stored answer once completed (outside a transaction or inside one)', async () => {
      const s = scope();
      await h.store.claim(s, 'k1', 'hash-a', T0, TTL);
      const response = { id: 'b-1', status: 'PENDING_PAYMENT', pricing: { total: 1500 }, list: [1, 'two', null] };
      await h.store.complete(null, s, 'k1', 201, response);
      expect(await h.store.claim(s, 'k1', 'hash-a', T0 + 1000, TTL)).toEqual({
        kind: 'replay',
        record: { scope: s, key: 'k1', requestHash: 'hash-a', status: 201, response, createdAt: T0, expiresAt: T0 + TTL },
      });
      await h.store.claim(s, 'k2', 'hash-b', T0, TTL);
      await h.uow.run((tx) => h.store.complete(tx, s, 'k2', 409, { code: 'EVENT_FULL' }));
      expect(await h.store.claim(s, 'k2', 'hash-b', T0, TTL)).toMatchObject({ kind: 'replay', record: { status: 409, response: { code: 'EVENT_FULL' } } });
    });

    it('does not keep a completion whose transaction rolled back', async () => {
      const s = scope();
      await h.store.claim(s, 'k1', 'hash-a', T0, TTL);
      await expect(
        h.uow.run(async (tx) => {
          await h.store.complete(tx, s, 'k1', 201, { id: 'x' });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await h.store.claim(s, 'k1', 'hash-a', T0, TTL)).toEqual({ kind: 'in_progress', since: T0 });
    });

    it('answers mismatch to the same key with another request, whether in progress or completed', async () => {
      const s = scope();
      await h.store.claim(s, 'k1', 'hash-a', T0, TTL);
      expect(await h.store.claim(s, 'k1', 'hash-b', T0, TTL)).toEqual({ kind: 'mismatch' });
      await h.store.complete(null, s, 'k1', 201, { ok: true });
      expect(await h.store.claim(s, 'k1', 'hash-b', T0, TTL)).toEqual({ kind: 'mismatch' });
    });

    it('lets an expired key be claimed again, with any request', async () => {
      const s = scope();
      await h.store.claim(s, 'k1', 'hash-a', T0, TTL);
      await h.store.complete(null, s, 'k1', 201, { ok: true });
      expect(await h.store.claim(s, 'k1', 'hash-b', T0 + TTL - 1, TTL)).toEqual({ kind: 'mismatch' });
      expect(await h.store.claim(s, 'k1', 'hash-b', T0 + TTL, TTL)).toEqual({ kind: 'claimed' });
      expect(await h.store.claim(s, 'k1', 'hash-b', T0 + TTL + 1, TTL)).toEqual({ kind: 'in_progress', since: T0 + TTL });
    });

    it('releases a claim in progress so that the client may retry, but never a completed answer', async () => {
      const s = scope();
      await h.store.claim(s, 'k1', 'hash-a', T0, TTL);
      await h.store.release(s, 'k1');
      expect(await h.store.claim(s, 'k1', 'hash-b', T0, TTL)).toEqual({ kind: 'claimed' });
      await h.store.complete(null, s, 'k1', 200, { ok: 1 });
      await h.store.release(s, 'k1');
      expect(await h.store.claim(s, 'k1', 'hash-b', T0, TTL)).toMatchObject({ kind: 'replay' });
      await h.store.release(s, 'never-claimed');
    });

    it('purges expired keys only', async () => {
      const s = scope();
      await h.store.claim(s, 'old', 'h', T0 - TTL * 10, TTL);
      await h.store.claim(s, 'fresh', 'h', T0, TTL);
      expect(await h.store.purgeExpired(T0)).toBeGreaterThanOrEqual(1);
      expect(await h.store.claim(s, 'fresh', 'h', T0, TTL)).toEqual({ kind: 'in_progress', since: T0 });
      expect(await h.store.claim(s, 'old', 'h', T0, TTL)).toEqual({ kind: 'claimed' });
    });

    it('lets exactly one of 20 concurrent claims of one key proceed', async () => {
      const s = scope();
      const claims = await Promise.all(Array.from({ length: 20 }, () => h.store.claim(s, 'k', 'hash-a', T0, TTL)));
      expect(claims.filter((c) => c.kind === 'claimed')).toHaveLength(1);
      expect(claims.filter((c) => c.kind === 'in_progress')).toHaveLength(19);
    });

    it('lets exactly one of 20 concurrent takeovers of a stale claim win, and never takes over a completed or newer claim', async () => {
      const s = scope();
      await h.store.claim(s, 'k', 'hash-a', T0, TTL);
      const later = T0 + 5 * 60_000;
      const stale = await h.store.claim(s, 'k', 'hash-a', later, TTL);
      expect(stale).toEqual({ kind: 'in_progress', since: T0 });
      const wins = await Promise.all(Array.from({ length: 20 }, () => h.store.takeOver(s, 'k', T0, later, TTL)));
      expect(wins.filter(Boolean)).toHaveLength(1);
      // Taken over as a fresh claim made `later`: a takeover on the old time no longer matches.
      expect(await h.store.claim(s, 'k', 'hash-a', later + 1, TTL)).toEqual({ kind: 'in_progress', since: later });
      expect(await h.store.takeOver(s, 'k', T0, later + 2, TTL)).toBe(false);
      await h.store.complete(null, s, 'k', 200, { ok: true });
      expect(await h.store.takeOver(s, 'k', later, later + 3, TTL)).toBe(false);
      expect(await h.store.claim(s, 'k', 'hash-a', later + 4, TTL)).toMatchObject({ kind: 'replay', record: { createdAt: later, expiresAt: later + TTL } });
      expect(await h.store.takeOver(s, 'never-claimed', T0, later, TTL)).toBe(false);
    });

    it('lets exactly one of 20 concurrent claims of an expired key proceed', async () => {
      const s = scope();
      await h.store.claim(s, 'k', 'hash-a', T0, TTL);
      const later = T0 + TTL + 1;
      const claims = await Promise.all(Array.from({ length: 20 }, () => h.store.claim(s, 'k', 'hash-a', later, TTL)));
      expect(claims.filter((c) => c.kind === 'claimed')).toHaveLength(1);
    });
  });
}
