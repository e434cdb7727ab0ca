import type { Logger } from 'pino';
import { createMiddleware } from 'hono/factory';
import { matchedRoutes } from 'hono/route';
import type { AppEnv } from '../env.js';
import type { HttpMetrics } from './metrics.js';

/**
 * One child logger per request carrying the correlation id (so every line of the request has it), one access line
 * per response (route template, status, duration, user id), and the duration histogram. The Authorization header is
 * never logged.
 */
export function requestLog(logger: Logger, metrics: HttpMetrics) {
  const record = accessRecorder(logger, metrics);
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    const log = logger.child({ correlationId: c.get('correlationId') });
    c.set('logger', log);
    await next();
    // The template of the handler that answered (middleware are registered for ALL methods); never the raw path.
    const route = matchedRoutes(c).filter((r) => r.method !== 'ALL').at(-1)?.path ?? 'unmatched';
    const actor = c.get('ctx')?.actor;
    const userId = actor?.kind === 'user' || actor?.kind === 'system' ? actor.id : null;
    record(log, c.req.method, c.req.path, route, c.res.status, started, userId);
  });
}

/**
 * The access line and the histogram of one answered request, for `requestLog` and for answers given before it runs
 * (the catalogue cache's fast path): `log` (the request's child logger) and `path` may be functions, called only when
 * the line is written.
 */
export function accessRecorder(logger: Logger, metrics: HttpMetrics) {
  return (log: Logger | (() => Logger), method: string, path: string | (() => string), route: string, status: number, started: number, userId: string | null): void => {
    const seconds = (performance.now() - started) / 1000;
    metrics.requestDuration.observe({ method, route, status: String(status) }, seconds);
    const level = status >= 500 ? 'error' : 'info';
    if (!logger.isLevelEnabled(level)) return;
    const line = { method, path: typeof path === 'function' ? path() : path, route, status, durationMs: Math.round(seconds * 1000), userId };
    const target = typeof log === 'function' ? log() : log;
    if (status >= 500) target.error(line, 'request failed');
    else target.info(line, 'request');
  };
}
