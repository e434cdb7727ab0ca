import {
  canManageEvent,
  domainEvent,
  err,
  isAdmin,
  ok,
  releaseCrew,
  requestCrew,
  updateEvent,
  type Actor,
  type CrewRequest,
  type DomainEvent,
  type EventPatch,
  type EventState,
  type Result,
} from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { AppError } from '../errors.js';
import type { CategoryRepository } from '../ports/category-repository.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventRecord, EventRepository } from '../ports/event-repository.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { TxContext, UnitOfWork } from '../ports/unit-of-work.port.js';
import type { ChangeRecorder } from '../shared/change-recorder.js';
import type { OfferFreedSeatsService } from '../waitlist/offer-freed-seats.service.js';
import { checkCategory } from './category-check.js';
import { applyDetails, type EventDetailsInput } from './event-details.js';
import { eventNotFound, forbidden, writeRefusal } from './event-guards.js';
import { mutateEvent, type EventChange } from './event-mutation.js';
import { toEventView, type EventView } from './event-view.js';
import type { FulfilCrewRequestService } from './fulfil-crew-request.service.js';
import { optionDescriptions, unknownOptionId, type PriceOptionCommand } from './price-option-command.js';

/** `PATCH /events/{id}`: any subset of the create body. `priceOptions` replaces the list (options keep their `id`). */
export type UpdateEventCommand = Omit<EventPatch, 'priceOptions'> &
  EventDetailsInput & {
    readonly eventId: string;
    readonly priceOptions?: readonly PriceOptionCommand[];
    /** A new crew request (re-requested when it differs), or null to release the crew. */
    readonly crew?: CrewRequest | null;
  };

type Planned = EventChange & { readonly seatsFreed: number; readonly crewChanged: boolean };

/**
 * Edits an event (DESIGN §3.1). New times of a `PUBLISHED` event are a reschedule (`event.rescheduled`; the crew is
 * asked again); capacity may not drop below the seats taken; a capacity raise offers the freed seats to the waitlist
 * in the same transaction. Crew calls happen after the commit.
 */
export class UpdateEventUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: EventRepository,
    private readonly categories: CategoryRepository,
    private readonly recorder: ChangeRecorder,
    private readonly waitlist: OfferFreedSeatsService,
    private readonly crew: FulfilCrewRequestService,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(ctx: UseCaseContext, input: UpdateEventCommand): Promise<Result<EventView, AppError>> {
    // Minted once, outside the retry loop, so a retried decision gives new options the same ids.
    const newIds = (input.priceOptions ?? []).map((o) => o.id ?? this.ids.next());
    const outcome = await this.uow.run(async (tx) => {
      const now = this.clock.now();
      let last: Planned | null = null;
      const done = await mutateEvent(this.events, tx, input.eventId, now, async (current) => {
        const refusal = writeRefusal(ctx.actor, current, canManageEvent, 'edit');
        if (refusal !== null) return err(refusal);
        if (current === null) return err(eventNotFound());
        const planned = await this.plan(ctx.actor, current, input, newIds, tx);
        last = planned.ok ? planned.value : null;
        return planned;
      });
      if (!done.ok) return done;
      const plan = last as Planned | null;
      await this.recorder.record(tx, ctx, { events: done.value.events });
      if (done.value.changed && plan !== null && plan.seatsFreed > 0) await this.waitlist.offer(tx, ctx, input.eventId);
      return ok({ ...done.value, crewChanged: done.value.changed && plan !== null && plan.crewChanged });
    });
    if (!outcome.ok) return outcome;
    const { before, after, crewChanged } = outcome.value;
    const released = crewReleased(before.state, after.state);
    if (released !== undefined) await this.crew.releaseQuietly(input.eventId, released);
    if (crewChanged && after.state.crew.status === 'PENDING') await this.crew.fulfil(ctx, input.eventId);
    const fresh = await this.events.findById(null, input.eventId);
    return ok(toEventView(fresh ?? after));
  }

  private async plan(
    actor: Actor,
    current: EventRecord,
    input: UpdateEventCommand,
    newIds: readonly string[],
    tx: TxContext,
  ): Promise<Result<Planned, AppError>> {
    if (input.featured !== undefined && input.featured !== current.details.featured && !isAdmin(actor)) {
      return err(forbidden('only admins feature events'));
    }
    const details = applyDetails(current.details, input);
    if (!details.ok) return details;
    if (input.categoryId !== undefined && input.categoryId !== current.details.categoryId) {
      const problem = await checkCategory(this.categories, tx, input.categoryId);
      if (problem !== null) return err(problem);
    }
    const options = input.priceOptions;
    let priceOptionDescriptions = current.details.priceOptionDescriptions;
    if (options !== undefined) {
      const unknown = unknownOptionId(options, new Set(current.state.priceOptions.map((o) => o.id)));
      if (unknown !== null) return err(unknown);
      const descriptions = optionDescriptions(options);
      if (!descriptions.ok) return descriptions;
      priceOptionDescriptions = Object.fromEntries(
        newIds.map((id, i) => [id, options[i]?.description === undefined ? (current.details.priceOptionDescriptions[id] ?? null) : (descriptions.value[i] ?? null)]),
      );
    }
    const { eventId: _eventId, priceOptions: _options, crew: _crew, ...rest } = input;
    const patch: EventPatch = { ...rest, ...(options === undefined ? {} : { priceOptions: options.map((o, i) => ({ ...o, id: newIds[i] ?? '' })) }) };
    const now = this.clock.now();
    const updated = updateEvent(current.state, patch, { now });
    if (!updated.ok) return updated;
    let state: EventState = updated.value.state;
    const events: DomainEvent[] = [...updated.value.events];
    if (input.crew !== undefined) {
      if (input.crew === null) {
        const released = releaseCrew(state, now);
        state = released.state;
        events.push(...released.events);
      } else {
        const requested = requestCrew(state, { ...input.crew, now });
        if (!requested.ok) return requested;
        state = requested.value.state;
        events.push(...requested.value.events);
      }
    }
    const descriptionsChanged = JSON.stringify(priceOptionDescriptions) !== JSON.stringify(current.details.priceOptionDescriptions);
    const detailFields = [...details.value.changed, ...(descriptionsChanged ? ['priceOptions'] : [])];
    const merged = mergeUpdated(events, current.state.id, detailFields);
    const detailsChanged = details.value.changed.length > 0 || descriptionsChanged;
    return ok({
      state,
      ...(detailsChanged ? { details: { ...details.value.details, priceOptionDescriptions } } : {}),
      events: merged,
      seatsFreed: updated.value.seatsFreed,
      crewChanged: state.crew !== current.state.crew,
    });
  }
}

/** The crew id to release after the commit, when the change took an assigned crew away. */
function crewReleased(before: EventState, after: EventState): string | undefined {
  if (before.crew.status !== 'ASSIGNED' || before.crew.crewId === null) return undefined;
  return after.crew.status === 'ASSIGNED' && after.crew.crewId === before.crew.crewId ? undefined : before.crew.crewId;
}

/** Adds the changed descriptive fields to the `event.updated` message (one message per edit). */
function mergeUpdated(events: readonly DomainEvent[], eventId: string, fields: readonly string[]): DomainEvent[] {
  if (fields.length === 0) return [...events];
  const existing = events.find((e) => e.type === 'event.updated');
  if (existing === undefined) return [domainEvent('event.updated', eventId, { eventId, changedFields: fields }), ...events];
  return events.map((e) =>
    e === existing && e.type === 'event.updated'
      ? domainEvent('event.updated', eventId, { eventId, changedFields: [...e.data.changedFields, ...fields.filter((f) => !e.data.changedFields.includes(f))] })
      : e,
  );
}
