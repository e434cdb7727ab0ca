import type { AddressInfo } from 'node:net';
import { createMemoryStorage } from '@aquastream/adapters';
import { serve } from '@hono/node-server';
import { GUEST } from '@aquastream/domain';
import { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import type { AppEnv } from '../env.js';
import { organiser, person, published, world, type World } from '../routes/events.fixtures.test-support.js';
import { SECURE_HEADERS } from '../app.js';
import { CatalogueCache, catalogueCacheOf, etagOf, matchesIfNoneMatch } from './catalogue-cache.js';

const get = (w: World, path: string, headers: Record<string, string> = {}, token?: string) =>
  w.call('GET', `/api/v1${path}`, { headers, ...(token === undefined ? {} : { token }) });

async function catalogue() {
  const storage = createMemoryStorage();
  const w = world({ storage });
  const org = await organiser(w);
  const event = await published(w, org);
  return { w, org, event, storage };
}

describe('the catalogue cache (GET /events, GET /events/{id})', () => {
  it('serves a guest’s repeated read from memory with the same strong ETag', async () => {
    const { w, event } = await catalogue();
    for (const path of ['/events?size=5', `/events/${event.id}`]) {
      const first = await get(w, path);
      expect(first.headers.get('x-cache')).toBe('MISS');
      expect(first.headers.get('etag')).toBe(etagOf(first.text));
      expect(first.headers.get('vary')).toContain('Authorization');
      const second = await get(w, path);
      expect(second.status).toBe(200);
      expect(second.headers.get('x-cache')).toBe('HIT');
      expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(second.headers.get('content-type')).toContain('application/json');
      expect(second.headers.get('x-correlation-id')).toBeTruthy();
      expect(second.text).toBe(first.text);
    }
  });

  it('answers 304 to a matching If-None-Match, from the cache and from a fresh read alike', async () => {
    const { w, event } = await catalogue();
    const fresh = await get(w, `/events/${event.id}`);
    const etag = fresh.headers.get('etag') ?? '';
    const hit = await get(w, `/events/${event.id}`, { 'if-none-match': etag });
    expect(hit.status).toBe(304);
    expect(hit.text).toBe('');
    expect(hit.headers.get('etag')).toBe(etag);
    const org = await organiser(w); // a write: the next read is fresh again
    void org;
    const miss = await get(w, `/events/${event.id}`, { 'if-none-match': `W/${etag}, "other"` });
    expect(miss.status).toBe(304);
    expect(miss.headers.get('x-cache')).toBe('MISS');
    expect((await get(w, `/events/${event.id}`, { 'if-none-match': '"stale"' })).status).toBe(200);
  });

  it('forgets everything on any successful write in the process, whichever route made it', async () => {
    const { w, org, event } = await catalogue();
    await get(w, '/events');
    expect((await get(w, '/events')).headers.get('x-cache')).toBe('HIT');
    await w.call('PATCH', `/api/v1/events/${event.id}`, { token: org.token, body: { title: 'Renamed' } });
    const after = await get(w, '/events');
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(after.json.data[0].title).toBe('Renamed');

    const user = await person(w);
    await w.call('POST', '/api/v1/bookings', { token: user.token, body: { eventId: event.id, quantity: 2 } });
    const booked = await get(w, '/events');
    expect(booked.headers.get('x-cache')).toBe('MISS');
    expect(booked.json.data[0].seatsAvailable).toBe(8);

    await w.call('PATCH', `/api/v1/events/${event.id}`, { token: org.token, body: { capacity: 'x' } }); // 400: nothing changed
    expect((await get(w, '/events')).headers.get('x-cache')).toBe('HIT');
  });

  it('keeps a page for five seconds', async () => {
    const { w } = await catalogue();
    await get(w, '/events');
    w.clock.advance(4_999);
    expect((await get(w, '/events')).headers.get('x-cache')).toBe('HIT');
    w.clock.advance(1);
    expect((await get(w, '/events')).headers.get('x-cache')).toBe('MISS');
  });

  it('a signed-in user without memberships or admin rights shares the guests’ pages; an admin does not', async () => {
    const { w, event } = await catalogue();
    const user = await person(w);
    const admin = await person(w, ['ADMIN']);
    for (const path of ['/events?size=5', `/events/${event.id}`]) {
      const guest = await get(w, path);
      expect(guest.headers.get('x-cache')).toBe('MISS');
      const mine = await get(w, path, {}, user.token);
      expect(mine.headers.get('x-cache')).toBe('HIT');
      expect(mine.text).toBe(guest.text);
      expect((await get(w, path, {}, admin.token)).headers.get('x-cache')).toBe('BYPASS');
    }
  });

  it('never stores what an organiser sees, but still tags it', async () => {
    const { w, org, event } = await catalogue();
    const mine = await get(w, `/events/${event.id}`, {}, org.token);
    expect(mine.headers.get('x-cache')).toBe('BYPASS');
    expect(mine.headers.get('cache-control')).toBe('private, no-cache');
    const etag = mine.headers.get('etag') ?? '';
    expect((await get(w, `/events/${event.id}`, { 'if-none-match': etag }, org.token)).status).toBe(304);
    expect((await get(w, `/events/${event.id}`)).headers.get('x-cache')).toBe('MISS');
  });

  it('serves the cached page, marked STALE, while the database is unreachable; other pages fail as before', async () => {
    const { w, event, storage } = await catalogue();
    const list = await get(w, '/events');
    const one = await get(w, `/events/${event.id}`);
    w.clock.advance(60_000);
    const search = vi.spyOn(storage.events, 'search').mockRejectedValue(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    const find = vi.spyOn(storage.events, 'findById').mockRejectedValue(new Error('connect ECONNREFUSED 127.0.0.1:5432'));

    const staleList = await get(w, '/events');
    expect(staleList.status).toBe(200);
    expect(staleList.headers.get('x-cache')).toBe('STALE');
    expect(staleList.headers.get('content-type')).toContain('application/json');
    expect(staleList.text).toBe(list.text);
    const staleOne = await get(w, `/events/${event.id}`);
    expect(staleOne.headers.get('x-cache')).toBe('STALE');
    expect(staleOne.json).toEqual(one.json);
    expect((await get(w, `/events/${event.id}`, { 'if-none-match': one.headers.get('etag') ?? '' })).status).toBe(304);

    const never = await get(w, '/events?size=7');
    expect(never.status).toBe(500); // a bare Error is no database error (a real outage is a 503: the fault drills)
    expect(never.headers.get('content-type')).toContain('application/problem+json');

    search.mockRestore();
    find.mockRestore();
    expect((await get(w, '/events')).headers.get('x-cache')).toBe('MISS');
  });
});

describe('CatalogueCache', () => {
  function app(cache: CatalogueCache, body: () => string) {
    const a = new Hono<AppEnv>();
    a.use('*', async (c, next) => {
      c.set('ctx', { actor: GUEST, correlationId: 'c' });
      await next();
    });
    a.use('*', cache.invalidateOnWrite);
    a.get('/page/:n', cache.read, (c) => c.json({ body: body(), n: c.req.param('n') }));
    // Mounted after the cache's middleware, like another resource's sub-app.
    const other = new Hono<AppEnv>();
    other.post('/other', (c) => c.json({}, 201));
    other.post('/refused', (c) => c.json({}, 409));
    a.route('/', other);
    return a;
  }

  it('is cleared by writes of sub-apps mounted after it, not by refused ones', async () => {
    const cache = new CatalogueCache();
    const a = app(cache, () => 'x');
    await a.request('/page/1');
    expect(cache.size).toBe(1);
    await a.request('/refused', { method: 'POST' });
    expect(cache.size).toBe(1);
    await a.request('/other', { method: 'POST' });
    expect(cache.size).toBe(0);
  });

  it('drops the oldest pages beyond its memory bound', async () => {
    const cache = new CatalogueCache({ maxBytes: 200 });
    const a = app(cache, () => 'y'.repeat(30));
    for (const n of [1, 2, 3]) await a.request(`/page/${n}`);
    expect(cache.size).toBe(2);
    expect((await a.request('/page/1')).headers.get('x-cache')).toBe('MISS');
    expect((await a.request('/page/3')).headers.get('x-cache')).toBe('HIT');
  });

  it('does not store a read that a write overtook', async () => {
    const cache = new CatalogueCache();
    const a = app(cache, () => {
      cache.clear(); // a write commits while the page is being read
      return 'old';
    });
    expect((await a.request('/page/1')).headers.get('x-cache')).toBe('MISS');
    expect(cache.size).toBe(0);
  });
});

describe('matchesIfNoneMatch', () => {
  it('compares weakly, takes lists and *', () => {
    expect(matchesIfNoneMatch('"a"', '"a"')).toBe(true);
    expect(matchesIfNoneMatch('W/"a"', '"a"')).toBe(true);
    expect(matchesIfNoneMatch('"b", "a"', '"a"')).toBe(true);
    expect(matchesIfNoneMatch('*', '"a"')).toBe(true);
    expect(matchesIfNoneMatch('"b"', '"a"')).toBe(false);
    expect(matchesIfNoneMatch(undefined, '"a"')).toBe(false);
  });
});

describe('the fast path (guests’ fresh pages answered before the middleware chain)', () => {
  const perRequest = new Set(['x-correlation-id', 'x-cache', 'date']);
  const stable = (h: Headers) => Object.fromEntries([...h].filter(([k]) => !perRequest.has(k)));

  it('answers the stored bytes with exactly the headers of the full chain, and counts them as hits', async () => {
    const { w, event } = await catalogue();
    const cache = catalogueCacheOf(w.deps);
    for (const path of ['/events?size=5', `/events/${event.id}`]) {
      const miss = await get(w, path);
      expect(miss.headers.get('x-cache')).toBe('MISS');
      const fast = cache.hits.fast;
      const hit = await get(w, path, { 'x-correlation-id': 'corr-1' });
      expect(cache.hits.fast).toBe(fast + 1);
      expect(hit.headers.get('x-cache')).toBe('HIT');
      expect(hit.headers.get('x-correlation-id')).toBe('corr-1');
      expect(hit.text).toBe(miss.text);
      // Same secure headers, ETag, Vary, Cache-Control and content type as the answer that went through every middleware.
      expect(stable(hit.headers)).toEqual(stable(miss.headers));
      expect(SECURE_HEADERS['x-frame-options']).toBe(hit.headers.get('x-frame-options'));
      const notModified = await get(w, path, { 'if-none-match': miss.headers.get('etag') ?? '' });
      expect(notModified.status).toBe(304);
      expect(notModified.text).toBe('');
      expect(notModified.headers.get('etag')).toBe(miss.headers.get('etag'));
      expect(notModified.headers.get('x-correlation-id')).toBeTruthy();
      expect(cache.hits.fast).toBe(fast + 2);
    }
    // The histogram still sees them, under the route template.
    const metrics = await w.deps.metrics.registry.getSingleMetricAsString('http_request_duration_seconds');
    expect(metrics).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/events\/:id",status="200"\} 2/);
    expect(metrics).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/events\/:id",status="304"\} 1/);
  });

  it('leaves signed-in callers, unknown pages and anything after a write to the full chain', async () => {
    const { w, org, event } = await catalogue();
    const cache = catalogueCacheOf(w.deps);
    await get(w, `/events/${event.id}`);
    expect((await get(w, `/events/${event.id}`, {}, org.token)).headers.get('x-cache')).toBe('BYPASS');
    expect((await get(w, '/events?size=3')).headers.get('x-cache')).toBe('MISS');
    await w.call('PATCH', `/api/v1/events/${event.id}`, { token: org.token, body: { title: 'Renamed' } });
    const after = await get(w, `/events/${event.id}`);
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(after.json.title).toBe('Renamed');
    expect(cache.hits.fast).toBe(0);
  });

  it('is off while a per-IP read limit must count every request: hits then come from inside the chain', async () => {
    const storage = createMemoryStorage();
    const w = world({ storage, env: { RATE_LIMIT_READS_PER_MINUTE: '1000' } });
    const org = await organiser(w);
    const event = await published(w, org);
    const cache = catalogueCacheOf(w.deps);
    await get(w, `/events/${event.id}`);
    const hit = await get(w, `/events/${event.id}`);
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(hit.headers.get('ratelimit-limit')).toBe('1000');
    expect(cache.hits).toEqual({ fast: 0, chain: 1 });
  });
});

describe('misses of the same page at once', () => {
  it('read the database once; the others are served what that read stored', async () => {
    const { w, storage } = await catalogue();
    const search = vi.spyOn(storage.events, 'search');
    const answers = await Promise.all(Array.from({ length: 8 }, () => get(w, '/events?size=4')));
    expect(search).toHaveBeenCalledTimes(1);
    expect(answers.map((a) => a.headers.get('x-cache')).sort()).toEqual(['HIT', 'HIT', 'HIT', 'HIT', 'HIT', 'HIT', 'HIT', 'MISS']);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    search.mockRestore();
  });

  it('when that read fails, the others get the STALE page without waiting on the database again', async () => {
    const { w, storage } = await catalogue();
    const first = await get(w, '/events');
    w.clock.advance(60_000);
    const search = vi.spyOn(storage.events, 'search').mockRejectedValue(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    const answers = await Promise.all(Array.from({ length: 5 }, () => get(w, '/events')));
    expect(search).toHaveBeenCalledTimes(1);
    expect(answers.map((a) => [a.status, a.headers.get('x-cache')])).toEqual(Array.from({ length: 5 }, () => [200, 'STALE']));
    expect(answers.every((a) => a.text === first.text)).toBe(true);
    search.mockRestore();
  });
});

describe('the memory bound', () => {
  it('holds over many distinct pages: stored bytes never exceed maxBytes, the newest pages stay', async () => {
    const maxBytes = 4_096;
    const cache = new CatalogueCache({ maxBytes });
    const a = new Hono<AppEnv>();
    a.use('*', async (c, next) => {
      c.set('ctx', { actor: GUEST, correlationId: 'c' });
      await next();
    });
    a.get('/page/:n', cache.read, (c) => c.json({ n: c.req.param('n'), pad: 'z'.repeat(Number(c.req.param('n')) % 300) }));
    for (let n = 0; n < 400; n += 1) {
      await a.request(`/page/${n}`);
      expect(cache.storedBytes).toBeLessThanOrEqual(maxBytes);
    }
    expect(cache.size).toBeGreaterThan(5);
    expect(cache.size).toBeLessThan(400);
    expect((await a.request('/page/399')).headers.get('x-cache')).toBe('HIT');
    expect((await a.request('/page/0')).headers.get('x-cache')).toBe('MISS');
  });
});

describe('the fast path over a real HTTP server (@hono/node-server)', () => {
  it('reads the caller’s headers from Node’s request: a token still bypasses, a guest gets the stored bytes and 304s', async () => {
    const { w, org, event } = await catalogue();
    const cache = catalogueCacheOf(w.deps);
    const server = serve({ fetch: w.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/api/v1/events/${event.id}`;
    try {
      const miss = await fetch(url);
      const missText = await miss.text();
      expect(miss.headers.get('x-cache')).toBe('MISS');
      const hit = await fetch(url, { headers: { 'x-correlation-id': 'over-http' } });
      expect(hit.headers.get('x-cache')).toBe('HIT');
      expect(hit.headers.get('x-correlation-id')).toBe('over-http');
      expect(hit.headers.get('content-length')).toBe(String(Buffer.byteLength(missText)));
      expect(await hit.text()).toBe(missText);
      expect(cache.hits.fast).toBe(1);
      const mine = await fetch(url, { headers: { authorization: `Bearer ${org.token}` } });
      await mine.arrayBuffer();
      expect(mine.headers.get('x-cache')).toBe('BYPASS');
      const notModified = await fetch(url, { headers: { 'if-none-match': miss.headers.get('etag') ?? '' } });
      expect(notModified.status).toBe(304);
      expect(cache.hits.fast).toBe(2);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
