import { requestHash, runIdempotent, type IdempotencyStore } from '@aquastream/application';
import { actorId } from '@aquastream/domain';
import { createMiddleware } from 'hono/factory';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from './env.js';
import { errorResponse } from './respond.js';
import { problem, sendProblem } from './problem.js';

const KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * `Idempotency-Key` on writes that create money or seats: the same key and body replays the first answer (with
 * `Idempotent-Replayed: true`), another body is 422 IDEMPOTENCY_KEY_REUSED, a concurrent duplicate 409
 * IDEMPOTENCY_KEY_IN_PROGRESS — so a retried request never books twice. Keys are scoped per caller and operation
 * and kept 24 h. Without the header the route runs as usual. 5xx answers are not stored: the client may retry.
 */
export function idempotency(store: IdempotencyStore, operation: string, now: () => number) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (key === undefined) return next();
    if (!KEY.test(key)) {
      return sendProblem(c, problem(400, 'VALIDATION_FAILED', 'Bad Request', 'Idempotency-Key must be 8–128 characters of [A-Za-z0-9._:-]', {
        errors: [{ field: 'Idempotency-Key', message: 'invalid format', code: 'invalid_string' }],
      }));
    }
    const caller = actorId(c.get('ctx').actor) ?? `ip:${c.req.header('x-forwarded-for') ?? 'unknown'}`;
    const body = await c.req.raw.clone().text();
    const outcome = await runIdempotent(
      store,
      { scope: `${caller}:${operation}`, key, requestHash: requestHash({ path: c.req.path, body }), now: now() },
      async () => {
        await next();
        const res = c.res;
        if (res.status >= 500) throw new Error(`not stored: the request failed with ${res.status}`);
        const text = await res.clone().text();
        return { status: res.status, response: { body: text, contentType: res.headers.get('content-type') } };
      },
    ).catch((error: unknown) => {
      // The work failed with a 5xx (already the response) or threw: the claim was released; answer what the route answered.
      if (error instanceof Error && error.message.startsWith('not stored')) return null;
      throw error;
    });
    if (outcome === null) return;
    if (!outcome.ok) return errorResponse(c, outcome.error);
    if (outcome.value.replayed) {
      const stored = outcome.value.response;
      return c.body(stored.body, outcome.value.status as ContentfulStatusCode, {
        'content-type': stored.contentType ?? 'application/json',
        'Idempotent-Replayed': 'true',
      });
    }
    return;
  });
}
