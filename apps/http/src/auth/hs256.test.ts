// The development mode of authentication: HS256 tokens signed with AUTH_JWT_SECRET, roles in `roles`.
import { randomUUID } from 'node:crypto';
import { generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { TEST_JWT_SECRET, testApp } from '../testing/test-app.test-support.js';
import { TokenVerifier } from './token-verifier.js';

const secret = new TextEncoder().encode(TEST_JWT_SECRET);
const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function hs256(claims: Record<string, unknown>, key: Uint8Array = secret): Promise<string> {
  return new SignJWT({ sub: randomUUID(), roles: ['USER'], iat: now(), exp: now() + 300, ...claims }).setProtectedHeader({ alg: 'HS256' }).sign(key);
}

describe('HS256 development tokens', () => {
  const verifier = new TokenVerifier({ kind: 'hs256', secret: TEST_JWT_SECRET, developmentSecret: false });

  it('accepts a token signed with the secret; roles from `roles` or realm_access.roles', async () => {
    const sub = randomUUID();
    expect(await verifier.verify(await hs256({ sub, roles: ['organizer', 'Admin'] }))).toEqual({ kind: 'valid', claims: { sub, roles: ['organizer', 'Admin'] } });
    expect(await verifier.verify(await hs256({ sub, roles: undefined, realm_access: { roles: ['user'] } }))).toEqual({
      kind: 'valid',
      claims: { sub, roles: ['user'] },
    });
  });

  it.each<[string, () => Promise<string>]>([
    ['expired', () => hs256({ exp: now() - 120 })],
    ['not yet valid (nbf)', () => hs256({ nbf: now() + 600 })],
    ['signed with another secret', () => hs256({}, new TextEncoder().encode('another-secret-0123456789abcdef0123456789'))],
    ['with alg none', () => Promise.resolve(`${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: randomUUID(), roles: ['ADMIN'], exp: now() + 300 })}.`)],
    ['with alg none and a signature', () => Promise.resolve(`${b64({ alg: 'none' })}.${b64({ sub: randomUUID(), roles: ['ADMIN'] })}.c2lnbmF0dXJl`)],
    ['with a tampered payload', async () => {
      const [h, , s] = (await hs256({})).split('.');
      return `${h}.${b64({ sub: randomUUID(), roles: ['ADMIN'], exp: now() + 300 })}.${s}`;
    }],
    ['signed with RS256 (another algorithm family)', async () => {
      const { privateKey } = await generateKeyPair('RS256');
      return new SignJWT({ sub: randomUUID(), roles: ['ADMIN'] }).setProtectedHeader({ alg: 'RS256' }).setExpirationTime('5m').sign(privateKey);
    }],
    ['without a subject', () => hs256({ sub: undefined })],
    ['with an empty subject', () => hs256({ sub: '  ' })],
    ['malformed', () => Promise.resolve('not-a-jwt')],
    ['of garbage parts', () => Promise.resolve('e30.e30.e30')],
  ])('refuses a token %s: the verifier says invalid and the API answers 401', async (_, make) => {
    const token = await make();
    expect((await verifier.verify(token)).kind).toBe('invalid');
    const { call } = testApp();
    for (const path of ['/api/v1/me', '/api/v1/events']) {
      const res = await call('GET', path, { token });
      expect(res.status, `${path}: ${res.text}`).toBe(401);
      expect(res.json).toMatchObject({ code: 'NOT_AUTHENTICATED' });
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    const { call } = testApp();
    for (const authorization of ['Basic dXNlcjpwdw==', 'Bearer', 'Bearer a b']) {
      const res = await call('GET', '/api/v1/events', { headers: { authorization } });
      expect(res.status, authorization).toBe(401);
    }
  });
});
