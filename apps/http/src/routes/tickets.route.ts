import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { err } from '@aquastream/domain';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { Instant, problemResponses } from '../openapi/common.schemas.js';
import { validationHook } from '../openapi/validation-hook.js';
import { isoDeep, respond } from '../respond.js';
import { BookingSchema, bookingView } from '../views/booking.view.js';
import { TicketCodeParams } from './bookings.schemas.js';

const CheckInSchema = z
  .object({
    ticketCode: z.string().openapi({ example: 'AQ-7K2M-9QXP' }),
    checkedInAt: Instant,
    booking: BookingSchema,
  })
  .openapi('CheckIn');

const checkIn = createRoute({
  method: 'post',
  path: '/tickets/{ticketCode}/check-in',
  tags: ['Bookings'],
  security: [{ bearer: [] }],
  summary: 'Check a ticket in at the door',
  description:
    'Staff, owners and managers of the event’s organisation, and admins; to anyone else the ticket does not exist. Once per ticket: ' +
    'a second scan answers 409 `ALREADY_CHECKED_IN` with the first `checkedInAt`, so a copy can be told from a re-scan. Codes are ' +
    'case-insensitive.',
  request: { params: TicketCodeParams },
  responses: {
    200: { content: { 'application/json': { schema: CheckInSchema } }, description: 'checked in' },
    ...problemResponses({
      400: ['VALIDATION_FAILED'],
      401: ['NOT_AUTHENTICATED'],
      404: ['TICKET_NOT_FOUND'],
      409: ['ALREADY_CHECKED_IN (checkedInAt)', 'TICKET_NOT_VALID (the booking is not CONFIRMED; currentStatus)'],
    }),
  },
});

export function ticketsRoute(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(checkIn, async (c) => {
    const result = await deps.useCases.bookings.checkIn.execute(c.get('ctx'), { ticketCode: c.req.valid('param').ticketCode });
    // The first check-in time travels as epoch ms in the error; the contract renders every instant as ISO 8601.
    const answer = !result.ok && result.error.type === 'ALREADY_CHECKED_IN' ? err(isoDeep(result.error) as typeof result.error) : result;
    return respond(c, answer, 200, (b) => ({ ticketCode: b.ticketCode, checkedInAt: b.checkedInAt, booking: bookingView(b) })) as never;
  });

  return app;
}
