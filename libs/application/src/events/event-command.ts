import { err, ok, type Actor, type EventState, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { AppError } from '../errors.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventRecord, EventRepository } from '../ports/event-repository.port.js';
import type { TxContext, UnitOfWork } from '../ports/unit-of-work.port.js';
import type { AuditChange, ChangeRecorder } from '../shared/change-recorder.js';
import { eventNotFound, writeRefusal } from './event-guards.js';
import { mutateEvent, type EventChange, type EventMutation } from './event-mutation.js';
import { toEventView, type EventView } from './event-view.js';

/** The ports every command on one event needs. */
export type EventCommandPorts = {
  readonly uow: UnitOfWork;
  readonly events: EventRepository;
  readonly recorder: ChangeRecorder;
  readonly clock: Clock;
};

/** An audit row for a status change of an event; none when the status stayed. */
export function statusAudit(before: EventState, after: EventState, reason: string | null = null): AuditChange[] {
  if (before.status === after.status) return [];
  return [{ entity: 'EVENT', entityId: after.id, eventId: after.id, from: before.status, to: after.status, reason }];
}

export type EventCommand = {
  /** Who may run it on a visible event (FORBIDDEN otherwise). */
  readonly allowed: (actor: Actor, event: EventState) => boolean;
  /** For the FORBIDDEN detail: "you may not <what> this event". */
  readonly what: string;
  readonly apply: (current: EventRecord, tx: TxContext) => Result<EventChange, AppError> | Promise<Result<EventChange, AppError>>;
  readonly reason?: string | null;
};

/**
 * One command on one event in one transaction: authorise (NOT_AUTHENTICATED, EVENT_NOT_FOUND, FORBIDDEN, in that
 * order), apply the rule, write the state with its messages and the audit row of a status change.
 */
export async function runEventCommand(
  ports: EventCommandPorts,
  ctx: UseCaseContext,
  eventId: string,
  command: EventCommand,
): Promise<Result<EventMutation, AppError>> {
  return ports.uow.run(async (tx) => {
    const done = await mutateEvent(ports.events, tx, eventId, ports.clock.now(), (current) => {
      const refusal = writeRefusal(ctx.actor, current, command.allowed, command.what);
      if (refusal !== null) return err(refusal);
      if (current === null) return err(eventNotFound());
      return command.apply(current, tx);
    });
    if (!done.ok) return done;
    const { before, after, events } = done.value;
    await ports.recorder.record(tx, ctx, { events, audit: statusAudit(before.state, after.state, command.reason ?? null) });
    return done;
  });
}

/** `runEventCommand` answered as the event's view. */
export async function runEventCommandForView(
  ports: EventCommandPorts,
  ctx: UseCaseContext,
  eventId: string,
  command: EventCommand,
): Promise<Result<EventView, AppError>> {
  const done = await runEventCommand(ports, ctx, eventId, command);
  return done.ok ? ok(toEventView(done.value.after)) : done;
}
