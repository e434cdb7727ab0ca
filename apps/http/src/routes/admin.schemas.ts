import { z } from '@hono/zod-openapi';
import type { BulkItem, BulkResult, CancelEventPlan, EventSelection, RescheduleDetail } from '@aquastream/application';
import { Instant, MoneyAmount, UuidParam } from '../openapi/common.schemas.js';
import { iso } from '../openapi/iso.js';
import { parseDuration } from './admin-duration.js';
import { InstantInput } from './promo-codes.schemas.js';

const EventStatusSchema = z.enum(['DRAFT', 'IN_REVIEW', 'SCHEDULED', 'PUBLISHED', 'CANCELED', 'COMPLETED']);
/** The most ids one request may name; a filter may match up to 10 000 events (the use cases refuse more). */
const MAX_IDS = 1000;

export const EventFilterSchema = z
  .object({
    q: z.string().trim().min(1).max(200).optional().openapi({ description: 'words in the title or description' }),
    categoryIds: z.array(UuidParam).min(1).max(100).optional(),
    from: InstantInput.optional().openapi({ description: 'events starting at or after' }),
    to: InstantInput.optional().openapi({ description: 'events starting before' }),
    featured: z.boolean().optional(),
    organizationId: UuidParam.optional(),
    statuses: z.array(EventStatusSchema).min(1).optional().openapi({ description: 'default: PUBLISHED and not yet started' }),
  })
  .openapi('AdminEventFilter', { description: 'the catalogue filter, as `aquastream-admin events list` takes it' });

const selection = {
  eventIds: z.array(UuidParam).min(1).max(MAX_IDS).optional().openapi({ description: 'these events; or give `filter`' }),
  filter: EventFilterSchema.optional(),
};
const exactlyOneSelection = (v: { eventIds?: unknown; filter?: unknown }) => (v.eventIds === undefined) !== (v.filter === undefined);
const selectionIssue = { message: 'give exactly one of eventIds and filter', path: ['eventIds'] };

const Reason = z.string().trim().min(1).max(1000).openapi({ example: 'Storm warning for the whole weekend' });
const DryRun = z.boolean().optional().openapi({ description: 'report what would change and change nothing' });

export const BulkCancelBody = z
  .object({
    ...selection,
    reason: Reason,
    refundPercent: z.number().min(0).max(100).optional().openapi({ description: 'for paid bookings; default 100', example: 100 }),
    dryRun: DryRun,
  })
  .refine(exactlyOneSelection, selectionIssue)
  .openapi('BulkCancelRequest');

const Shift = z
  .string()
  .max(40)
  .openapi({ description: 'ISO 8601 duration of weeks, days, hours, minutes, seconds; negative moves earlier', example: 'PT2H' })
  .transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === null || ms === 0) {
      ctx.addIssue({ code: 'custom', message: 'a non-zero ISO 8601 duration such as PT2H, -PT30M or P1DT12H (no years or months)' });
      return z.NEVER;
    }
    return ms;
  });

export const BulkRescheduleBody = z
  .object({
    ...selection,
    shift: Shift.optional(),
    to: InstantInput.optional().openapi({ description: 'the new start of a single selected event (its duration is kept)' }),
    reason: Reason,
    runKey: z.string().trim().min(1).max(100).optional().openapi({
      description: 'a re-run of the same command skips events already moved; another runKey moves them again on purpose',
    }),
    dryRun: DryRun,
  })
  .refine(exactlyOneSelection, selectionIssue)
  .refine((v) => (v.shift === undefined) !== (v.to === undefined), { message: 'give exactly one of shift and to', path: ['shift'] })
  .openapi('BulkRescheduleRequest');

const Outcome = z.enum(['done', 'skipped', 'failed', 'planned']).openapi({ description: '`planned` in a dry run only' });
const bulkResultSchema = <T extends z.ZodTypeAny>(detail: T, name: string) =>
  z
    .object({
      dryRun: z.boolean(),
      counts: z.object({ done: z.number().int(), skipped: z.number().int(), failed: z.number().int(), planned: z.number().int() }),
      items: z.array(
        z.object({
          eventId: z.string().uuid(),
          outcome: Outcome,
          code: z.string().nullable().openapi({ description: 'the error code of a failed item, or why it was skipped (ALREADY_DONE, …)' }),
          reason: z.string().nullable(),
          detail: detail.nullable(),
        }),
      ),
    })
    .openapi(name);

export const BulkCancelResultSchema = bulkResultSchema(
  z.object({
    eventId: z.string().uuid(),
    title: z.string(),
    statusBefore: EventStatusSchema,
    bookingsCanceled: z.number().int(),
    refundTotal: MoneyAmount,
    currency: z.string(),
    waitlistCanceled: z.number().int(),
    crewReleased: z.boolean(),
    refunds: z.array(z.object({ bookingId: z.string().uuid(), amount: MoneyAmount, percent: z.number() })),
  }),
  'BulkCancelResult',
);

const Times = z.object({ startsAt: Instant, endsAt: Instant.nullable() });
export const BulkRescheduleResultSchema = bulkResultSchema(z.object({ previous: Times, next: Times }), 'BulkRescheduleResult');

type Defined<T> = { [K in keyof T]?: Exclude<T[K], undefined> };
/** Drops absent members, which the use cases' exact optional types do not accept as `undefined`. */
export function defined<T extends object>(value: T): Defined<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Defined<T>;
}

export function eventSelection(body: { eventIds?: string[] | undefined; filter?: z.infer<typeof EventFilterSchema> | undefined }): EventSelection {
  return body.eventIds !== undefined ? { eventIds: body.eventIds } : { filter: defined(body.filter ?? {}) };
}

function bulkView<D>(result: BulkResult<D>, detail: (d: D) => unknown) {
  return {
    dryRun: result.dryRun,
    counts: { ...result.counts },
    items: result.items.map((i: BulkItem<D>) => ({
      eventId: i.eventId,
      outcome: i.outcome,
      code: i.code,
      reason: i.reason,
      detail: i.detail === null ? null : detail(i.detail),
    })),
  };
}

export const bulkCancelView = (r: BulkResult<CancelEventPlan>) =>
  bulkView(r, (p) => ({
    eventId: p.eventId,
    title: p.title,
    statusBefore: p.statusBefore,
    bookingsCanceled: p.bookingsCanceled,
    refundTotal: p.refundTotal,
    currency: p.currency,
    waitlistCanceled: p.waitlistCanceled,
    crewReleased: p.crewReleased,
    refunds: p.refunds.map((x) => ({ bookingId: x.bookingId, amount: x.amount, percent: x.percent })),
  }));

export const bulkRescheduleView = (r: BulkResult<RescheduleDetail>) =>
  bulkView(r, (d) => ({
    previous: { startsAt: iso(d.previous.startsAt), endsAt: iso(d.previous.endsAt) },
    next: { startsAt: iso(d.next.startsAt), endsAt: iso(d.next.endsAt) },
  }));
