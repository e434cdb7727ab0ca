import {
  canManagePromoCodes,
  domainError,
  err,
  ok,
  ORGANISER_ROLES,
  validatePromoDefinition,
  type Actor,
  type Instant,
  type PromoCode,
  type Result,
} from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import { loadVisibleOrganization } from '../organizations/visible-organization.js';
import type { Clock } from '../ports/clock.port.js';
import { ConflictError } from '../ports/conflict.error.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { OrganizationRepository } from '../ports/organization-repository.port.js';
import type { PromoCodeRepository } from '../ports/promo-code-repository.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { loadScopeEvent } from './promo-code-access.js';
import { toPromoCodeView, type PromoCodeView } from './promo-code.view.js';

export type CreatePromoCodeRequest = {
  readonly code: string;
  /** Taken from `eventId` when that is given; may be left out when the caller organises exactly one organisation. */
  readonly organizationId?: string | null;
  readonly eventId?: string | null;
  readonly discountPercent?: number | null;
  readonly discountAmount?: number | null;
  /** For an amount code; defaults to the event's currency when the code is scoped to an event. */
  readonly currency?: string | null;
  /** Default: now. */
  readonly startsAt?: Instant;
  readonly endsAt?: Instant | null;
  readonly maxUses?: number | null;
  readonly isActive?: boolean;
};

function soleOrganisedOrganization(actor: Actor): string | null {
  if (actor.kind !== 'user') return null;
  const ids = new Set(actor.memberships.filter((m) => ORGANISER_ROLES.includes(m.role)).map((m) => m.organizationId));
  return ids.size === 1 ? ([...ids][0] ?? null) : null;
}

/** POST /promo-codes: organisers of the organisation and admins; the definition is checked by the domain. */
export class CreatePromoCodeUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly promos: PromoCodeRepository,
    private readonly events: EventRepository,
    private readonly organizations: OrganizationRepository,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(ctx: UseCaseContext, input: CreatePromoCodeRequest): Promise<Result<PromoCodeView, AppError>> {
    const { actor } = ctx;
    if (actor.kind === 'guest') return err(appError('NOT_AUTHENTICATED', 'sign in to manage promo codes'));
    const eventId = input.eventId ?? null;
    let organizationId = input.organizationId ?? null;
    let eventCurrency: string | null = null;
    if (eventId !== null) {
      const event = await loadScopeEvent(this.events, actor, eventId, organizationId);
      if (!event.ok) return event;
      organizationId = event.value.state.organizationId;
      eventCurrency = event.value.state.currency;
    } else if (organizationId !== null) {
      const org = await loadVisibleOrganization(this.organizations, actor, organizationId);
      if (!org.ok) return org;
    } else {
      organizationId = soleOrganisedOrganization(actor);
      if (organizationId === null) {
        return err(appError('ORGANIZATION_REQUIRED', 'name the organisation (or the event) the code is for'));
      }
    }
    if (!canManagePromoCodes(actor, organizationId)) {
      return err(domainError('FORBIDDEN', "only the organisation's owners and managers and admins create its promo codes"));
    }
    const discountAmount = input.discountAmount ?? null;
    const checked = validatePromoDefinition({
      code: input.code,
      organizationId,
      eventId,
      discountPercent: input.discountPercent ?? null,
      discountAmount,
      currency: input.currency ?? (discountAmount !== null ? eventCurrency : null),
      startsAt: input.startsAt ?? this.clock.now(),
      endsAt: input.endsAt ?? null,
      maxUses: input.maxUses ?? null,
      isActive: input.isActive ?? true,
    });
    if (!checked.ok) return checked;
    const promo: PromoCode = { ...checked.value, id: this.ids.next(), usesCount: 0 };
    try {
      await this.uow.run((tx) => this.promos.insert(tx, promo));
    } catch (error) {
      if (error instanceof ConflictError && error.constraint === 'promo_code') {
        return err(appError('PROMO_CODE_TAKEN', `the organisation already has a code "${promo.code}" (codes ignore case)`));
      }
      throw error;
    }
    return ok(toPromoCodeView(promo));
  }
}
