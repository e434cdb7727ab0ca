import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { JOB_NAMES, type JobName } from '@aquastream/adapters';
import { adminRefusal } from '@aquastream/application';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { Instant, problemResponses } from '../openapi/common.schemas.js';
import { validationHook } from '../openapi/validation-hook.js';
import { problem, sendProblem } from '../problem.js';
import { errorResponse, isoDeep, respond } from '../respond.js';

/** What each job does (DESIGN §6); a job added to the scheduler without a description here does not compile. */
const JOB_DESCRIPTIONS = {
  'expire-pending-bookings':
    'PENDING_PAYMENT bookings past their deadline and grace → EXPIRED (asking the gateway first); seats and promo uses back, waitlist offered',
  'expire-waitlist-offers': 'waitlist offers past their window → EXPIRED, held seats released, the next in line offered',
  'publish-scheduled-events': 'SCHEDULED events whose publishAt has come → PUBLISHED',
  'complete-finished-events': 'PUBLISHED events that have ended → COMPLETED',
  'retry-crew-requests': 'crew requests that failed → asked again with back-off, then FAILED',
  'retry-refunds': 'refunds the gateway refused earlier → sent again',
  'send-reminders': 'event.reminder 24 h and 1 h before an event starts, once per CONFIRMED booking and window',
  'purge-audit': 'booking and waitlist log rows older than AUDIT_RETAIN_DAYS → deleted',
} as const satisfies Record<JobName, string>;

const isJobName = (name: string): name is JobName => (JOB_NAMES as readonly string[]).includes(name);

const tags = ['Admin'];
const security = [{ bearer: [] }];
const adminOnly = { 401: ['NOT_AUTHENTICATED'], 403: ['FORBIDDEN (admins only)'] } as const;

const JobSchema = z
  .object({
    name: z.string().openapi({ example: 'expire-pending-bookings' }),
    description: z.string(),
    lastRun: z
      .object({ startedAt: Instant, durationMs: z.number().int(), result: z.record(z.string(), z.unknown()) })
      .nullable()
      .openapi({
        description:
          'the last finished run the scheduler recorded in `job_runs` (any replica; `result` holds `result` SUCCEEDED|PARTIAL|FAILED, ' +
          '`items`, `error`, `runner`, `correlationId`); null when it never ran. Runs made with `POST /admin/jobs/{name}/run` are not recorded there.',
      }),
  })
  .openapi('Job');

const JobRunSchema = z
  .object({
    name: z.string(),
    startedAt: Instant,
    durationMs: z.number().int(),
    result: z.record(z.string(), z.unknown()).openapi({ description: 'what the job reports, e.g. `{ examined, expired, … }`' }),
  })
  .openapi('JobRun');

const list = createRoute({
  method: 'get',
  path: '/admin/jobs',
  tags,
  summary: 'The scheduler’s jobs',
  description: 'The jobs an operator may run at once with `POST /admin/jobs/{name}/run` (as `aquastream-admin jobs run <name>`).',
  security,
  responses: {
    200: { content: { 'application/json': { schema: z.object({ data: z.array(JobSchema) }).openapi('JobList') } }, description: 'the jobs' },
    ...problemResponses(adminOnly),
  },
});

const run = createRoute({
  method: 'post',
  path: '/admin/jobs/{name}/run',
  tags,
  summary: 'Run a job now',
  description:
    'Runs the job once now, as the calling admin (audited under their id), and answers what it did: one batch of it (the ' +
    'expiry job expires every due unpaid booking set-based and one batch of those with an open payment). Jobs are idempotent ' +
    'and safe beside the scheduler. No body.',
  security,
  request: {
    params: z.object({
      name: z
        .string()
        .regex(/^[a-z0-9-]{1,64}$/)
        .openapi({ param: { name: 'name', in: 'path' }, example: 'expire-pending-bookings' }),
    }),
  },
  responses: {
    200: { content: { 'application/json': { schema: JobRunSchema } }, description: 'the run' },
    ...problemResponses({ 400: ['VALIDATION_FAILED'], ...adminOnly, 404: ['JOB_NOT_FOUND'] }),
  },
});

/** The operators' view of the scheduler's jobs (issue: `/api/v1/admin/jobs` and `/api/v1/admin/jobs/{name}/run`). */
export function adminJobsRoute(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(list, async (c) => {
    // No use case lists jobs (they are wiring, not business), so the admin guard of the application is asked directly.
    const refusal = adminRefusal(c.get('ctx').actor);
    if (refusal !== null) return errorResponse(c, refusal) as never;
    const records = new Map((await deps.storage.jobRuns.list()).map((r) => [r.name, r]));
    const data = JOB_NAMES.map((name) => {
      const r = records.get(name);
      const lastRun =
        r?.lastFinishedAt != null && r.lastDurationMs !== null
          ? {
              startedAt: r.lastFinishedAt - r.lastDurationMs,
              durationMs: r.lastDurationMs,
              result: { result: r.lastResult, items: r.lastItems, error: r.lastError, runner: r.lastRunner, correlationId: r.lastCorrelationId },
            }
          : null;
      return { name, description: JOB_DESCRIPTIONS[name], lastRun };
    });
    return c.json(isoDeep({ data }) as object) as never;
  });

  app.openapi(run, async (c) => {
    const ctx = c.get('ctx');
    const refusal = adminRefusal(ctx.actor);
    if (refusal !== null) return errorResponse(c, refusal) as never;
    const { name } = c.req.valid('param');
    if (!isJobName(name)) {
      return sendProblem(c, problem(404, 'JOB_NOT_FOUND', 'Job not found', `no job "${name}"; GET /admin/jobs lists them`)) as never;
    }
    const startedAt = deps.clock.now();
    const began = performance.now();
    const result = await deps.useCases.jobs[name](ctx, {});
    const durationMs = Math.round(performance.now() - began);
    return respond<unknown>(c, result, 200, (value) => ({ name, startedAt, durationMs, result: value })) as never;
  });

  return app;
}
