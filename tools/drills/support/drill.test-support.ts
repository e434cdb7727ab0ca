// What every drill shares: the real apps as child processes (their built dist/), a fresh PostgreSQL database per
// drill, HS256 tokens, a small HTTP client, "until condition or generous deadline" waits, and the summary lines.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import pg from 'pg';

export const root = join(import.meta.dirname, '..', '..', '..');
export const API_MAIN = join(root, 'apps/http/dist/main.js');
export const SCHEDULER_MAIN = join(root, 'apps/scheduler/dist/main.js');
export const CLI_BIN = join(root, 'apps/cli/bin/aquastream-admin.js');
export const CREW_STUB = join(root, 'tools/crew-stub/crew-stub.mjs');

export const pgUrl = process.env['TEST_DATABASE_URL'] || null;
export const amqpUrl = process.env['TEST_AMQP_URL'] || null;
/** `npm run drills` sets it: larger variants of every drill (each drill reads its own knobs too). */
export const LARGE = process.env['DRILLS_LARGE'] === '1';

export const JWT_SECRET = 'drills-jwt-secret-0123456789abcdef0123456789';
export const SANDBOX_SECRET = 'drills-sandbox-secret';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
export const knob = (name: string, small: number, large: number): number => Number(process.env[name] ?? (LARGE ? large : small));

/** Polls until `check` holds; fails with `what` (and the last value seen) after a generous deadline. Never a timing assertion. */
export async function waitUntil<T>(what: string, check: () => Promise<T> | T, deadlineMs = 60_000, everyMs = 100): Promise<NonNullable<T>> {
  const deadline = Date.now() + deadlineMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== null && value !== undefined && value !== false) return value;
      last = value;
    } catch (error: unknown) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${deadlineMs} ms (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await sleep(everyMs);
  }
}

/** One line of the drills' summary: printed, and appended to DRILLS_SUMMARY_FILE when `npm run drills` collects them. */
export function report(drill: string, line: string): void {
  const text = `[drill] ${drill}: ${line}`;
  console.log(text);
  const file = process.env['DRILLS_SUMMARY_FILE'];
  if (file) appendFileSync(file, `${text}\n`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

// ---------------------------------------------------------------- PostgreSQL

export type DrillDatabase = { readonly url: string; readonly name: string; query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<R[]>; drop(): Promise<void> };

/** A fresh database `aq_drill_<epoch>_<hex>` next to TEST_DATABASE_URL's, dropped (connections ended) by `drop()`. */
export async function freshDatabase(): Promise<DrillDatabase> {
  if (pgUrl === null) throw new Error('TEST_DATABASE_URL is not set');
  const name = `aq_drill_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(pgUrl);
  u.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: u.toString(), max: 4 });
  pool.on('error', () => undefined); // an idle client killed by the drop at the end
  return {
    url: u.toString(),
    name,
    async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
      return (await pool.query<R>(sql, params)).rows;
    },
    async drop() {
      await pool.end();
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

// ---------------------------------------------------------------- child processes

export type Child = {
  readonly process: ChildProcess;
  readonly pid: number;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code or signal once it has exited. */
  readonly exited: Promise<number | string>;
  stop(signal?: NodeJS.Signals): Promise<number | string>;
};

/** Starts `node <args>` with `env` on top of a clean environment (no AMQP/crew/auth settings leak in from the shell). */
export function startNode(name: string, args: readonly string[], env: Readonly<Record<string, string>>): Child {
  const base = { ...process.env };
  for (const k of Object.keys(base)) {
    if (/^(AMQP_|CREW_|AUTH_|PAYMENT_|STRIPE_|JOB_|DATABASE_URL|SCHEDULER_|PORT|HOST|DB_)/.test(k)) delete base[k];
  }
  const child = spawn(process.execPath, [...args], { cwd: root, env: { ...base, NO_COLOR: '1', CI: 'true', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (b: Buffer): void => {
    out += b.toString();
    if (out.length > 2_000_000) out = out.slice(-1_000_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  if (child.pid === undefined) throw new Error(`${name} did not start`);
  return {
    process: child,
    pid: child.pid,
    output: () => out,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export type Api = Child & { readonly base: string; readonly port: number };

/** The API (`apps/http/dist/main.js`) on a free port, ready (`/health/live`) before it answers. */
export async function startApi(env: Readonly<Record<string, string>>, name = 'api'): Promise<Api> {
  const port = await freePort();
  const child = startNode(name, [API_MAIN], {
    PORT: String(port),
    HOST: '127.0.0.1',
    AUTH_JWT_SECRET: JWT_SECRET,
    PAYMENT_SANDBOX_SECRET: SANDBOX_SECRET,
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    RATE_LIMIT_READS_PER_MINUTE: '0',
    RATE_LIMIT_WRITES_PER_MINUTE: '0',
    LOG_LEVEL: 'info',
    SCHEDULER_MODE: 'external',
    ...env,
  });
  const base = `http://127.0.0.1:${port}`;
  await waitUntil(`${name} to answer /health/live`, async () => {
    if (child.process.exitCode !== null) throw new Error(`${name} exited (${child.process.exitCode}):\n${child.output().slice(-3000)}`);
    const r = await fetch(`${base}/health/live`).catch(() => null);
    return r?.status === 200;
  }, 90_000);
  return { ...child, base, port };
}

// ---------------------------------------------------------------- HTTP

const key = new TextEncoder().encode(JWT_SECRET);
export const token = (sub: string, roles: readonly string[] = ['USER']): Promise<string> =>
  new SignJWT({ roles: [...roles] }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuedAt().setExpirationTime('2h').sign(key);

export type Answer = { readonly status: number; readonly headers: Headers; readonly json: any; readonly text: string };

export async function call(base: string, method: string, path: string, init: { token?: string; body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers['authorization'] = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}),
    ...(init.signal ? { signal: init.signal } : {}),
  });
  const text = await res.text();
  let json: any = null;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch (error: unknown) {
    if (!(error instanceof SyntaxError)) throw error;
  }
  return { status: res.status, headers: res.headers, json, text };
}

/** `call` that must succeed (2xx). */
export async function must(base: string, method: string, path: string, init: Parameters<typeof call>[3] = {}): Promise<any> {
  const a = await call(base, method, path, init);
  if (a.status >= 300) throw new Error(`${method} ${path} → ${a.status} ${a.text}`);
  return a.json;
}

export type Organiser = { readonly id: string; readonly token: string; readonly orgId: string };

export async function organiser(base: string): Promise<Organiser> {
  const id = randomUUID();
  const t = await token(id, ['ORGANIZER']);
  const org = await must(base, 'POST', '/api/v1/organizations', { token: t, body: { name: `Drill club ${id.slice(0, 8)}` } });
  return { id, token: t, orgId: org.id };
}

/** A published event of the organiser's organisation, `days` ahead. */
export async function publishedEvent(base: string, org: Organiser, options: { capacity: number; price?: number; days?: number; title?: string; extra?: Record<string, unknown> }): Promise<{ id: string }> {
  const day = 86_400_000;
  const startsAt = Date.now() + (options.days ?? 30) * day;
  const e = await must(base, 'POST', '/api/v1/events', {
    token: org.token,
    body: {
      organizationId: org.orgId,
      title: options.title ?? 'Drill regatta',
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + 3 * 3_600_000).toISOString(),
      timeZone: 'Europe/Moscow',
      capacity: options.capacity,
      currency: 'RUB',
      priceOptions: [{ name: 'Standard', price: options.price ?? 1500 }],
      bookingDeadlineHours: 0,
      ...options.extra,
    },
  });
  await must(base, 'POST', `/api/v1/events/${e.id}/publish`, { token: org.token });
  return { id: e.id };
}

/** Runs `tasks` with at most `width` at once; answers their results in order. */
export async function pool<T>(width: number, tasks: readonly (() => Promise<T>)[]): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await (tasks[i] as () => Promise<T>)();
      }
    }),
  );
  return results;
}

/** Counts of each value. */
export function tally(values: readonly (string | number)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[String(v)] = (out[String(v)] ?? 0) + 1;
  return out;
}

export type Scheduler = Child & { readonly base: string };

/** The scheduler deployment (`apps/scheduler/dist/main.js`) on a free port, answering /health/live. */
export async function startScheduler(env: Readonly<Record<string, string>>, name = 'scheduler', waitLive = true): Promise<Scheduler> {
  const port = await freePort();
  const child = startNode(name, [SCHEDULER_MAIN], { SCHEDULER_PORT: String(port), LOG_LEVEL: 'info', PAYMENT_SANDBOX_SECRET: SANDBOX_SECRET, AUTH_JWT_SECRET: JWT_SECRET, ...env });
  const base = `http://127.0.0.1:${port}`;
  if (waitLive) {
    await waitUntil(`${name} to answer /health/live`, async () => {
      if (child.process.exitCode !== null) throw new Error(`${name} exited (${child.process.exitCode}):\n${child.output().slice(-3000)}`);
      const r = await fetch(`${base}/health/live`).catch(() => null);
      return r?.status === 200;
    }, 90_000);
  }
  return { ...child, base };
}
