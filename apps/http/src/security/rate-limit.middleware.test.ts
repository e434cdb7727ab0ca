import { serve, type ServerType } from '@hono/node-server';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testApp, type TestApp } from '../testing/test-app.test-support.js';
import { clientIp, normalise } from './client-ip.js';

/** What @hono/node-server hands the app as `c.env`: enough of the socket for getConnInfo. */
const socketFrom = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress, remotePort: 40_000, remoteFamily: 'IPv4' } } });

type Call = { status: number; headers: Headers; json: any };

function client(t: TestApp) {
  return async (method: string, path: string, opts: { ip?: string; token?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<Call> => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers['authorization'] = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await t.app.request(
      path,
      { method, headers, ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}) },
      socketFrom(opts.ip ?? '203.0.113.7'),
    );
    const text = await res.text();
    return { status: res.status, headers: res.headers, json: text.startsWith('{') ? JSON.parse(text) : null };
  };
}

const limited = (env: Record<string, string>) => testApp({ env: { RATE_LIMIT_READS_PER_MINUTE: '0', RATE_LIMIT_WRITES_PER_MINUTE: '0', ...env } });

afterEach(() => {
  vi.useRealTimers();
});

describe('read limit (per IP)', () => {
  it('counts down in RateLimit-* headers, then answers a 429 problem with Retry-After', async () => {
    const call = client(limited({ RATE_LIMIT_READS_PER_MINUTE: '3' }));
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await call('GET', '/api/v1/openapi.json');
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-limit')).toBe('3');
      expect(Number(res.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
      expect(Number(res.headers.get('ratelimit-reset'))).toBeLessThanOrEqual(60);
      remaining.push(res.headers.get('ratelimit-remaining'));
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const refused = await call('GET', '/api/v1/openapi.json');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.json).toMatchObject({ status: 429, code: 'RATE_LIMITED', title: 'Too Many Requests' });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(refused.headers.get('x-correlation-id')).toBeTruthy();
  });

  it('gives every address its own bucket, counts signed-in reads per address too, and leaves probes alone', async () => {
    const t = limited({ RATE_LIMIT_READS_PER_MINUTE: '2' });
    const call = client(t);
    const token = await t.token(randomUUID());
    expect((await call('GET', '/api/v1/openapi.json', { ip: '198.51.100.1' })).status).toBe(200);
    expect((await call('GET', '/api/v1/openapi.json', { ip: '198.51.100.1', token })).status).toBe(200);
    expect((await call('GET', '/api/v1/openapi.json', { ip: '198.51.100.1', token })).status).toBe(429);
    expect((await call('GET', '/api/v1/openapi.json', { ip: '198.51.100.2' })).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await call('GET', '/health/live', { ip: '198.51.100.1' })).status).toBe(200);
    expect((await call('GET', '/health/live', { ip: '198.51.100.1' })).headers.get('ratelimit-limit')).toBeNull();
  });

  it('limits the payment webhooks per IP and never counts them as writes', async () => {
    const call = client(limited({ RATE_LIMIT_READS_PER_MINUTE: '2', RATE_LIMIT_WRITES_PER_MINUTE: '1' }));
    const hook = () => call('POST', '/api/v1/payments/webhooks/sandbox', { body: { id: 'evt_1' } });
    const first = await hook();
    expect(first.status).not.toBe(429);
    expect(first.headers.get('ratelimit-limit')).toBe('2');
    expect((await hook()).status).not.toBe(429);
    expect((await hook()).status).toBe(429);
  });

  it('starts a new window after a minute', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const call = client(limited({ RATE_LIMIT_READS_PER_MINUTE: '1' }));
    expect((await call('GET', '/api/v1/openapi.json')).status).toBe(200);
    expect((await call('GET', '/api/v1/openapi.json')).status).toBe(429);
    vi.setSystemTime(Date.now() + 61_000);
    expect((await call('GET', '/api/v1/openapi.json')).status).toBe(200);
  });
});

describe('write limit (per user)', () => {
  it('counts each user separately, whatever address they use, and does not count their reads', async () => {
    const t = limited({ RATE_LIMIT_WRITES_PER_MINUTE: '2' });
    const call = client(t);
    const alice = await t.token(randomUUID());
    const bob = await t.token(randomUUID());
    const write = (token: string, ip = '192.0.2.10') => call('POST', '/api/v1/rate-limit-probe', { token, ip, body: {} });
    for (let i = 0; i < 3; i++) expect((await call('GET', '/api/v1/openapi.json', { token: alice })).status).toBe(200);
    const first = await write(alice);
    expect(first.status).not.toBe(429);
    expect(first.headers.get('ratelimit-limit')).toBe('2');
    expect(first.headers.get('ratelimit-remaining')).toBe('1');
    expect((await write(alice, '192.0.2.99')).status).not.toBe(429);
    const refused = await write(alice, '192.0.2.250');
    expect(refused.status).toBe(429);
    expect(refused.json).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await write(bob)).status).not.toBe(429);
    for (const method of ['PATCH', 'PUT', 'DELETE']) expect((await call(method, '/api/v1/rate-limit-probe', { token: alice })).status).toBe(429);
  });

  it('keys guests by address', async () => {
    const call = client(limited({ RATE_LIMIT_WRITES_PER_MINUTE: '1' }));
    expect((await call('POST', '/api/v1/rate-limit-probe', { ip: '192.0.2.1', body: {} })).status).not.toBe(429);
    expect((await call('POST', '/api/v1/rate-limit-probe', { ip: '192.0.2.1', body: {} })).status).toBe(429);
    expect((await call('POST', '/api/v1/rate-limit-probe', { ip: '192.0.2.2', body: {} })).status).not.toBe(429);
  });

  it('is off at 0: no headers, no refusals', async () => {
    const t = limited({});
    const call = client(t);
    const token = await t.token(randomUUID());
    for (let i = 0; i < 30; i++) {
      const res = await call('POST', '/api/v1/rate-limit-probe', { token, body: {} });
      expect(res.status).not.toBe(429);
      expect(res.headers.get('ratelimit-limit')).toBeNull();
    }
  });
});

describe('client address', () => {
  it('ignores X-Forwarded-For unless TRUST_PROXY says how many proxies append to it', async () => {
    const direct = client(limited({ RATE_LIMIT_READS_PER_MINUTE: '1' }));
    const spoof = (xff: string) => direct('GET', '/api/v1/openapi.json', { ip: '10.0.0.5', headers: { 'x-forwarded-for': xff } });
    expect((await spoof('1.1.1.1')).status).toBe(200);
    expect((await spoof('2.2.2.2')).status).toBe(429);

    const proxied = client(limited({ RATE_LIMIT_READS_PER_MINUTE: '1', TRUST_PROXY: '1' }));
    const via = (xff: string) => proxied('GET', '/api/v1/openapi.json', { ip: '10.0.0.5', headers: { 'x-forwarded-for': xff } });
    expect((await via('1.1.1.1')).status).toBe(200);
    expect((await via('2.2.2.2')).status).toBe(200);
    // A client that prepends a fake address still lands in the bucket of the address our proxy saw.
    expect((await via('9.9.9.9, 1.1.1.1')).status).toBe(429);
  });

  it('normalises addresses into buckets', () => {
    expect(normalise('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normalise('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(normalise('2001:DB8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(normalise('[2001:db8::1]')).toBe('2001:db8:0:0::/64');
    expect(normalise('::1')).toBe('0:0:0:0::/64');
    expect(normalise('203.0.113.7')).toBe('203.0.113.7');
    expect(normalise('garbage')).toBe('garbage');
  });

  it('picks the entry N places from the right with N trusted proxies', () => {
    const ctx = (xff: string | undefined, remoteAddress: string | undefined) =>
      ({
        env: remoteAddress === undefined ? undefined : socketFrom(remoteAddress),
        req: { header: (name: string) => (name === 'x-forwarded-for' ? xff : undefined) },
      }) as unknown as Parameters<typeof clientIp>[0];
    expect(clientIp(ctx('1.1.1.1, 2.2.2.2', '10.0.0.1'), 0)).toBe('10.0.0.1');
    expect(clientIp(ctx('1.1.1.1, 2.2.2.2', '10.0.0.1'), 1)).toBe('2.2.2.2');
    expect(clientIp(ctx('1.1.1.1, 2.2.2.2', '10.0.0.1'), 2)).toBe('1.1.1.1');
    expect(clientIp(ctx('1.1.1.1, 2.2.2.2', '10.0.0.1'), 5)).toBe('1.1.1.1');
    expect(clientIp(ctx(undefined, '10.0.0.1'), 1)).toBe('10.0.0.1');
    expect(clientIp(ctx(undefined, undefined), 0)).toBe('unknown');
  });
});

describe('behind a real socket', () => {
  let server: ServerType | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  it('takes the address from the Node socket (getConnInfo)', async () => {
    const t = limited({ RATE_LIMIT_READS_PER_MINUTE: '2' });
    const port = await new Promise<number>((resolve) => {
      server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(info.port));
    });
    const get = () => fetch(`http://127.0.0.1:${port}/api/v1/openapi.json`, { headers: { 'x-forwarded-for': randomUUID() } });
    expect((await get()).status).toBe(200);
    expect((await get()).status).toBe(200);
    const refused = await get();
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ code: 'RATE_LIMITED' });
  });
});
