import { canonicalJson, requestHash, runIdempotent } from '@aquastream/application';
import { describe, expect, it } from 'vitest';
import { InMemoryDatabase } from '../../memory/in-memory-database.js';
import { InMemoryIdempotencyStore } from '../../memory/idempotency-store.memory.js';

const T0 = Date.UTC(2026, 11, 1);

function setup() {
  const store = new InMemoryIdempotencyStore(new InMemoryDatabase());
  let calls = 0;
  const work = (status = 201) => () => {
    calls += 1;
    return Promise.resolve({ status, response: { id: `b-${calls}` } });
  };
  return { store, work, calls: () => calls };
}

describe('runIdempotent', () => {
  const req = { scope: 'user-1:create-booking', key: 'k-1', requestHash: requestHash({ eventId: 'e', quantity: 2 }), now: T0 };

  it('runs the work once and replays its answer to a repeat', async () => {
    const { store, work, calls } = setup();
    const first = await runIdempotent(store, req, work());
    expect(first).toEqual({ ok: true, value: { status: 201, response: { id: 'b-1' }, replayed: false } });
    const second = await runIdempotent(store, { ...req, now: T0 + 60_000 }, work());
    expect(second).toEqual({ ok: true, value: { status: 201, response: { id: 'b-1' }, replayed: true } });
    expect(calls()).toBe(1);
  });

  it('refuses the key with another request: IDEMPOTENCY_KEY_REUSED', async () => {
    const { store, work, calls } = setup();
    await runIdempotent(store, req, work());
    const other = await runIdempotent(store, { ...req, requestHash: requestHash({ eventId: 'e', quantity: 3 }) }, work());
    expect(other.ok ? null : other.error.type).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(calls()).toBe(1);
  });

  it('answers IDEMPOTENCY_KEY_IN_PROGRESS to a repeat while the first still runs', async () => {
    const { store } = setup();
    let finish!: () => void;
    const slow = runIdempotent(store, req, () => new Promise<{ status: number; response: string }>((r) => (finish = () => r({ status: 200, response: 'ok' }))));
    await new Promise((r) => setTimeout(r, 0));
    const repeat = await runIdempotent(store, req, () => Promise.resolve({ status: 200, response: 'twice' }));
    expect(repeat.ok ? null : repeat.error.type).toBe('IDEMPOTENCY_KEY_IN_PROGRESS');
    finish();
    expect(await slow).toMatchObject({ ok: true, value: { response: 'ok', replayed: false } });
  });

  it('releases the key when the work throws, so the same request can be retried', async () => {
    const { store, work, calls } = setup();
    await expect(runIdempotent(store, req, () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    const retried = await runIdempotent(store, req, work());
    expect(retried).toMatchObject({ ok: true, value: { replayed: false } });
    expect(calls()).toBe(1);
  });

  it('lets an expired key run again', async () => {
    const { store, work, calls } = setup();
    await runIdempotent(store, { ...req, ttlMs: 1000 }, work());
    const later = await runIdempotent(store, { ...req, now: T0 + 1000 }, work());
    expect(later).toMatchObject({ ok: true, value: { response: { id: 'b-2' }, replayed: false } });
    expect(calls()).toBe(2);
  });
});

describe('requestHash', () => {
  it('is the same for the same request whatever the key order, and differs for another one', () => {
    const a = { eventId: 'e', quantity: 2, promo: { code: 'X', at: [1, 2] }, skipped: undefined };
    const b = { promo: { at: [1, 2], code: 'X' }, quantity: 2, eventId: 'e' };
    expect(canonicalJson(a)).toBe('{"eventId":"e","promo":{"at":[1,2],"code":"X"},"quantity":2}');
    expect(requestHash(a)).toBe(requestHash(b));
    expect(requestHash({ ...b, quantity: 3 })).not.toBe(requestHash(b));
    expect(requestHash({ promo: { at: [2, 1], code: 'X' }, quantity: 2, eventId: 'e' })).not.toBe(requestHash(b));
    expect(requestHash(null)).not.toBe(requestHash({}));
  });

  it('is FNV-1a 64 over the UTF-8 bytes of the canonical JSON', () => {
    // Reference values of FNV-1a 64: "" → cbf29ce484222325; the canonical JSON of "a" is the 3 bytes `"a"`.
    expect(requestHash('a')).toBe(fnv1a64('"a"'));
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(requestHash('é')).toBe(fnv1a64('"é"'));
  });
});

/** An independent FNV-1a 64 over UTF-8, for the test. */
function fnv1a64(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(text, 'utf8')) h = ((h ^ BigInt(byte)) * 0x100000001b3n) % 2n ** 64n;
  return h.toString(16).padStart(16, '0');
}
