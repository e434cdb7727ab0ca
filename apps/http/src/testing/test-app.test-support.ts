// The HTTP app as tests use it: the real composition (buildContainer + createApp) over the in-memory storage, with an
// HS256 secret to mint tokens. Tests call it through `app.request()` — the real Hono app, no mocks.
import { createMemoryStorage, loadConfig, type Storage } from '@aquastream/adapters';
import type { Clock, HealthCheck } from '@aquastream/application';
import { SignJWT } from 'jose';
import { pino } from 'pino';
import { createApp } from '../app.js';
import { buildContainer } from '../container.js';
import type { AppDeps } from '../deps.js';
import { TOKENS } from '../tokens.js';

export const TEST_JWT_SECRET = 'http-test-secret-0123456789abcdef0123456789';
export const TEST_SANDBOX_SECRET = 'http-test-sandbox-secret';

export type TestAppOptions = {
  readonly env?: Readonly<Record<string, string>>;
  readonly healthChecks?: readonly HealthCheck[];
  readonly clock?: Clock;
  readonly storage?: Storage;
};

export function testApp(options: TestAppOptions = {}) {
  const config = loadConfig({
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    PAYMENT_SANDBOX_SECRET: TEST_SANDBOX_SECRET,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_READS_PER_MINUTE: '0',
    RATE_LIMIT_WRITES_PER_MINUTE: '0',
    PUBLIC_BASE_URL: 'http://localhost:8102',
    ...options.env,
  });
  const storage = options.storage ?? createMemoryStorage();
  const container = buildContainer({
    config,
    logger: pino({ level: 'silent' }),
    storage,
    healthChecks: options.healthChecks ?? [],
    collectDefaultMetrics: false,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const deps: AppDeps = container.get(TOKENS.AppDeps);
  const app = createApp(deps);

  /** A development token for `sub` with `roles` (HS256 with the test secret). */
  async function token(sub: string, roles: readonly string[] = ['USER'], claims: Record<string, unknown> = {}): Promise<string> {
    return new SignJWT({ roles, ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
  }

  /** A JSON request; `token` as a bearer, `body` as JSON. Answers the response and its parsed JSON (if any). */
  async function call(
    method: string,
    path: string,
    init: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; headers: Headers; json: any; text: string }> {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers['authorization'] = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await app.request(path, {
      method,
      headers,
      ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}),
    });
    const text = await res.text();
    let json: any;
    try {
      json = text === '' ? null : JSON.parse(text);
    } catch (error: unknown) {
      if (!(error instanceof SyntaxError)) throw error;
      json = null; // not JSON (a PDF, an iCalendar file, CSV): tests read `text`
    }
    return { status: res.status, headers: res.headers, json, text };
  }

  return { app, deps, config, storage, token, call };
}

export type TestApp = ReturnType<typeof testApp>;
