import { err, ok, type Instant, type Result } from '@aquastream/domain';
import { appError, type ApplicationOnlyError } from '../errors.js';
import type { IdempotencyStore } from '../ports/idempotency-store.port.js';

/** How long an answer is kept for replay (the issue: 24 h). */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

export type IdempotencyRequest = {
  /** `<caller>:<operation>`: the same key from two callers or for two operations are two keys. */
  readonly scope: string;
  readonly key: string;
  /** `requestHash(body)`, or of whatever else makes two requests "the same". */
  readonly requestHash: string;
  readonly now: Instant;
  readonly ttlMs?: number;
};

/** What the work answered: the status and body to replay to a client that repeats the request. */
export type IdempotentAnswer<T> = { readonly status: number; readonly response: T };
export type IdempotentOutcome<T> = IdempotentAnswer<T> & { readonly replayed: boolean };

export type IdempotencyError = Extract<ApplicationOnlyError, { type: 'IDEMPOTENCY_KEY_REUSED' | 'IDEMPOTENCY_KEY_IN_PROGRESS' }>;

/**
 * claim → work → complete. The first request with a key runs `work` and its answer is stored (error answers too:
 * a repeat of a request that found the event full is told the same, as a client retrying a lost response expects);
 * a repeat gets the stored answer (`replayed`); the key with another request is IDEMPOTENCY_KEY_REUSED; a repeat
 * while the first still runs is IDEMPOTENCY_KEY_IN_PROGRESS. When `work` throws (an infrastructure failure, nothing
 * committed) the claim is released so that the client may retry with the same key. The answer is stored after the
 * work's transaction committed: a crash in between leaves the key in progress until it expires, never a double write.
 */
export async function runIdempotent<T>(
  store: IdempotencyStore,
  request: IdempotencyRequest,
  work: () => Promise<IdempotentAnswer<T>>,
): Promise<Result<IdempotentOutcome<T>, IdempotencyError>> {
  const { scope, key } = request;
  const claim = await store.claim(scope, key, request.requestHash, request.now, request.ttlMs ?? IDEMPOTENCY_TTL_MS);
  switch (claim.kind) {
    case 'replay':
      return ok({ status: claim.record.status, response: claim.record.response as T, replayed: true });
    case 'mismatch':
      return err(appError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with a different request'));
    case 'in_progress':
      return err(appError('IDEMPOTENCY_KEY_IN_PROGRESS', 'a request with this Idempotency-Key is still being processed'));
    case 'claimed':
      break;
  }
  let answer: IdempotentAnswer<T>;
  try {
    answer = await work();
  } catch (error: unknown) {
    await store.release(scope, key);
    throw error;
  }
  await store.complete(null, scope, key, answer.status, answer.response);
  return ok({ ...answer, replayed: false });
}

/**
 * JSON with object keys sorted at every level, so that `{a, b}` and `{b, a}` are the same request. `undefined`
 * members are left out and non-finite numbers become null, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && typeof v !== 'function')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

/**
 * FNV-1a (64 bit) of the canonical JSON's UTF-8 bytes, as 16 hex digits. It tells an honest client's different
 * request from its repeat; it is not a cryptographic hash and does not resist someone crafting a collision on
 * purpose — which would only get them their own earlier answer back, since keys are scoped to the caller.
 * (The application layer has no node:crypto; the domain's no-dependency rule extends to here.)
 */
export function requestHash(value: unknown): string {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(canonicalJson(value))) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME) & MASK_64;
  }
  return hash.toString(16).padStart(16, '0');
}
