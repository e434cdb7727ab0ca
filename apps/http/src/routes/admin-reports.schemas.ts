import { z } from '@hono/zod-openapi';
import type { AuditEntry, OutboxMessage, OutboxStats, PopularEvent } from '@aquastream/application';
import { DOMAIN_EVENT_TYPES } from '@aquastream/domain';
import { Instant, MoneyAmount, PageQuery, pageSchema, UuidParam } from '../openapi/common.schemas.js';
import { iso } from '../openapi/iso.js';
import { InstantInput } from './promo-codes.schemas.js';

const q = <T extends z.ZodTypeAny>(name: string, schema: T) => schema.openapi({ param: { name, in: 'query' } });

// --- audit ---
const AuditEntitySchema = z.enum(['BOOKING', 'WAITLIST', 'EVENT', 'PAYMENT']);

export const AuditQuery = PageQuery.extend({
  entity: q('entity', AuditEntitySchema.optional()),
  entityId: q('entityId', z.string().min(1).max(200).optional()),
  actorId: q('actorId', z.string().min(1).max(255).optional().openapi({ description: 'a user id, or `cli:<user>` / `scheduler`' })),
  from: q('from', InstantInput.optional().openapi({ description: 'at or after (ISO 8601 with offset)' })),
  to: q('to', InstantInput.optional().openapi({ description: 'before' })),
});

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    entity: AuditEntitySchema,
    entityId: z.string(),
    eventId: z.string().nullable().openapi({ description: 'the event the entity belongs to' }),
    from: z.string().nullable().openapi({ description: 'the status before (null for a creation)', example: 'PENDING_PAYMENT' }),
    to: z.string().openapi({ description: 'the status after', example: 'CONFIRMED' }),
    actorId: z.string(),
    reason: z.string().nullable(),
    at: Instant,
    correlationId: z.string(),
  })
  .openapi('AuditEntry');
export const AuditPageSchema = pageSchema(AuditEntrySchema, 'AuditEntryPage');

export const auditEntryView = (e: AuditEntry) => ({
  id: e.id,
  entity: e.entity,
  entityId: e.entityId,
  eventId: e.eventId,
  from: e.from,
  to: e.to,
  actorId: e.actorId,
  reason: e.reason,
  at: iso(e.at),
  correlationId: e.correlationId,
});

// --- analytics ---
export const PopularQuery = z.object({
  from: q('from', InstantInput.optional().openapi({ description: 'bookings made at or after; default: since the beginning' })),
  to: q('to', InstantInput.optional().openapi({ description: 'bookings made before; default: until now' })),
  limit: q('limit', z.coerce.number().int().min(1).max(100).default(10).openapi({ example: 10 })),
});

export const PopularEventsSchema = z
  .object({
    from: Instant.nullable(),
    to: Instant.nullable(),
    data: z.array(
      z.object({
        eventId: z.string().uuid(),
        title: z.string(),
        organizationId: z.string().uuid(),
        status: z.string().openapi({ example: 'PUBLISHED' }),
        startsAt: Instant,
        currency: z.string().openapi({ example: 'RUB' }),
        ticketsSold: z.number().int().openapi({ description: 'seats of CONFIRMED bookings made in the window' }),
        revenueAmount: MoneyAmount.openapi({ description: 'paid amounts of those bookings, in the event’s currency' }),
        totalBookings: z.number().int().openapi({ description: 'bookings made in the window, in any status' }),
        confirmedBookings: z.number().int(),
        conversionRate: z.number().openapi({ description: 'confirmedBookings / totalBookings, 0–1 with 4 decimals', example: 0.75 }),
      }),
    ),
  })
  .openapi('PopularEvents');

export const popularView = (window: { from?: number; to?: number }) => (events: readonly PopularEvent[]) => ({
  from: iso(window.from),
  to: iso(window.to),
  data: events.map((e) => ({
    eventId: e.eventId,
    title: e.title,
    organizationId: e.organizationId,
    status: e.status,
    startsAt: iso(e.startsAt),
    currency: e.currency,
    ticketsSold: e.ticketsSold,
    revenueAmount: e.revenueAmount,
    totalBookings: e.totalBookings,
    confirmedBookings: e.confirmedBookings,
    conversionRate: e.conversionRate,
  })),
});

// --- outbox ---
const OutboxStatusSchema = z.enum(['PENDING', 'SENT', 'FAILED']);

export const OutboxQuery = PageQuery.extend({
  status: q('status', OutboxStatusSchema.optional()),
  type: q('type', z.enum(DOMAIN_EVENT_TYPES).optional()),
  subject: q('subject', z.string().min(1).max(200).optional().openapi({ description: 'the id of the entity a message is about' })),
});

export const OutboxMessageSchema = z
  .object({
    id: z.string(),
    type: z.string().openapi({ example: 'booking.confirmed' }),
    source: z.string(),
    subject: z.string(),
    sequence: z.number().int().openapi({ description: 'grows by one per subject' }),
    time: Instant,
    correlationId: z.string(),
    actorId: z.string().nullable(),
    status: OutboxStatusSchema,
    attempts: z.number().int(),
    nextAttemptAt: Instant.nullable(),
    lastError: z.string().nullable(),
    sentAt: Instant.nullable(),
    data: z.record(z.string(), z.unknown()),
  })
  .openapi('OutboxMessage');
export const OutboxPageSchema = pageSchema(OutboxMessageSchema, 'OutboxMessagePage');

export const OutboxStatsSchema = z
  .object({
    PENDING: z.number().int(),
    SENT: z.number().int(),
    FAILED: z.number().int(),
    oldestPendingAt: Instant.nullable().openapi({ description: 'how far behind the relay is' }),
  })
  .openapi('OutboxStats');

export const RetryOutboxBody = z
  .object({ ids: z.array(UuidParam).min(1).max(1000).optional().openapi({ description: 'these messages; omitted: every FAILED one' }) })
  .openapi('RetryOutboxRequest');

export const outboxMessageView = (m: OutboxMessage) => ({
  id: m.id,
  type: m.type,
  source: m.source,
  subject: m.subject,
  sequence: m.sequence,
  time: iso(m.time),
  correlationId: m.correlationId,
  actorId: m.actorId,
  status: m.status,
  attempts: m.attempts,
  nextAttemptAt: iso(m.nextAttemptAt),
  lastError: m.lastError,
  sentAt: iso(m.sentAt),
  data: m.data,
});

export const outboxStatsView = (s: OutboxStats) => ({ PENDING: s.PENDING, SENT: s.SENT, FAILED: s.FAILED, oldestPendingAt: iso(s.oldestPendingAt) });
