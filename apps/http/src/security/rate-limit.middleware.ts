import type { AppConfig } from '@aquastream/adapters';
import type { Context, MiddlewareHandler } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import type { AppEnv } from '../env.js';
import { problem, sendProblem } from '../problem.js';
import { clientIp } from './client-ip.js';

const WINDOW_MS = 60_000;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const READ_METHODS = new Set(['GET', 'HEAD']);
/** Gateways call the webhook from a few addresses: it is limited per IP like reads, never as a user's write. */
const WEBHOOK = /\/payments\/webhooks\//;

type Limiter = MiddlewareHandler<AppEnv>;

/**
 * Fixed one-minute windows (hono-rate-limiter's memory store, which forgets a client after two idle windows, so its
 * maps hold only the clients of the last two minutes). Counted per process: with N replicas a client gets up to N ×
 * the limit, so set the limits per replica, or put a shared limiter in front of the service.
 *
 * Headers follow the IETF draft 6 fields (`RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` in seconds,
 * `RateLimit-Policy`); a refused request answers a 429 problem with `Retry-After`.
 */
function limiter(limit: number, keyOf: (c: Context<AppEnv>) => string, applies: (c: Context<AppEnv>) => boolean): Limiter {
  return rateLimiter<AppEnv>({
    windowMs: WINDOW_MS,
    limit,
    standardHeaders: 'draft-6',
    keyGenerator: keyOf,
    skip: (c) => !applies(c),
    handler: (c) => {
      const retryAfter = c.res.headers.get('Retry-After') ?? String(WINDOW_MS / 1000);
      c.header('Retry-After', retryAfter);
      return sendProblem(
        c,
        problem(429, 'RATE_LIMITED', 'Too Many Requests', `more than ${limit} requests a minute; retry in ${retryAfter} s`, {
          retryAfterSeconds: Number(retryAfter),
        }),
      );
    },
  });
}

const isWebhook = (c: Context<AppEnv>): boolean => c.req.method === 'POST' && WEBHOOK.test(c.req.path);

/**
 * Per client IP, before authentication: public reads (every GET/HEAD of the API, signed in or not: the limit is a
 * flood guard for one address) and the payment webhooks. 0 = off.
 */
export function readRateLimit(config: AppConfig): Limiter | undefined {
  if (config.rateLimitReadsPerMinute <= 0) return undefined;
  return limiter(
    config.rateLimitReadsPerMinute,
    (c) => `ip:${clientIp(c, config.trustProxyHops)}`,
    (c) => READ_METHODS.has(c.req.method) || isWebhook(c),
  );
}

/**
 * Per user, after authentication: every POST/PUT/PATCH/DELETE of the API except the webhooks, keyed by the caller's
 * id, or by IP for a guest (whose writes are refused anyway, but still cost a request). 0 = off.
 */
export function writeRateLimit(config: AppConfig): Limiter | undefined {
  if (config.rateLimitWritesPerMinute <= 0) return undefined;
  return limiter(
    config.rateLimitWritesPerMinute,
    (c) => {
      const actor = c.get('ctx').actor;
      return actor.kind === 'user' ? `user:${actor.id}` : `ip:${clientIp(c, config.trustProxyHops)}`;
    },
    (c) => WRITE_METHODS.has(c.req.method) && !isWebhook(c),
  );
}
