import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { API_PREFIX } from '../app.js';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { eventCalendar } from '../exports/calendar.js';
import { eventPdf } from '../exports/event-pdf.js';
import { IdParams, problemResponses } from '../openapi/common.schemas.js';
import { validationHook } from '../openapi/validation-hook.js';
import { errorResponse } from '../respond.js';

const tags = ['Event exports'];
const notFound = problemResponses({ 400: ['VALIDATION_FAILED'], 404: ['EVENT_NOT_FOUND'] });

const calendar = createRoute({
  method: 'get',
  path: '/events/{id}/calendar.ics',
  tags,
  summary: 'The event as an iCalendar file',
  description:
    'Public for visible events. RFC 5545 with the event’s time zone (`DTSTART;TZID=…` and its VTIMEZONE); the UID is stable, so ' +
    'importing it again updates the calendar entry. A canceled event has `STATUS:CANCELLED`.',
  request: { params: IdParams },
  responses: {
    200: { content: { 'text/calendar': { schema: z.string().openapi({ example: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n…' }) } }, description: 'the calendar file' },
    ...notFound,
  },
});

const pdf = createRoute({
  method: 'get',
  path: '/events/{id}/info.pdf',
  tags,
  summary: 'The event’s details as a printable PDF',
  description: 'Public for visible events (drafts for their organisation and admins): title, dates in the event’s zone, place, prices, description and FAQ.',
  request: { params: IdParams },
  responses: {
    200: { content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } }, description: 'the PDF' },
    ...notFound,
  },
});

/** Downloads of one event: a calendar entry and a printable information sheet. */
export function eventExportsRoute(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const events = deps.useCases.events;

  app.openapi(calendar, async (c) => {
    const id = c.req.valid('param').id;
    const result = await events.get.execute(c.get('ctx'), { eventId: id });
    if (!result.ok) return errorResponse(c, result.error);
    const ics = eventCalendar(result.value, { url: `${deps.config.publicBaseUrl}${API_PREFIX}/events/${id}` });
    return c.body(ics, 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="event-${id}.ics"`,
    });
  });

  app.openapi(pdf, async (c) => {
    const ctx = c.get('ctx');
    const id = c.req.valid('param').id;
    const result = await events.get.execute(ctx, { eventId: id });
    if (!result.ok) return errorResponse(c, result.error);
    const faq = await events.listFaq.execute(ctx, { eventId: id });
    const document = await eventPdf(result.value, faq.ok ? faq.value : []);
    return c.body(new Uint8Array(document), 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="event-${id}.pdf"`,
    });
  });
  return app;
}
