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
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    const log = logger.child({ correlationId: c.get('correlationId') });
    c.set('logger', log);
    await next();
    const seconds = (performance.now() - started) / 1000;
    // The template of the handler that answered (middleware are registered for ALL methods); never the raw path.
    const route = matchedRoutes(c).filter((r) => r.method !== 'ALL').at(-1)?.path ?? 'unmatched';
    const status = c.res.status;
    metrics.requestDuration.observe({ method: c.req.method, route, status: String(status) }, seconds);
    const actor = c.get('ctx')?.actor;
    const userId = actor?.kind === 'user' || actor?.kind === 'system' ? actor.id : null;
    const line = { method: c.req.method, path: c.req.path, route, status, durationMs: Math.round(seconds * 1000), userId };
    if (status >= 500) log.error(line, 'request failed');
    else log.info(line, 'request');
  });
}
