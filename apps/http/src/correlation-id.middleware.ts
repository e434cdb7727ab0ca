import { randomUUID } from 'node:crypto';
import { createMiddleware } from 'hono/factory';

export const CORRELATION_HEADER = 'X-Correlation-ID';
// A client-supplied id is echoed into logs and messages, so it is bounded and restricted to safe characters.
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

export type CorrelationVariables = { correlationId: string };

/** The caller's id when it is acceptable, else a new one. */
export const correlationIdFrom = (given: string | undefined): string => (given !== undefined && ACCEPTABLE.test(given) ? given : randomUUID());

/** Takes the caller's `X-Correlation-ID` (or mints one) and returns it on every response. */
export const correlationId = createMiddleware<{ Variables: CorrelationVariables }>(async (c, next) => {
  const id = correlationIdFrom(c.req.header(CORRELATION_HEADER));
  c.set('correlationId', id);
  c.header(CORRELATION_HEADER, id);
  await next();
  // Error handlers build fresh responses; make sure they carry the id too.
  c.res.headers.set(CORRELATION_HEADER, id);
});
