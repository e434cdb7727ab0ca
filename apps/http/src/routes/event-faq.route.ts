import type { FaqView } from '@aquastream/application';
import type { z } from '@hono/zod-openapi';
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { API_PREFIX } from '../app.js';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { IdParams, problemResponses } from '../openapi/common.schemas.js';
import { validationHook } from '../openapi/validation-hook.js';
import { errorResponse, respond } from '../respond.js';
import { AddFaqBody, FaqListSchema, FaqParams, FaqSchema, UpdateFaqBody } from './event-extras.schemas.js';

const tags = ['Event FAQ'];
const security = [{ bearer: [] }];
const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const body = <T extends z.ZodTypeAny>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const writeProblems = problemResponses({
  400: ['VALIDATION_FAILED', 'MALFORMED_JSON'],
  401: ['NOT_AUTHENTICATED'],
  403: ['FORBIDDEN'],
  404: ['EVENT_NOT_FOUND', 'FAQ_NOT_FOUND'],
  409: ['EVENT_NOT_EDITABLE'],
  422: ['INVALID_EVENT'],
});

const list = createRoute({
  method: 'get',
  path: '/events/{id}/faq',
  tags,
  summary: 'An event’s questions and answers',
  description: 'Public for visible events (as `GET /events/{id}`), in `position` order; all entries on one page.',
  request: { params: IdParams },
  responses: { 200: json(FaqListSchema, 'the entries'), ...problemResponses({ 400: ['VALIDATION_FAILED'], 404: ['EVENT_NOT_FOUND'] }) },
});

const add = createRoute({
  method: 'post',
  path: '/events/{id}/faq',
  tags,
  summary: 'Add a question and answer',
  description: 'Owners, managers, admins; at most 100 entries per event.',
  security,
  request: { params: IdParams, body: body(AddFaqBody) },
  responses: { 201: json(FaqSchema, 'the new entry; `Location` names it'), ...writeProblems },
});

const edit = createRoute({
  method: 'patch',
  path: '/events/{id}/faq/{faqId}',
  tags,
  summary: 'Edit a question and answer',
  description: 'Owners, managers, admins. Any subset of `question`, `answer`, `position`.',
  security,
  request: { params: FaqParams, body: body(UpdateFaqBody) },
  responses: { 200: json(FaqSchema, 'the entry after the edit'), ...writeProblems },
});

const remove = createRoute({
  method: 'delete',
  path: '/events/{id}/faq/{faqId}',
  tags,
  summary: 'Delete a question and answer',
  description: 'Owners, managers, admins.',
  security,
  request: { params: FaqParams },
  responses: { 204: { description: 'deleted' }, ...writeProblems },
});

export const faqView = (f: FaqView) => ({ id: f.id, eventId: f.eventId, question: f.question, answer: f.answer, position: f.position, createdAt: f.createdAt });

/** All entries as one page: an event has at most 100, and a list answers the contract's page shape. */
const faqPage = (entries: readonly FaqView[]) => ({
  data: entries.map(faqView),
  page: 1,
  size: Math.max(entries.length, 1),
  totalElements: entries.length,
  totalPages: entries.length === 0 ? 0 : 1,
});

export function eventFaqRoute(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const events = deps.useCases.events;

  app.openapi(list, async (c) => {
    const result = await events.listFaq.execute(c.get('ctx'), { eventId: c.req.valid('param').id });
    return respond(c, result, 200, faqPage) as never;
  });

  app.openapi(add, async (c) => {
    const eventId = c.req.valid('param').id;
    const result = await events.addFaq.execute(c.get('ctx'), { eventId, ...c.req.valid('json') });
    if (result.ok) c.header('Location', `${API_PREFIX}/events/${eventId}/faq/${result.value.id}`);
    return respond(c, result, 201, faqView) as never;
  });

  app.openapi(edit, async (c) => {
    const { id, faqId } = c.req.valid('param');
    const result = await events.updateFaq.execute(c.get('ctx'), { eventId: id, faqId, ...c.req.valid('json') });
    return respond(c, result, 200, faqView) as never;
  });

  app.openapi(remove, async (c) => {
    const { id, faqId } = c.req.valid('param');
    const result = await events.deleteFaq.execute(c.get('ctx'), { eventId: id, faqId });
    return result.ok ? c.body(null, 204) : (errorResponse(c, result.error));
  });
  return app;
}
