import { NO_CREW, pendingCrew } from '../crew/crew.js';
import { validatePricingRules } from '../pricing/pricing-rules.js';
import type { DynamicPricingTier, GroupDiscountTier } from '../pricing/pricing.types.js';
import { DEFAULT_REFUND_POLICY, validateRefundPolicy } from '../refund/refund-policy.js';
import type { RefundTier } from '../refund/refund.types.js';
import { domainEvent, type Transition } from '../shared/domain-event.js';
import { DomainInvariantError, err, ok, type Result } from '../shared/result.js';
import type { Instant } from '../shared/time.js';
import {
  assertInstant,
  checkEventFields,
  clampMaxTickets,
  invalidEvent,
  DEFAULT_BOOKING_DEADLINE_HOURS,
  DEFAULT_MAX_TICKETS_PER_BOOKING,
  DEFAULT_TIME_ZONE,
  normalizePriceOption,
  validateCrewRequest,
  type ErrorOf,
  type EventFields,
  type PriceOptionInput,
} from './event-rules.js';
import type { CrewRequest, EventState } from './event.types.js';

/** The rule-relevant part of `POST /events` (DESIGN §4); descriptive fields stay in the application. */
export type CreateEventInput = {
  readonly organizationId: string;
  readonly title: string;
  readonly startsAt: Instant;
  readonly endsAt?: Instant | null;
  readonly timeZone?: string;
  readonly capacity: number;
  readonly currency: string;
  readonly priceOptions: readonly PriceOptionInput[];
  readonly bookingDeadlineHours?: number;
  readonly maxTicketsPerBooking?: number;
  readonly refundPolicy?: readonly RefundTier[];
  readonly dynamicPricing?: readonly DynamicPricingTier[];
  readonly groupDiscounts?: readonly GroupDiscountTier[];
  readonly crew?: CrewRequest | null;
};

export type CreateEventContext = {
  readonly id: string;
  readonly creatorId: string;
  readonly now: Instant;
  /** One id per entry of `input.priceOptions`, in the same order. */
  readonly priceOptionIds: readonly string[];
};

export type CreateEventError = ErrorOf<'INVALID_EVENT' | 'INVALID_REFUND_POLICY' | 'INVALID_PRICING_RULES'>;

/** A new event is a `DRAFT` with the DESIGN §4 defaults; a crew request starts `PENDING`. */
export function createEvent(input: CreateEventInput, ctx: CreateEventContext): Result<Transition<EventState>, CreateEventError> {
  const { now } = ctx;
  assertInstant(now, 'now');
  if (ctx.priceOptionIds.length !== input.priceOptions.length) {
    throw new DomainInvariantError(
      'INVALID_ARGUMENT',
      `${ctx.priceOptionIds.length} price option id(s) for ${input.priceOptions.length} option(s)`,
    );
  }
  if (new Set(ctx.priceOptionIds).size !== ctx.priceOptionIds.length) {
    throw new DomainInvariantError('INVALID_ARGUMENT', 'price option ids must be distinct');
  }
  if (typeof input.organizationId !== 'string' || input.organizationId.trim() === '') {
    return err(invalidEvent('organizationId', 'organizationId is required'));
  }
  const capacity = input.capacity;
  const fields: EventFields = {
    title: typeof input.title === 'string' ? input.title.trim() : '',
    startsAt: input.startsAt,
    endsAt: input.endsAt ?? null,
    timeZone: input.timeZone ?? DEFAULT_TIME_ZONE,
    capacity,
    currency: input.currency,
    priceOptions: input.priceOptions.map((o) => normalizePriceOption(o, true)),
    bookingDeadlineHours: input.bookingDeadlineHours ?? DEFAULT_BOOKING_DEADLINE_HOURS,
    maxTicketsPerBooking: input.maxTicketsPerBooking ?? DEFAULT_MAX_TICKETS_PER_BOOKING,
  };
  const problem = checkEventFields(fields, { now, startsAtChanged: true });
  if (problem) return err(problem);

  const refundPolicy = input.refundPolicy === undefined ? ok(DEFAULT_REFUND_POLICY) : validateRefundPolicy(input.refundPolicy);
  if (!refundPolicy.ok) return refundPolicy;
  const pricing = validatePricingRules({ dynamicPricing: input.dynamicPricing ?? [], groupDiscounts: input.groupDiscounts ?? [] });
  if (!pricing.ok) return pricing;
  const crewRequest = input.crew ? validateCrewRequest(input.crew) : ok(null);
  if (!crewRequest.ok) return crewRequest;

  const state: EventState = {
    id: ctx.id,
    organizationId: input.organizationId,
    creatorId: ctx.creatorId,
    title: fields.title,
    status: 'DRAFT',
    startsAt: fields.startsAt,
    endsAt: fields.endsAt,
    timeZone: fields.timeZone,
    publishAt: null,
    publishedAt: null,
    capacity,
    seatsTaken: 0,
    currency: fields.currency,
    priceOptions: fields.priceOptions.map((o, i) => ({ ...o, id: ctx.priceOptionIds[i] ?? '', seatsTaken: 0 })),
    bookingDeadlineHours: fields.bookingDeadlineHours,
    maxTicketsPerBooking: clampMaxTickets(fields.maxTicketsPerBooking, capacity),
    refundPolicy: refundPolicy.value,
    dynamicPricing: pricing.value.dynamicPricing,
    groupDiscounts: pricing.value.groupDiscounts,
    rescheduledAt: null,
    rejectionReason: null,
    cancelReason: null,
    canceledAt: null,
    completedAt: null,
    crew: crewRequest.value === null ? NO_CREW : pendingCrew(crewRequest.value),
  };
  const created = domainEvent('event.created', state.id, {
    eventId: state.id,
    organizationId: state.organizationId,
    title: state.title,
    startsAt: state.startsAt,
    status: state.status,
  });
  return ok({ state, events: [created] });
}
