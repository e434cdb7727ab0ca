import {
  canViewEvent,
  checkPromoCode,
  domainError,
  err,
  ok,
  priceBooking,
  resolvePriceOption,
  type PriceBreakdown,
  type PromoInvalidReason,
  type Result,
} from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { PromoCodeRepository } from '../ports/promo-code-repository.port.js';

export type ValidatePromoCodeRequest = {
  readonly code: string;
  readonly eventId: string;
  readonly quantity: number;
  readonly priceOptionId?: string | null;
};

export type PromoValidation = {
  readonly valid: boolean;
  /** Why the code would be refused at booking (DESIGN §4 `INVALID_PROMO_CODE` reasons); absent when valid. */
  readonly reason?: PromoInvalidReason;
  /** The price a booking would have now: with the code when valid, without it otherwise. */
  readonly breakdown: PriceBreakdown;
};

/**
 * POST /promo-codes/{code}/validate: a preview of what the code does to a booking of this event now. It reserves
 * nothing, so a valid answer is no promise that the last use is still there when the booking is made.
 */
export class ValidatePromoCodeUseCase {
  constructor(
    private readonly events: EventRepository,
    private readonly promos: PromoCodeRepository,
    private readonly clock: Clock,
  ) {}

  async execute(ctx: UseCaseContext, input: ValidatePromoCodeRequest): Promise<Result<PromoValidation, AppError>> {
    if (ctx.actor.kind === 'guest') return err(appError('NOT_AUTHENTICATED', 'sign in to check a promo code'));
    const record = await this.events.findById(null, input.eventId);
    if (record === null || !canViewEvent(ctx.actor, record.state)) {
      return err(domainError('EVENT_NOT_FOUND', `no event ${input.eventId}`));
    }
    const event = record.state;
    const max = event.maxTicketsPerBooking;
    if (!Number.isSafeInteger(input.quantity) || input.quantity < 1 || input.quantity > max) {
      return err(domainError('QUANTITY_LIMIT', `a booking is 1 to ${max} seats`, { min: 1, max }));
    }
    const option = resolvePriceOption(event, input.priceOptionId ?? null);
    if (!option.ok) return option;
    const promo = await this.promos.findByCode(null, event.organizationId, input.code);
    const checked = checkPromoCode(promo, {
      eventId: event.id,
      organizationId: event.organizationId,
      currency: event.currency,
      now: this.clock.now(),
    });
    const breakdown = priceBooking({
      unitPrice: option.value.price,
      currency: event.currency,
      quantity: input.quantity,
      capacity: event.capacity,
      seatsTaken: event.seatsTaken,
      dynamicPricing: event.dynamicPricing,
      groupDiscounts: event.groupDiscounts,
      promo: checked.ok ? checked.value : null,
    });
    return ok(checked.ok ? { valid: true, breakdown } : { valid: false, reason: checked.error.reason, breakdown });
  }
}
