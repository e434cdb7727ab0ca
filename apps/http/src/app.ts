import { OpenAPIHono } from '@hono/zod-openapi';
import { healthRoutes } from '@aquastream/adapters';
import { Scalar } from '@scalar/hono-api-reference';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { authentication } from './auth/auth.middleware.js';
import { catalogueCacheOf } from './cache/catalogue-cache.js';
import { correlationId, correlationIdFrom } from './correlation-id.middleware.js';
import type { AppDeps } from './deps.js';
import type { AppEnv } from './env.js';
import { DATABASE_RETRY_AFTER_SECONDS, dependencyUnavailableProblem } from './errors/dependency-unavailable.js';
import { accessRecorder, requestLog } from './observability/request-log.middleware.js';
import { validationHook } from './openapi/validation-hook.js';
import { problem, sendProblem } from './problem.js';
import { apiRoutes } from './routes/index.js';
import { sandboxCheckoutRoute } from './routes/sandbox-checkout.route.js';
import { readRateLimit, writeRateLimit } from './security/rate-limit.middleware.js';

export { API_PREFIX } from './api-prefix.js';
import { API_PREFIX } from './api-prefix.js';
const MAX_BODY_BYTES = 1024 * 1024;
const SECURE_HEADER_OPTIONS = { crossOriginResourcePolicy: 'cross-origin' } as const;
/**
 * What `secureHeaders(SECURE_HEADER_OPTIONS)` puts on every response, as one plain object, for the answers the
 * catalogue cache gives before that middleware runs (a test holds the two equal).
 */
export const SECURE_HEADERS: Readonly<Record<string, string>> = {
  'cross-origin-resource-policy': 'cross-origin',
  'cross-origin-opener-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=15552000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

export function createApi(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

/** Writes with a body must send JSON (415 otherwise); the webhook route reads its raw body itself. */
function requireJson() {
  return async (c: Parameters<Parameters<OpenAPIHono<AppEnv>['use']>[1]>[0], next: () => Promise<void>) => {
    const method = c.req.method;
    if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
      const length = c.req.header('content-length');
      const hasBody = length !== undefined ? length !== '0' : c.req.raw.body !== null;
      const type = (c.req.header('content-type') ?? '').toLowerCase();
      if (hasBody && !type.startsWith('application/json') && !type.includes('+json')) {
        return sendProblem(c, problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported Media Type', 'send the request body as application/json'));
      }
    }
    return next();
  };
}

export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = createApi();
  const readLimit = readRateLimit(deps.config);
  const corsOn = deps.config.corsOrigins.length > 0;
  app.use(correlationId);
  app.use(requestLog(deps.logger, deps.metrics));
  app.use(secureHeaders(SECURE_HEADER_OPTIONS));
  if (corsOn) {
    app.use(
      cors({
        origin: [...deps.config.corsOrigins],
        allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Correlation-ID', 'If-None-Match'],
        exposeHeaders: ['X-Correlation-ID', 'ETag', 'Location', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'Retry-After'],
        maxAge: 600,
      }),
    );
  }
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => sendProblem(c, problem(413, 'PAYLOAD_TOO_LARGE', 'Payload Too Large', `request bodies are limited to ${MAX_BODY_BYTES} bytes`)),
  });
  // GET and HEAD carry no body; bodyLimit would still read `c.req.raw.body`, which makes @hono/node-server build a full
  // WHATWG Request (headers, AbortSignal) per request: a seventh of the CPU of a cached catalogue read.
  app.use((c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));

  app.route('/health', healthRoutes(deps.readiness));
  app.route('/sandbox', sandboxCheckoutRoute(deps));
  app.get('/metrics', async (c) => c.text(await deps.metrics.registry.metrics(), 200, { 'content-type': deps.metrics.registry.contentType }));

  if (readLimit) app.use(`${API_PREFIX}/*`, readLimit);
  app.use(`${API_PREFIX}/*`, requireJson());
  app.use(`${API_PREFIX}/*`, authentication(deps.verifier, deps.useCases.access.resolveActor));
  const writeLimit = writeRateLimit(deps.config);
  if (writeLimit) app.use(`${API_PREFIX}/*`, writeLimit);
  app.route(API_PREFIX, apiRoutes(deps));

  app.doc31(`${API_PREFIX}/openapi.json`, {
    openapi: '3.1.0',
    info: {
      title: 'Aquastream Events API',
      version: '1.0.0',
      description:
        'Event booking for organiser marketplaces: events with limited seats, bookings paid before a deadline, a FIFO waitlist, ' +
        'time-based refunds. Errors are RFC 9457 problem documents with a machine-readable `code`. Times are ISO 8601 UTC; ' +
        'money is an integer of minor units plus an ISO 4217 currency.',
    },
    servers: [{ url: deps.config.publicBaseUrl }],
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  app.get('/docs', Scalar({ url: `${API_PREFIX}/openapi.json`, pageTitle: 'Aquastream Events API' }));

  // Guests' fresh catalogue pages are answered before Hono (see CatalogueCache.fastPath): the middleware would only
  // add headers that the stored answer already carries. Not when a per-IP read limit must count the request or CORS
  // headers depend on the caller's Origin: those requests go through the whole chain.
  if (!readLimit && !corsOn) {
    const record = accessRecorder(deps.logger, deps.metrics);
    const fast = catalogueCacheOf(deps).fastPath({
      headers: SECURE_HEADERS,
      correlationId: correlationIdFrom,
      served: (url, a) => record(() => deps.logger.child({ correlationId: a.correlationId }), 'GET', () => new URL(url).pathname, a.route, a.status, a.startedAt, null),
    });
    const honoFetch = app.fetch;
    app.fetch = (request, env, executionCtx) => fast(request, env) ?? honoFetch(request, env, executionCtx);
  }

  app.notFound((c) => sendProblem(c, problem(404, 'NOT_FOUND', 'Not Found', `no route for ${c.req.method} ${c.req.path}`)));
  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status < 500) {
      // Hono's own client errors (malformed JSON in a validated body, …) are 400-class problem documents too.
      const malformed = /json/i.test(error.message);
      return sendProblem(
        c,
        problem(error.status, malformed ? 'MALFORMED_JSON' : 'BAD_REQUEST', 'Bad Request', error.message || 'bad request', {
          errors: [{ field: 'body', message: error.message, code: malformed ? 'malformed_json' : 'bad_request' }],
        }),
      );
    }
    const correlation = c.get('correlationId');
    const unavailable = dependencyUnavailableProblem(error);
    if (unavailable !== null) {
      (c.get('logger') ?? deps.logger).warn({ err: error, correlationId: correlation, method: c.req.method, path: c.req.path }, 'database unavailable');
      c.header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      return sendProblem(c, { ...unavailable, correlationId: correlation });
    }
    (c.get('logger') ?? deps.logger).error({ err: error, correlationId: correlation, method: c.req.method, path: c.req.path }, 'unhandled error');
    return sendProblem(
      c,
      problem(500, 'INTERNAL_ERROR', 'Internal Server Error', 'an unexpected error occurred; quote the correlation id when reporting it', {
        correlationId: correlation,
      }),
    );
  });
  return app;
}
