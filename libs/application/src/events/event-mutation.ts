import type { DomainEvent, EventState, Instant, Result } from '@aquastream/domain';
import { ok } from '@aquastream/domain';
import type { AppError } from '../errors.js';
import type { EventDetails, EventRecord, EventRepository } from '../ports/event-repository.port.js';
import type { TxContext } from '../ports/unit-of-work.port.js';

/** What a decision on the current event wants written: the same `state` object (and no details) means no change. */
export type EventChange = {
  readonly state: EventState;
  readonly details?: EventDetails;
  readonly events: readonly DomainEvent[];
};

export type EventMutation = {
  readonly before: EventRecord;
  readonly after: EventRecord;
  readonly changed: boolean;
  readonly events: readonly DomainEvent[];
};

/** Concurrent edits of one event are rare; more collisions than this in one transaction means something is wrong. */
const MAX_ATTEMPTS = 5;

/**
 * Reads the event, lets `decide` rule on it and writes the outcome with EventRepository.update's version check. When
 * another transaction changed the event in between (PostgreSQL, READ COMMITTED), the decision is taken again on the
 * fresh row, so the rules always run on what is stored: a capacity cut that races a booking ends as
 * CAPACITY_BELOW_SEATS_TAKEN, never as an event with more seats taken than it has. `decide` receives null for an
 * absent event and answers its own error.
 */
export async function mutateEvent(
  repo: EventRepository,
  tx: TxContext,
  eventId: string,
  now: Instant,
  decide: (current: EventRecord | null) => Result<EventChange, AppError> | Promise<Result<EventChange, AppError>>,
): Promise<Result<EventMutation, AppError>> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const current = await repo.findById(tx, eventId);
    const decision = await decide(current);
    if (!decision.ok) return decision;
    if (current === null) throw new Error(`decide accepted the absent event ${eventId}`);
    const { state, details, events } = decision.value;
    if (state === current.state && (details === undefined || details === current.details)) {
      return ok({ before: current, after: current, changed: false, events });
    }
    const next: EventRecord = { ...current, state, details: details ?? current.details, updatedAt: now };
    if (await repo.update(tx, next, current.version)) {
      // Read back: seat counters may have moved between the read and the write (they do not bump the version).
      const after = await repo.findById(tx, eventId);
      if (after === null) throw new Error(`event ${eventId} vanished inside its own transaction`);
      return ok({ before: current, after, changed: true, events });
    }
  }
  throw new Error(`event ${eventId} changed concurrently ${MAX_ATTEMPTS} times in a row; giving up`);
}
