import {
  canCreateEventIn,
  canViewOrganization,
  createEvent,
  err,
  hasRole,
  isAdmin,
  ok,
  ORGANISER_ROLES,
  type Actor,
  type CreateEventInput,
  type Result,
} from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { CategoryRepository } from '../ports/category-repository.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventRecord, EventRepository } from '../ports/event-repository.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { OrganizationRepository } from '../ports/organization-repository.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { ChangeRecorder } from '../shared/change-recorder.js';
import { checkCategory } from './category-check.js';
import { applyDetails, EMPTY_DETAILS, type EventDetailsInput } from './event-details.js';
import { forbidden, notAuthenticated } from './event-guards.js';
import { toEventView, type EventView } from './event-view.js';
import type { FulfilCrewRequestService } from './fulfil-crew-request.service.js';
import { optionDescriptions, type PriceOptionCommand } from './price-option-command.js';

/** `POST /events` (DESIGN §4): the rule fields of the domain plus the descriptive ones. */
export type CreateEventCommand = Omit<CreateEventInput, 'organizationId' | 'priceOptions'> &
  EventDetailsInput & {
    /** May be left out when the caller owns or manages exactly one organisation. */
    readonly organizationId?: string;
    readonly priceOptions: readonly PriceOptionCommand[];
  };

/** The organisation the caller means: the given one, or their only organisation as owner or manager. */
function targetOrganization(actor: Actor, given: string | undefined): Result<string, AppError> {
  if (given !== undefined) return ok(given);
  const own = actor.kind === 'user' ? [...new Set(actor.memberships.filter((m) => ORGANISER_ROLES.includes(m.role)).map((m) => m.organizationId))] : [];
  const only = own.length === 1 ? own[0] : undefined;
  return only === undefined
    ? err(appError('ORGANIZATION_REQUIRED', 'say which organisation the event belongs to (organizationId)'))
    : ok(only);
}

/**
 * Creates a `DRAFT` (DESIGN §3.1). A crew request is sent to the crew service after the event is saved; if the
 * service fails, the event keeps crew status `PENDING` for the retry job and the answer is still 201.
 */
export class CreateEventUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: EventRepository,
    private readonly organizations: OrganizationRepository,
    private readonly categories: CategoryRepository,
    private readonly recorder: ChangeRecorder,
    private readonly crew: FulfilCrewRequestService,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(ctx: UseCaseContext, input: CreateEventCommand): Promise<Result<EventView, AppError>> {
    const { actor } = ctx;
    if (actor.kind === 'guest') return err(notAuthenticated());
    if (!isAdmin(actor) && !hasRole(actor, 'ORGANIZER')) return err(forbidden('only organisers create events'));
    const target = targetOrganization(actor, input.organizationId);
    if (!target.ok) return target;
    const organizationId = target.value;
    const org = await this.organizations.findById(null, organizationId);
    if (org === null || !canViewOrganization(actor, organizationId)) {
      return err(appError('ORGANIZATION_NOT_FOUND', 'no such organisation'));
    }
    if (!canCreateEventIn(actor, organizationId)) return err(forbidden('only owners and managers create events of an organisation'));
    if (input.featured === true && !isAdmin(actor)) return err(forbidden('only admins feature events'));

    const details = applyDetails(EMPTY_DETAILS, input);
    if (!details.ok) return details;
    const descriptions = optionDescriptions(input.priceOptions);
    if (!descriptions.ok) return descriptions;
    const category = await checkCategory(this.categories, null, details.value.details.categoryId);
    if (category !== null) return err(category);

    const now = this.clock.now();
    const id = this.ids.next();
    const priceOptionIds = input.priceOptions.map(() => this.ids.next());
    const created = createEvent({ ...input, organizationId }, { id, creatorId: actor.id, now, priceOptionIds });
    if (!created.ok) return created;
    const record: EventRecord = {
      state: created.value.state,
      details: {
        ...details.value.details,
        priceOptionDescriptions: Object.fromEntries(priceOptionIds.map((optionId, i) => [optionId, descriptions.value[i] ?? null])),
      },
      avgRating: null,
      reviewCount: 0,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await this.uow.run(async (tx) => {
      await this.events.insert(tx, record);
      await this.recorder.record(tx, ctx, {
        events: created.value.events,
        audit: [{ entity: 'EVENT', entityId: id, eventId: id, from: null, to: record.state.status }],
      });
    });
    if (record.state.crew.status !== 'PENDING') return ok(toEventView(record));
    await this.crew.fulfil(ctx, id);
    const after = await this.events.findById(null, id);
    return ok(toEventView(after ?? record));
  }
}
