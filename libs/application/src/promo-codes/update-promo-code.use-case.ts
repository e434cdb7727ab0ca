import { domainError, err, ok, validatePromoDefinition, type Instant, type PromoCode, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import { ConflictError } from '../ports/conflict.error.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { PromoCodeRepository } from '../ports/promo-code-repository.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { loadManageablePromo, loadScopeEvent } from './promo-code-access.js';
import { toPromoCodeView, type PromoCodeView } from './promo-code.view.js';

/** Any subset of the definition; `null` clears an optional field. The organisation and `usesCount` never change. */
export type UpdatePromoCodeRequest = {
  readonly promoCodeId: string;
  readonly code?: string;
  readonly eventId?: string | null;
  readonly discountPercent?: number | null;
  readonly discountAmount?: number | null;
  readonly currency?: string | null;
  readonly startsAt?: Instant;
  readonly endsAt?: Instant | null;
  readonly maxUses?: number | null;
  readonly isActive?: boolean;
};

const pick = <T>(value: T | undefined, current: T): T => (value === undefined ? current : value);

/** PATCH /promo-codes/{id}. Lowering `maxUses` below the uses already taken is refused (INVALID_PROMO_DEFINITION). */
export class UpdatePromoCodeUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly promos: PromoCodeRepository,
    private readonly events: EventRepository,
  ) {}

  async execute(ctx: UseCaseContext, input: UpdatePromoCodeRequest): Promise<Result<PromoCodeView, AppError>> {
    const found = await loadManageablePromo(this.promos, ctx.actor, input.promoCodeId);
    if (!found.ok) return found;
    const current = found.value;
    const eventId = pick(input.eventId, current.eventId);
    if (eventId !== null && eventId !== current.eventId) {
      const event = await loadScopeEvent(this.events, ctx.actor, eventId, current.organizationId);
      if (!event.ok) return event;
    }
    // Switching from a percent to an amount means clearing the other one: a given discount replaces both.
    const switching = input.discountPercent != null || input.discountAmount != null;
    const checked = validatePromoDefinition({
      code: pick(input.code, current.code),
      organizationId: current.organizationId,
      eventId,
      discountPercent: switching ? (input.discountPercent ?? null) : current.discountPercent,
      discountAmount: switching ? (input.discountAmount ?? null) : current.discountAmount,
      currency: pick(input.currency, current.currency),
      startsAt: pick(input.startsAt, current.startsAt),
      endsAt: pick(input.endsAt, current.endsAt),
      maxUses: pick(input.maxUses, current.maxUses),
      isActive: pick(input.isActive, current.isActive),
    });
    if (!checked.ok) return checked;
    const next: PromoCode = { ...checked.value, id: current.id, usesCount: current.usesCount };
    let written: boolean;
    try {
      written = await this.uow.run((tx) => this.promos.update(tx, next));
    } catch (error) {
      if (error instanceof ConflictError && error.constraint === 'promo_code') {
        return err(appError('PROMO_CODE_TAKEN', `the organisation already has a code "${next.code}" (codes ignore case)`));
      }
      throw error;
    }
    // The store refused: more uses are taken than the new maximum (possibly by a booking made meanwhile).
    const stored = await this.promos.findById(null, current.id);
    if (stored === null) return err(appError('PROMO_CODE_NOT_FOUND', `no promo code ${current.id}`));
    if (!written) {
      return err(
        domainError('INVALID_PROMO_DEFINITION', `maxUses may not be below the ${stored.usesCount} uses already taken`, { field: 'maxUses' }),
      );
    }
    return ok(toPromoCodeView(stored));
  }
}
