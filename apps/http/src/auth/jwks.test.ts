// The JWKS path of authentication against a real identity-provider stand-in: a node:http server on a free port serving
// RS256 and ES256 public keys, tokens shaped like Keycloak's (roles in `realm_access.roles`).
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { testApp } from '../testing/test-app.test-support.js';

const ISSUER = 'https://id.example.test/realms/aquastream';
const AUDIENCE = 'aquastream-api';

type KeyEntry = { kid: string; alg: 'RS256' | 'ES256'; privateKey: CryptoKey; jwk: JWK };

async function makeKey(alg: KeyEntry['alg']): Promise<KeyEntry> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const kid = `${alg.toLowerCase()}-${randomUUID().slice(0, 8)}`;
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** A JWKS endpoint that counts its fetches and can be told to fail. */
class JwksServer {
  fetches = 0;
  mode: 'ok' | 'error' = 'ok';
  private server: Server | undefined;
  private port = 0;
  constructor(private readonly keys: KeyEntry[]) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.fetches++;
      if (this.mode === 'error') {
        res.writeHead(503).end('maintenance');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: this.keys.map((k) => k.jwk) }));
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/realms/aquastream/protocol/openid-connect/certs`;
  }
}

/** The app configured for JWKS: the test secret is unset (config refuses both modes at once; empty = unset). */
function jwksApp(jwks: JwksServer) {
  return testApp({ env: { AUTH_JWT_SECRET: '', AUTH_JWKS_URL: jwks.url, AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE } });
}

type Claims = JWTPayload & Record<string, unknown>;
async function sign(key: KeyEntry, claims: Claims = {}, header: Record<string, unknown> = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: ISSUER,
    aud: AUDIENCE,
    sub: randomUUID(),
    iat: now,
    exp: now + 300,
    realm_access: { roles: ['organizer', 'offline_access', 'default-roles-aquastream'] },
    ...claims,
  })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT', ...header })
    .sign(key.privateKey);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

let rsa: KeyEntry;
let ec: KeyEntry;
let stranger: KeyEntry;
let server: JwksServer;

beforeAll(async () => {
  [rsa, ec, stranger] = await Promise.all([makeKey('RS256'), makeKey('ES256'), makeKey('RS256')]);
  server = await new JwksServer([rsa, ec]).start();
});
afterAll(async () => {
  await server.stop();
});
afterEach(() => {
  server.mode = 'ok';
  vi.useRealTimers();
});

describe('JWKS authentication (Keycloak-style tokens)', () => {
  it('accepts RS256 and ES256 tokens and reads the roles from realm_access.roles', async () => {
    const { call } = jwksApp(server);
    for (const key of [rsa, ec]) {
      const sub = randomUUID();
      const me = await call('GET', '/api/v1/me', { token: await sign(key, { sub }) });
      expect(me.status, `${key.alg}: ${me.text}`).toBe(200);
      expect(me.json).toMatchObject({ id: sub, roles: ['ORGANIZER'] });
    }
  });

  it('fetches the key set once and serves every later token from its cache', async () => {
    const before = server.fetches;
    const { call } = jwksApp(server);
    const tokens = await Promise.all([rsa, ec, rsa, ec].map((k) => sign(k)));
    const first = await Promise.all(tokens.map((token) => call('GET', '/api/v1/me', { token })));
    expect(first.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    for (let i = 0; i < 10; i++) expect((await call('GET', '/api/v1/me', { token: await sign(i % 2 ? rsa : ec) })).status).toBe(200);
    expect(server.fetches - before).toBe(1);
  });

  it.each<[string, () => Promise<string>]>([
    ['expired', () => sign(rsa, { exp: Math.floor(Date.now() / 1000) - 120 })],
    ['not yet valid (nbf)', () => sign(ec, { nbf: Math.floor(Date.now() / 1000) + 600 })],
    ['from another issuer', () => sign(rsa, { iss: 'https://evil.example.test/realms/aquastream' })],
    ['for another audience', () => sign(ec, { aud: 'some-other-client' })],
    ['signed by a key not in the set, under a known kid', () => sign({ ...stranger, kid: rsa.kid })],
    ['signed by an unknown key', () => sign(stranger)],
    ['without a subject', () => sign(rsa, { sub: undefined })],
    ['with alg none', () => Promise.resolve(`${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: ISSUER, aud: AUDIENCE, sub: randomUUID(), exp: 9e9, realm_access: { roles: ['admin'] } })}.`)],
    ['with a tampered payload', async () => {
      const [h, , s] = (await sign(rsa)).split('.');
      return `${h}.${b64({ iss: ISSUER, aud: AUDIENCE, sub: randomUUID(), exp: 9e9, realm_access: { roles: ['admin'] } })}.${s}`;
    }],
    ['HS256 signed with the public key (algorithm confusion)', async () => {
      const secret = new TextEncoder().encode(JSON.stringify(rsa.jwk));
      return new SignJWT({ iss: ISSUER, aud: AUDIENCE, sub: randomUUID(), realm_access: { roles: ['admin'] } })
        .setProtectedHeader({ alg: 'HS256', kid: rsa.kid })
        .setExpirationTime('5m')
        .sign(secret);
    }],
    ['malformed', () => Promise.resolve('not-a-jwt')],
    ['of three garbage parts', () => Promise.resolve('a.b.c')],
  ])('refuses a token %s with 401 NOT_AUTHENTICATED', async (_, make) => {
    const { call } = jwksApp(server);
    const res = await call('GET', '/api/v1/me', { token: await make() });
    expect(res.status, res.text).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.json).toMatchObject({ code: 'NOT_AUTHENTICATED' });
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('refuses a bad token with 401 on a public read too (a client must learn its token is bad)', async () => {
    const { call } = jwksApp(server);
    expect((await call('GET', '/api/v1/events', { token: await sign(rsa, { exp: 1 }) })).status).toBe(401);
  });
});

describe('JWKS outage', () => {
  it('answers 503 AUTH_UNAVAILABLE on authenticated routes while public reads keep working', async () => {
    const down = await new JwksServer([rsa]).start();
    await down.stop(); // its port now refuses connections
    const { call } = jwksApp(down);
    const token = await sign(rsa);
    const me = await call('GET', '/api/v1/me', { token });
    expect(me.status, me.text).toBe(503);
    expect(me.headers.get('content-type')).toBe('application/problem+json');
    expect(me.json).toMatchObject({ code: 'AUTH_UNAVAILABLE' });
    expect((await call('GET', '/api/v1/waitlist', { token })).status).toBe(503);
    const events = await call('GET', '/api/v1/events', { token });
    expect(events.status, events.text).toBe(200);
    expect(events.json).toMatchObject({ data: expect.any(Array) });
    expect((await call('GET', '/api/v1/events')).status).toBe(200);
  });

  it('keeps accepting cached keys when the provider goes away; a new kid then answers 503, and recovery is automatic', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const fresh = await makeKey('ES256');
    const keys = [rsa];
    const idp = await new JwksServer(keys).start();
    const { call } = jwksApp(idp);
    expect((await call('GET', '/api/v1/me', { token: await sign(rsa) })).status).toBe(200);
    const url = idp.url;
    await idp.stop();
    expect((await call('GET', '/api/v1/me', { token: await sign(rsa) })).status).toBe(200);
    // jose refetches for an unknown kid only after its cooldown (30 s); past it, the refetch fails → 503, not 401.
    vi.setSystemTime(Date.now() + 31_000);
    const rotated = await call('GET', '/api/v1/me', { token: await sign(fresh) });
    expect(rotated.status, rotated.text).toBe(503);
    expect(rotated.json).toMatchObject({ code: 'AUTH_UNAVAILABLE' });
    // The provider returns on the same address with the rotated key: the next request after the cooldown succeeds.
    keys.push(fresh);
    const back = new JwksServer(keys);
    (back as unknown as { port: number }).port = Number(new URL(url).port);
    await back.start();
    try {
      vi.setSystemTime(Date.now() + 31_000);
      const me = await call('GET', '/api/v1/me', { token: await sign(fresh) });
      expect(me.status, me.text).toBe(200);
    } finally {
      await back.stop();
    }
  });

  it('treats an error status from the key-set endpoint as an outage (503), not as a bad token', async () => {
    const idp = await new JwksServer([rsa]).start();
    idp.mode = 'error';
    try {
      const { call } = jwksApp(idp);
      const res = await call('GET', '/api/v1/me', { token: await sign(rsa) });
      expect(res.status, res.text).toBe(503);
      expect(res.json).toMatchObject({ code: 'AUTH_UNAVAILABLE' });
    } finally {
      await idp.stop();
    }
  });
});
