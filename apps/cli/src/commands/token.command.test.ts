import { jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { json, runCommand } from './command-harness.test-support.js';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';
const key = new TextEncoder().encode(SECRET);

describe('token', () => {
  it('prints a bare HS256 token signed with AUTH_JWT_SECRET, roles upper-cased and de-duplicated, valid for an hour', async () => {
    const before = Math.floor(Date.now() / 1000);
    const run = await runCommand(['token', '--sub', 'demo-anna', '--role', 'user', '--role', 'Admin,USER'], { env: { AUTH_JWT_SECRET: SECRET } });
    expect(run).toMatchObject({ exitCode: 0, err: '' });
    expect(run.out).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const { payload, protectedHeader } = await jwtVerify(run.out.trim(), key, { algorithms: ['HS256'] });
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload).toMatchObject({ sub: 'demo-anna', roles: ['USER', 'ADMIN'] });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3600);
    expect(payload.iat).toBeGreaterThanOrEqual(before);
  });

  it('--json gives the token with its subject, roles and expiry; --expires-in sets the lifetime', async () => {
    const run = await runCommand(['token', '--sub', 'olga', '--role', 'ORGANIZER', '--expires-in', '7d', '--json'], { env: { AUTH_JWT_SECRET: SECRET } });
    const answer = json<{ token: string; sub: string; roles: string[]; expiresAt: string }>(run);
    expect(answer).toMatchObject({ sub: 'olga', roles: ['ORGANIZER'] });
    const { payload } = await jwtVerify(answer.token, key);
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(7 * 86_400);
    expect(Date.parse(answer.expiresAt)).toBe((payload.exp ?? 0) * 1000);
  });

  it('is refused (exit 2) without AUTH_JWT_SECRET in the environment, even though the dev profile has a fallback', async () => {
    const run = await runCommand(['token', '--sub', 'x', '--role', 'USER'], { env: {} });
    expect(run.exitCode).toBe(2);
    expect(run.out).toBe('');
    expect(run.err).toMatch(/AUTH_JWT_SECRET is not set/);
  });

  it('is refused (exit 2) when the secret is too short or the instance uses a JWKS', async () => {
    const short = await runCommand(['token', '--sub', 'x', '--role', 'USER'], { env: { AUTH_JWT_SECRET: 'short' } });
    expect(short.exitCode).toBe(2);
    expect(short.err).toMatch(/AUTH_JWT_SECRET=\(5 characters, hidden\): must be at least 32 characters/);
    expect(short.err).not.toContain('short');
    const jwks = await runCommand(['token', '--sub', 'x', '--role', 'USER'], {
      env: { AUTH_JWT_SECRET: SECRET, AUTH_JWKS_URL: 'https://id.example.com/jwks', AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a' },
    });
    expect(jwks.exitCode).toBe(2);
    expect(jwks.err).toMatch(/set either AUTH_JWT_SECRET or AUTH_JWKS_URL/);
  });

  it.each([
    [['token', '--role', 'USER'], /required option '--sub <userId>'/],
    [['token', '--sub', 'x'], /required option '--role <role>'/],
    [['token', '--sub', 'x', '--role', 'KING'], /--role KING: roles are USER, ORGANIZER, ADMIN/],
    [['token', '--sub', ' ', '--role', 'USER'], /--sub must not be empty/],
    [['token', '--sub', 'x', '--role', 'USER', '--expires-in', 'forever'], /--expires-in forever: use a number and a unit/],
  ])('%j is bad usage (exit 2)', async (args, message) => {
    const run = await runCommand(args, { env: { AUTH_JWT_SECRET: SECRET } });
    expect(run.exitCode).toBe(2);
    expect(run.err).toMatch(message);
    expect(run.out).toBe('');
  });

  it('has an example in its help', async () => {
    const run = await runCommand(['token', '--help']);
    expect(run.exitCode).toBe(0);
    expect(run.out).toMatch(/Examples:\n {2}\$ export AUTH_JWT_SECRET/);
  });
});
