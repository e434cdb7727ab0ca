import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.js';

export type CatalogueCacheOptions = {
  /** How long a page is served without asking the database again (default 5 s). */
  readonly ttlMs?: number;
  /** Memory bound over all stored bodies; the oldest entries go first (default 32 MiB). */
  readonly maxBytes?: number;
  readonly now?: () => number;
};

type Entry = { readonly body: string; readonly etag: string; readonly contentType: string; readonly storedAt: number };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A strong ETag: the body's SHA-256, so equal bytes give equal tags in every replica. */
export const etagOf = (body: string): string => `"${createHash('sha256').update(body).digest('base64url')}"`;

/** If-None-Match (RFC 9110 §13.1.2) compares weakly: `W/` prefixes are ignored, `*` matches anything. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === bare;
  });
}

/**
 * The in-process catalogue cache of DESIGN §4, for `GET /events` and `GET /events/{id}`: guests' answers are kept for
 * a few seconds by full URL and served with `X-Cache: HIT`; every answer carries a strong `ETag`, and a matching
 * `If-None-Match` gets 304 whether or not the cache had it. Any successful write in this process clears it
 * (`invalidateOnWrite`). While the database is unreachable (the handler throws or answers 5xx), a guest gets the last
 * page stored for that URL, however old, marked `X-Cache: STALE`, instead of an error. Signed-in callers may see
 * drafts, so their answers are never stored (`X-Cache: BYPASS`). Other replicas keep their own copy: the TTL bounds
 * how long a change made elsewhere takes to show.
 */
export class CatalogueCache {
  private readonly entries = new Map<string, Entry & { readonly bytes: number }>();
  private bytes = 0;
  /** Bumped by every clear: a read that began before a write must not store what it read. */
  private generation = 0;
  private readonly ttlMs: number;
  private readonly maxBytes: number;
  private readonly now: () => number;

  constructor(options: CatalogueCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 5_000;
    this.maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
    this.generation += 1;
  }

  /** Route middleware of the cached reads (after authentication: guests are told apart by `ctx`). */
  readonly read = createMiddleware<AppEnv>(async (c, next) => {
    c.header('Vary', 'Authorization');
    if (c.get('ctx').actor.kind !== 'guest') {
      await next();
      if (c.res.status === 200) await this.tagFresh(c, 'BYPASS', 'private, no-cache');
      return;
    }
    const key = c.req.url;
    const cached = this.entries.get(key);
    if (cached !== undefined && this.now() - cached.storedAt < this.ttlMs) return this.fromCache(c, cached, 'HIT');

    const generation = this.generation;
    let failure: { readonly error: unknown } | null = null;
    try {
      await next();
    } catch (error: unknown) {
      if (cached === undefined) throw error;
      failure = { error };
    }
    if (failure !== null || c.error !== undefined || c.res.status >= 500) {
      if (cached === undefined) return;
      c.get('logger').warn({ url: key, err: failure?.error ?? c.error }, 'catalogue read failed: serving the cached page');
      c.error = undefined;
      this.replace(c, this.fromCache(c, cached, 'STALE'));
      return;
    }
    if (c.res.status !== 200) return;
    const entry = await this.tagFresh(c, 'MISS', 'no-cache');
    if (generation === this.generation) this.store(key, entry);
  });

  /** App middleware: a write that succeeded may have changed what the catalogue shows. */
  readonly invalidateOnWrite = createMiddleware<AppEnv>(async (c, next) => {
    await next();
    if (!SAFE_METHODS.has(c.req.method) && c.res.status < 400) this.clear();
  });

  /** Adds the ETag and cache headers to a fresh 200 (or turns it into a 304); answers what a cache entry needs. */
  private async tagFresh(c: Context<AppEnv>, state: 'MISS' | 'BYPASS', cacheControl: string): Promise<Entry> {
    const body = await c.res.clone().text();
    const entry: Entry = { body, etag: etagOf(body), contentType: c.res.headers.get('content-type') ?? 'application/json', storedAt: this.now() };
    if (matchesIfNoneMatch(c.req.header('if-none-match'), entry.etag)) {
      this.replace(c, new Response(null, { status: 304 }));
    }
    c.res.headers.set('ETag', entry.etag);
    c.res.headers.set('Cache-Control', cacheControl);
    c.res.headers.set('X-Cache', state);
    return entry;
  }

  private fromCache(c: Context<AppEnv>, entry: Entry, state: 'HIT' | 'STALE'): Response {
    const headers = { ETag: entry.etag, 'Cache-Control': 'no-cache', 'X-Cache': state };
    if (matchesIfNoneMatch(c.req.header('if-none-match'), entry.etag)) return c.body(null, 304, headers);
    return c.body(entry.body, 200, { ...headers, 'Content-Type': entry.contentType });
  }

  /** Swaps the response, keeping the headers other middleware put on it but not those describing the old body. */
  private replace(c: Context<AppEnv>, next: Response): void {
    const previous = c.res;
    c.res = undefined;
    for (const [name, value] of previous.headers) {
      if (name !== 'content-type' && name !== 'content-length' && !next.headers.has(name)) next.headers.set(name, value);
    }
    c.res = next;
  }

  private store(key: string, entry: Entry): void {
    const bytes = entry.body.length * 2;
    if (bytes > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.bytes -= old.bytes;
      this.entries.delete(key);
    }
    this.entries.set(key, { ...entry, bytes });
    this.bytes += bytes;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.bytes;
    }
  }
}
