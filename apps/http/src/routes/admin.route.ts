import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { problemResponses } from '../openapi/common.schemas.js';
import { validationHook } from '../openapi/validation-hook.js';
import { respond } from '../respond.js';
import {
  AuditPageSchema,
  AuditQuery,
  auditEntryView,
  OutboxPageSchema,
  OutboxQuery,
  outboxMessageView,
  OutboxStatsSchema,
  outboxStatsView,
  PopularEventsSchema,
  PopularQuery,
  popularView,
  RetryOutboxBody,
} from './admin-reports.schemas.js';
import { defined } from './admin.schemas.js';

const tags = ['Admin'];
const security = [{ bearer: [] }];
const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const adminProblems = (extra: Record<number, readonly string[]> = {}) =>
  problemResponses({ 400: ['VALIDATION_FAILED'], 401: ['NOT_AUTHENTICATED'], 403: ['FORBIDDEN (admins only)'], ...extra });

const audit = createRoute({
  method: 'get',
  path: '/admin/audit',
  tags,
  summary: 'The audit log',
  description:
    'Every booking and waitlist transition and every admin action on events and payments, newest first: who (`actorId`), ' +
    'from which status to which, why, when, and the request’s correlation id.',
  security,
  request: { query: AuditQuery },
  responses: { 200: json(AuditPageSchema, 'a page of entries'), ...adminProblems({ 422: ['INVALID_REQUEST (from after to)'] }) },
});

const popular = createRoute({
  method: 'get',
  path: '/admin/analytics/popular',
  tags,
  summary: 'Best-selling events',
  description:
    'Events ranked by seats sold through bookings made in [`from`, `to`), then by revenue, with their booking counts and ' +
    'conversion (confirmed over all bookings of the window). Revenue is in each event’s own currency.',
  security,
  request: { query: PopularQuery },
  responses: { 200: json(PopularEventsSchema, 'the ranking'), ...adminProblems({ 422: ['INVALID_REQUEST (from after to)'] }) },
});

const outbox = createRoute({
  method: 'get',
  path: '/admin/outbox',
  tags,
  summary: 'Outbox messages',
  description: 'The messages written with every state change, newest first, with their relay status.',
  security,
  request: { query: OutboxQuery },
  responses: { 200: json(OutboxPageSchema, 'a page of messages'), ...adminProblems() },
});

const outboxStats = createRoute({
  method: 'get',
  path: '/admin/outbox/stats',
  tags,
  summary: 'Outbox counts',
  description: 'Messages per status and the oldest one still waiting for the relay.',
  security,
  responses: { 200: json(OutboxStatsSchema, 'the counts'), ...problemResponses({ 401: ['NOT_AUTHENTICATED'], 403: ['FORBIDDEN (admins only)'] }) },
});

const retryOutbox = createRoute({
  method: 'post',
  path: '/admin/outbox/retry',
  tags,
  summary: 'Send FAILED messages again',
  description: 'Puts FAILED messages (the given ones, or all) back to PENDING, due now; the relay picks them up. The body is optional.',
  security,
  request: { body: { content: { 'application/json': { schema: RetryOutboxBody } }, required: false } },
  responses: {
    200: json(z.object({ retried: z.number().int() }).openapi('RetryOutboxResult'), 'how many were put back'),
    ...adminProblems({ 400: ['VALIDATION_FAILED', 'MALFORMED_JSON'] }),
  },
});

/** DESIGN §4: the admins' read-outs (audit, analytics, outbox) and the outbox retry of `aquastream-admin outbox retry`. */
export function adminRoute(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const { admin } = deps.useCases;

  app.openapi(audit, async (c) => {
    const query = c.req.valid('query');
    const result = await admin.queryAudit.execute(c.get('ctx'), { ...defined(query), page: query.page, size: query.size });
    return respond(c, result, 200, (p) => ({ ...p, data: p.data.map(auditEntryView) })) as never;
  });

  app.openapi(popular, async (c) => {
    const { from, to, limit } = c.req.valid('query');
    const window = defined({ from, to });
    const result = await admin.popularEvents.execute(c.get('ctx'), { ...window, limit });
    return respond(c, result, 200, popularView(window)) as never;
  });

  app.openapi(outbox, async (c) => {
    const query = c.req.valid('query');
    const result = await admin.listOutbox.execute(c.get('ctx'), { ...defined(query), page: query.page, size: query.size });
    return respond(c, result, 200, (p) => ({ ...p, data: p.data.map(outboxMessageView) })) as never;
  });

  app.openapi(outboxStats, async (c) => respond(c, await admin.outboxStats.execute(c.get('ctx')), 200, outboxStatsView) as never);

  app.openapi(retryOutbox, async (c) => {
    // An absent body (required: false) is not validated and reads as `{}`: retry every FAILED message.
    const { ids } = c.req.valid('json');
    return respond(c, await admin.retryOutbox.execute(c.get('ctx'), ids !== undefined ? { ids } : {})) as never;
  });

  return app;
}
