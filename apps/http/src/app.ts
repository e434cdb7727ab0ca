import type { CheckReadinessUseCase } from '@aquastream/application';
import { Hono } from 'hono';
import type { Logger } from 'pino';
import { correlationId, type CorrelationVariables } from './correlation-id.middleware.js';
import { problem, sendProblem } from './problem.js';
import { healthRoutes } from '@aquastream/adapters';

export type AppDeps = { readonly readiness: CheckReadinessUseCase; readonly logger: Logger };
export type AppEnv = { Variables: CorrelationVariables };

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(correlationId);
  app.route('/health', healthRoutes(deps.readiness));

  app.notFound((c) => sendProblem(c, problem(404, 'NOT_FOUND', 'Not Found', `no route for ${c.req.method} ${c.req.path}`)));
  app.onError((error, c) => {
    const correlation = c.get('correlationId');
    deps.logger.error({ err: error, correlationId: correlation, method: c.req.method, path: c.req.path }, 'unhandled error');
    // Never leak internals: the correlation id lets operators find the logged cause.
    return sendProblem(
      c,
      problem(500, 'INTERNAL_ERROR', 'Internal Server Error', 'an unexpected error occurred; quote the correlation id when reporting it', {
        correlationId: correlation,
      }),
    );
  });
  return app;
}
