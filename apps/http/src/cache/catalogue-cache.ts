import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { isAdmin, type Actor } from '@aquastream/domain';
import type { AppEnv } from '../env.js';

export type CatalogueCacheOptions = {
  /** How long a page is served without asking the database again (default 5 s). */
  readonly ttlMs?: number;
  /** Memory bound over all stored bodies; the oldest entries go first (default 32 MiB). */
  readonly maxBytes?: number;
  readonly now?: () => number;
};

/** A page as it is written to the socket: the encoded bytes and their tag, computed once when it is stored. */
type Entry = {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly etag: string;
  readonly contentType: string;
  readonly storedAt: number;
  /** The route template that produced it (`/api/v1/events/:id`), for the metrics of answers served by `fastPath`. */
  readonly route: string;
};
type Stored = Entry & {
  /** What the entry costs: body bytes plus the URL key (UTF-16). */
  readonly bytes: number;
  /** The `generation` it was read in: served fresh only while no write came after. */
  readonly generation: number;
  /** The complete header set of a HIT (without the per-request correlation id), built on its first fast hit. */
  hitHeaders?: Readonly<Record<string, string>>;
  notModifiedHeaders?: Readonly<Record<string, string>>;
};

/** What `fastPath` needs from the app: the headers every response carries, and where a served hit is recorded. */
export type FastPathOptions = {
  /** Headers the app's middleware put on every response (the secure headers), lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The correlation id of the request (the caller's, if acceptable, else a new one). */
  readonly correlationId: (given: string | undefined) => string;
  /** Called once per answer served, for the access log and the duration histogram. */
  readonly served: (url: string, answer: { readonly route: string; readonly status: number; readonly correlationId: string; readonly startedAt: number }) => void;
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const caches = new WeakMap<object, CatalogueCache>();

/**
 * The one catalogue cache of an app (keyed by its dependencies): the events routes store into it, the app's first
 * `fetch` answers from it first (`fastPath`).
 */
export function catalogueCacheOf(deps: { readonly clock: { now(): number } }): CatalogueCache {
  let cache = caches.get(deps);
  if (cache === undefined) {
    cache = new CatalogueCache({ now: () => deps.clock.now() });
    caches.set(deps, cache);
  }
  return cache;
}

/** A strong ETag: the body's SHA-256, so equal bytes give equal tags in every replica. */
export const etagOf = (body: string | Uint8Array): string => `"${createHash('sha256').update(body).digest('base64url')}"`;

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
 * Whether a caller sees exactly the catalogue a guest sees: answers depend on the caller only through admin rights and
 * organisation memberships (`nonPublicEventScope`, `canViewEvent`), so a signed-in user with neither shares the guests'
 * pages — most signed-in traffic — while organisers, staff and admins, who may see drafts, never do.
 */
export const seesWhatGuestsSee = (actor: Actor): boolean =>
  actor.kind === 'guest' || (actor.kind === 'user' && !isAdmin(actor) && actor.memberships.length === 0);

/**
 * The in-process catalogue cache of DESIGN §4, for `GET /events` and `GET /events/{id}`: guests' answers are kept for
 * a few seconds by full URL and served with `X-Cache: HIT`; every answer carries a strong `ETag`, and a matching
 * `If-None-Match` gets 304 whether or not the cache had it. Any successful write in this process makes it stale
 * (`invalidateOnWrite`). While the database is unreachable (the handler throws or answers 5xx), a guest gets the last
 * page stored for that URL, however old, marked `X-Cache: STALE`, instead of an error. Signed-in users without
 * memberships or admin rights share the guests' pages (`seesWhatGuestsSee`); the others may see drafts, so their answers
 * are never stored (`X-Cache: BYPASS`). Other replicas keep their own copy: the TTL bounds
 * how long a change made elsewhere takes to show.
 */
export class CatalogueCache {
  /**
   * Pages by URL. A write does not delete them but bumps `generation`: a page of an older generation is never served as
   * fresh, yet stays the STALE fallback while the database is away — under steady booking traffic the cache is
   * invalidated constantly, and dropping the pages would leave guests nothing to fall back on at the moment of an outage.
   */
  private readonly entries = new Map<string, Stored>();
  private bytes = 0;
  /** Guests' reads running now, by URL: what each will have stored (null: nothing). At most one per URL. */
  private readonly reading = new Map<string, Promise<Stored | 'FAILED' | null>>();
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

  /** Pages that may be served fresh (written since the last clear). */
  get size(): number {
    let fresh = 0;
    for (const e of this.entries.values()) if (e.generation === this.generation) fresh += 1;
    return fresh;
  }

  /** Answers served from memory: by `fastPath` before the middleware chain, and by `read` inside it. */
  readonly hits = { fast: 0, chain: 0 };

  /** The memory the stored pages account for (bodies and keys), always ≤ `maxBytes`. */
  get storedBytes(): number {
    return this.bytes;
  }

  /** Nothing stored so far is served fresh again; it is kept only as the fallback while the database fails. */
  clear(): void {
    this.generation += 1;
  }

  /** Route middleware of the cached reads (after authentication: guests are told apart by `ctx`). */
  readonly read = createMiddleware<AppEnv>(async (c, next) => {
    c.header('Vary', 'Authorization');
    if (!seesWhatGuestsSee(c.get('ctx').actor)) {
      await next();
      if (c.res.status === 200) await this.tagFresh(c, 'BYPASS', 'private, no-cache');
      return;
    }
    const key = c.req.url;
    const cached = this.entries.get(key);
    if (cached !== undefined && this.isFresh(cached)) return this.fromCache(c, cached, 'HIT');
    // Guests who miss the same page while another guest's read of it is running wait for that read (one query
    // instead of one per connection when a popular page expires); if it stores nothing, they read for themselves.
    // A read that failed (database away) sends its waiters to the STALE page at once rather than to a second timeout.
    const running = this.reading.get(key);
    if (running !== undefined) {
      const shared = await running;
      if (shared === 'FAILED' && cached !== undefined) return this.fromCache(c, cached, 'STALE');
      if (shared !== 'FAILED' && shared !== null && this.isFresh(shared)) return this.fromCache(c, shared, 'HIT');
    }

    const generation = this.generation;
    let done: (outcome: Stored | 'FAILED' | null) => void = () => undefined;
    const leader = running === undefined;
    if (leader) this.reading.set(key, new Promise((resolve) => (done = resolve)));
    let failed = true;
    try {
      failed = !(await this.readFresh(c, next, key, cached, generation));
    } finally {
      if (leader) {
        this.reading.delete(key);
        const stored = this.entries.get(key);
        done(failed ? 'FAILED' : stored !== undefined && stored.generation === generation ? stored : null);
      }
    }
  });

  /** The guest's own read of a page: stores a fresh 200, or serves the STALE page if it fails. Answers false if it failed. */
  private async readFresh(c: Context<AppEnv>, next: () => Promise<void>, key: string, cached: Stored | undefined, generation: number): Promise<boolean> {
    let failure: { readonly error: unknown } | null = null;
    try {
      await next();
    } catch (error: unknown) {
      if (cached === undefined) throw error;
      failure = { error };
    }
    if (failure !== null || c.error !== undefined || c.res.status >= 500) {
      if (cached === undefined) return false;
      c.get('logger').warn({ url: key, err: failure?.error ?? c.error }, 'catalogue read failed: serving the cached page');
      c.error = undefined;
      this.replace(c, this.fromCache(c, cached, 'STALE'));
      return false;
    }
    if (c.res.status !== 200) return true;
    const entry = await this.tagFresh(c, 'MISS', 'no-cache');
    if (generation === this.generation) this.store(key, entry, generation);
    return true;
  }

  /**
   * The app's `fetch`, in front of Hono: a guest's GET of a fresh stored page is answered here, with the stored bytes
   * and one plain header object (the app's secure headers, the cache headers, the correlation id), so the answer is
   * written to the socket without routing, middleware, Hono's `Headers` objects or any re-serialisation. The bytes and
   * headers are those the full chain gives a HIT; the access log and the duration histogram still get the request
   * (`served`). Everything else — signed-in callers, misses, stale pages, other routes — answers null and goes to
   * Hono. The app installs it only when no middleware of the chain would change a guest's cached answer (no per-IP read
   * limit to count, no CORS headers that depend on the caller's Origin).
   */
  fastPath(options: FastPathOptions): (request: Request, env?: unknown) => Response | null {
    return (request, env) => {
      const startedAt = performance.now();
      if (request.method !== 'GET') return null;
      // On @hono/node-server, Node's parsed headers: reading `request.headers` would build a WHATWG Headers per request.
      const incoming = (env as { incoming?: { headers?: Record<string, string | string[] | undefined> } } | undefined)?.incoming?.headers;
      const header = (name: string): string | undefined => {
        if (incoming === undefined) return request.headers.get(name) ?? undefined;
        const value = incoming[name];
        return Array.isArray(value) ? value.join(', ') : value;
      };
      const authorization = header('authorization');
      if (authorization !== undefined && authorization.trim() !== '') return null;
      const entry = this.entries.get(request.url);
      if (entry === undefined || !this.isFresh(entry)) return null;
      const correlationId = options.correlationId(header('x-correlation-id'));
      const notModified = matchesIfNoneMatch(header('if-none-match'), entry.etag);
      const headers = { ...(notModified ? this.notModifiedHeaders(entry, options.headers) : this.hitHeaders(entry, options.headers)) };
      headers['x-correlation-id'] = correlationId;
      // A plain header object keeps @hono/node-server on its cached-response path (straight to writeHead).
      const res = new Response(notModified ? null : entry.body, { status: notModified ? 304 : 200, headers });
      this.hits.fast += 1;
      options.served(request.url, { route: entry.route, status: res.status, correlationId, startedAt });
      return res;
    };
  }

  private isFresh(entry: Stored): boolean {
    return entry.generation === this.generation && this.now() - entry.storedAt < this.ttlMs;
  }

  private hitHeaders(entry: Stored, common: Readonly<Record<string, string>>): Record<string, string> {
    entry.hitHeaders ??= { ...common, 'content-type': entry.contentType, ...this.cacheHeaders(entry) };
    return entry.hitHeaders;
  }

  private notModifiedHeaders(entry: Stored, common: Readonly<Record<string, string>>): Record<string, string> {
    entry.notModifiedHeaders ??= { ...common, ...this.cacheHeaders(entry) };
    return entry.notModifiedHeaders;
  }

  private cacheHeaders(entry: Entry): Record<string, string> {
    return { vary: 'Authorization', etag: entry.etag, 'cache-control': 'no-cache', 'x-cache': 'HIT' };
  }

  /** App middleware: a write that succeeded may have changed what the catalogue shows. */
  readonly invalidateOnWrite = createMiddleware<AppEnv>(async (c, next) => {
    await next();
    if (!SAFE_METHODS.has(c.req.method) && c.res.status < 400) this.clear();
  });

  /** Adds the ETag and cache headers to a fresh 200 (or turns it into a 304); answers what a cache entry needs. */
  private async tagFresh(c: Context<AppEnv>, state: 'MISS' | 'BYPASS', cacheControl: string): Promise<Entry> {
    // A Buffer (not a bare Uint8Array): Node writes it to the socket as is.
    const body = Buffer.from(await c.res.clone().arrayBuffer());
    const entry: Entry = {
      body,
      etag: etagOf(body),
      contentType: c.res.headers.get('content-type') ?? 'application/json',
      storedAt: this.now(),
      route: c.req.routePath,
    };
    if (matchesIfNoneMatch(c.req.header('if-none-match'), entry.etag)) {
      this.replace(c, new Response(null, { status: 304 }));
    }
    c.res.headers.set('ETag', entry.etag);
    c.res.headers.set('Cache-Control', cacheControl);
    c.res.headers.set('X-Cache', state);
    return entry;
  }

  private fromCache(c: Context<AppEnv>, entry: Entry, state: 'HIT' | 'STALE'): Response {
    if (state === 'HIT') this.hits.chain += 1;
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

  private store(key: string, entry: Entry, generation: number): void {
    const bytes = entry.body.byteLength + key.length * 2;
    if (bytes > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.bytes -= old.bytes;
      this.entries.delete(key);
    }
    this.entries.set(key, { ...entry, bytes, generation });
    this.bytes += bytes;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.bytes;
    }
  }
}
