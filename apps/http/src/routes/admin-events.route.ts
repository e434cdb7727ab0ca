import { createRoute, OpenAPIHono, type z } from '@hono/zod-openapi';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { idempotency } from '../idempotency.middleware.js';
import { problemResponses } from '../openapi/common.schemas.js';
import { validationHook } from '../openapi/validation-hook.js';
import { respond } from '../respond.js';
import {
  BulkCancelBody,
  BulkCancelResultSchema,
  bulkCancelView,
  BulkRescheduleBody,
  BulkRescheduleResultSchema,
  bulkRescheduleView,
  eventSelection,
} from './admin.schemas.js';

const tags = ['Admin'];
const security = [{ bearer: [] }];
const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const body = <T extends z.ZodTypeAny>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const problems = problemResponses({
  400: ['VALIDATION_FAILED', 'MALFORMED_JSON'],
  401: ['NOT_AUTHENTICATED'],
  403: ['FORBIDDEN (admins only)'],
  409: ['IDEMPOTENCY_KEY_IN_PROGRESS'],
  422: ['INVALID_REQUEST (a filter matching more than 10 000 events, `to` with several events)', 'IDEMPOTENCY_KEY_REUSED'],
});

const bulkCancelRoute = (deps: AppDeps) =>
  createRoute({
    method: 'post',
    path: '/admin/events/bulk-cancel',
    tags,
    summary: 'Cancel many events',
    description:
      'The same command as `aquastream-admin events cancel`. Each event is canceled with the full cascade (bookings canceled, ' +
      'paid ones refunded by `refundPercent`, default 100 %; waitlist canceled; crew released) in its own transaction, one ' +
      'after another: a failure stops only its own item, reported per item. A re-run skips what is done. `dryRun` reports ' +
      'the plan. Accepts `Idempotency-Key`.',
    security,
    request: { body: body(BulkCancelBody) },
    middleware: [idempotency(deps.storage.idempotency, 'POST /admin/events/bulk-cancel', () => deps.clock.now())] as const,
    responses: { 200: json(BulkCancelResultSchema, 'a result per event and the counts'), ...problems },
  });

const bulkRescheduleRoute = (deps: AppDeps) =>
  createRoute({
    method: 'post',
    path: '/admin/events/bulk-reschedule',
    tags,
    summary: 'Move many events in time',
    description:
      'The same command as `aquastream-admin events reschedule`: every selected event moves by `shift` (an ISO 8601 duration ' +
      'such as `PT2H` or `-PT30M`), or a single one starts at `to`. Bookings stay; attendees of published events are told ' +
      '(`event.rescheduled`) and may then cancel with a full refund; the crew is asked again. A re-run of the same command ' +
      'skips events already moved. Accepts `Idempotency-Key`.',
    security,
    request: { body: body(BulkRescheduleBody) },
    middleware: [idempotency(deps.storage.idempotency, 'POST /admin/events/bulk-reschedule', () => deps.clock.now())] as const,
    responses: { 200: json(BulkRescheduleResultSchema, 'a result per event and the counts'), ...problems },
  });

/** DESIGN §4 and §7: the bulk commands of the admin CLI, over HTTP. */
export function adminEventsRoute(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const { admin } = deps.useCases;

  app.openapi(bulkCancelRoute(deps), async (c) => {
    const input = c.req.valid('json');
    const result = await admin.bulkCancel.execute(c.get('ctx'), {
      selection: eventSelection(input),
      reason: input.reason,
      ...(input.refundPercent !== undefined ? { refundPercent: input.refundPercent } : {}),
      ...(input.dryRun !== undefined ? { dryRun: input.dryRun } : {}),
    });
    return respond(c, result, 200, bulkCancelView) as never;
  });

  app.openapi(bulkRescheduleRoute(deps), async (c) => {
    const input = c.req.valid('json');
    const result = await admin.bulkReschedule.execute(c.get('ctx'), {
      selection: eventSelection(input),
      reason: input.reason,
      ...(input.shift !== undefined ? { shiftMs: input.shift } : {}),
      ...(input.to !== undefined ? { to: input.to } : {}),
      ...(input.runKey !== undefined ? { runKey: input.runKey } : {}),
      ...(input.dryRun !== undefined ? { dryRun: input.dryRun } : {}),
    });
    return respond(c, result, 200, bulkRescheduleView) as never;
  });

  return app;
}
