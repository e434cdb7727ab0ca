import { z } from '@hono/zod-openapi';

/** RFC 9457 problem document with the API's machine-readable `code`. */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'https://aquastream.dev/problems/event-full' }),
    title: z.string().openapi({ example: 'Event full' }),
    status: z.number().int().openapi({ example: 409 }),
    detail: z.string().openapi({ example: 'only 0 seat(s) left, 1 requested' }),
    code: z.string().openapi({ example: 'EVENT_FULL' }),
    errors: z.array(z.object({ field: z.string(), message: z.string(), code: z.string() })).optional(),
  })
  .catchall(z.unknown())
  .openapi('Problem');

export const UuidParam = z.string().uuid().openapi({ example: '01936f7a-8c2e-7d3b-9a41-5f0e2c1d4b6a' });

export const IdParams = z.object({ id: UuidParam.openapi({ param: { name: 'id', in: 'path' } }) });

/** `?page=1&size=20`; size is capped at 100 (a larger value is a 400, not silently clamped). */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1).openapi({ param: { name: 'page', in: 'query' }, example: 1 }),
  size: z.coerce.number().int().min(1).max(100).default(20).openapi({ param: { name: 'size', in: 'query' }, example: 20 }),
});

export const pageSchema = <T extends z.ZodTypeAny>(item: T, name: string) =>
  z
    .object({
      data: z.array(item),
      page: z.number().int(),
      size: z.number().int(),
      totalElements: z.number().int(),
      totalPages: z.number().int(),
    })
    .openapi(name);

export const MoneyAmount = z.number().int().openapi({ description: 'minor units of the currency (150000 RUB = 1 500.00 RUB)' });
export const Instant = z.string().openapi({ format: 'date-time', example: '2026-12-01T10:00:00.000Z' });

/** The response map of a route's problem statuses, each described by the codes it may carry. */
export function problemResponses(byStatus: Readonly<Record<number, readonly string[]>>) {
  return Object.fromEntries(
    Object.entries(byStatus).map(([status, codes]) => [
      status,
      { description: codes.join(', '), content: { 'application/problem+json': { schema: ProblemSchema } } },
    ]),
  );
}
