import { actorId, type DomainEvent } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { AuditEntity, AuditLog } from '../ports/audit-log.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { NewOutboxMessage, Outbox } from '../ports/outbox.port.js';
import type { TxContext } from '../ports/unit-of-work.port.js';

export const MESSAGE_SOURCE = 'urn:aquastream:events';

/** One transition to write to the audit log. */
export type AuditChange = {
  readonly entity: AuditEntity;
  readonly entityId: string;
  readonly eventId: string | null;
  readonly from: string | null;
  readonly to: string;
  readonly reason?: string | null;
};

const INSTANT_KEY = /(At|Deadline|startsAt|endsAt)$/;

/** Message payloads carry instants as ISO 8601 strings, like the API; the domain hands them over as epoch ms. */
export function payloadOf(data: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k, typeof v === 'number' && INSTANT_KEY.test(k) ? new Date(v).toISOString() : v]),
  );
}

/**
 * Writes what a state change causes besides the new state, in the caller's transaction: the outbox messages
 * (DESIGN §5) and the audit rows (from, to, actor, reason, time, correlation id). Every use case that changes state
 * goes through here, so no change can be committed without its messages and its audit.
 */
export class ChangeRecorder {
  constructor(
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  messages(events: readonly DomainEvent[], ctx: UseCaseContext): NewOutboxMessage[] {
    const time = this.clock.now();
    return events.map((e) => ({
      id: this.ids.next(),
      type: e.type,
      source: MESSAGE_SOURCE,
      subject: e.subject,
      time,
      correlationId: ctx.correlationId,
      actorId: actorId(ctx.actor),
      data: payloadOf(e.data),
    }));
  }

  async record(
    tx: TxContext,
    ctx: UseCaseContext,
    changes: { readonly events?: readonly DomainEvent[]; readonly audit?: readonly AuditChange[] },
  ): Promise<void> {
    const events = changes.events ?? [];
    const audit = changes.audit ?? [];
    if (events.length > 0) await this.outbox.append(tx, this.messages(events, ctx));
    if (audit.length > 0) {
      const at = this.clock.now();
      const actor = actorId(ctx.actor) ?? 'guest';
      await this.audit.append(
        tx,
        audit.map((a) => ({
          id: this.ids.next(),
          entity: a.entity,
          entityId: a.entityId,
          eventId: a.eventId,
          from: a.from,
          to: a.to,
          actorId: actor,
          reason: a.reason ?? null,
          at,
          correlationId: ctx.correlationId,
        })),
      );
    }
  }
}
