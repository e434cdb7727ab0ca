import { seatsAvailable } from '../capacity/capacity.js';
import { rerequestCrew } from '../crew/crew.js';
import { validatePricingRules } from '../pricing/pricing-rules.js';
import type { DynamicPricingTier, GroupDiscountTier } from '../pricing/pricing.types.js';
import { validateRefundPolicy } from '../refund/refund-policy.js';
import type { RefundTier } from '../refund/refund.types.js';
import { domainEvent, type DomainEvent, type Transition } from '../shared/domain-event.js';
import { domainError } from '../shared/errors.js';
import { err, ok, type Result } from '../shared/result.js';
import type { Instant } from '../shared/time.js';
import {
  assertInstant,
  checkEventFields,
  clampMaxTickets,
  EVENT_LIMITS,
  invalidEvent,
  isTerminal,
  normalizePriceOption,
  notEditable,
  optionalText,
  type ErrorOf,
  type EventFields,
  type InvalidEvent,
  type PriceOptionInput,
} from './event-rules.js';
import type { EventState, PriceOption } from './event.types.js';

/** An option of a patch carries its id: new options get theirs from the caller, like on create. */
export type PriceOptionPatch = PriceOptionInput & { readonly id: string };

/** `PATCH /events/{id}`: any subset of the rule-relevant fields. `priceOptions` replaces the whole list. */
export type EventPatch = {
  readonly title?: string;
  readonly startsAt?: Instant;
  readonly endsAt?: Instant | null;
  readonly timeZone?: string;
  readonly capacity?: number;
  readonly currency?: string;
  readonly priceOptions?: readonly PriceOptionPatch[];
  readonly bookingDeadlineHours?: number;
  readonly maxTicketsPerBooking?: number;
  readonly refundPolicy?: readonly RefundTier[];
  readonly dynamicPricing?: readonly DynamicPricingTier[];
  readonly groupDiscounts?: readonly GroupDiscountTier[];
  /** Why the times changed, carried by `event.rescheduled`. */
  readonly reason?: string | null;
};

/** `seatsFreed`: seats the change made available (a capacity raise), for the caller to offer to the waitlist. */
export type UpdateEventOutcome = Transition<EventState> & { readonly seatsFreed: number };

export type UpdateEventError = ErrorOf<
  'EVENT_NOT_EDITABLE' | 'INVALID_EVENT' | 'INVALID_REFUND_POLICY' | 'INVALID_PRICING_RULES' | 'CAPACITY_BELOW_SEATS_TAKEN'
>;

type Changeable = Exclude<keyof EventPatch, 'reason'>;

const belowTaken = (capacity: number, seatsTaken: number, what: string): ErrorOf<'CAPACITY_BELOW_SEATS_TAKEN'> =>
  domainError('CAPACITY_BELOW_SEATS_TAKEN', `${what} ${capacity} is below the ${seatsTaken} seat(s) already taken`, {
    capacity,
    seatsTaken,
  });

function mergeOptions(event: EventState, patch: readonly PriceOptionPatch[]): Result<PriceOption[], InvalidEvent> {
  const ids = new Set<string>();
  const merged: PriceOption[] = [];
  for (const [i, o] of patch.entries()) {
    if (ids.has(o.id)) return err(invalidEvent(`priceOptions[${i}].id`, `price option ${o.id} is listed twice`));
    ids.add(o.id);
    const existing = event.priceOptions.find((p) => p.id === o.id);
    merged.push({ ...normalizePriceOption(o, existing?.active ?? true), id: o.id, seatsTaken: existing?.seatsTaken ?? 0 });
  }
  const dropped = event.priceOptions.find((p) => !ids.has(p.id) && p.seatsTaken > 0);
  if (dropped) {
    return err(invalidEvent('priceOptions', `"${dropped.name}" holds ${dropped.seatsTaken} seat(s): deactivate it instead of removing it`));
  }
  return ok(merged);
}

const sameList = <T extends object>(a: readonly T[], b: readonly T[], keys: readonly (keyof T)[]): boolean =>
  a.length === b.length && a.every((x, i) => keys.every((k) => x[k] === b[i]?.[k]));

/** The fields whose value differs, in patch order. */
function changedFields(before: EventState, after: EventState): Changeable[] {
  const scalar = ['title', 'startsAt', 'endsAt', 'timeZone', 'capacity', 'currency', 'bookingDeadlineHours', 'maxTicketsPerBooking'] as const;
  const changed: Changeable[] = scalar.filter((k) => before[k] !== after[k]);
  if (!sameList(before.priceOptions, after.priceOptions, ['id', 'name', 'price', 'quantity', 'active'])) changed.push('priceOptions');
  if (!sameList(before.refundPolicy, after.refundPolicy, ['minHoursBefore', 'percent'])) changed.push('refundPolicy');
  if (!sameList(before.dynamicPricing, after.dynamicPricing, ['minFillPercent', 'multiplier'])) changed.push('dynamicPricing');
  if (!sameList(before.groupDiscounts, after.groupDiscounts, ['minQuantity', 'percent'])) changed.push('groupDiscounts');
  return changed;
}

/** Builds and checks the event the patch asks for; every failure is a value, 422 ones before 409 ones. */
function applyPatch(event: EventState, patch: EventPatch, now: Instant): Result<EventState, UpdateEventError> {
  const options = patch.priceOptions === undefined ? ok(event.priceOptions) : mergeOptions(event, patch.priceOptions);
  if (!options.ok) return options;
  const fields: EventFields = {
    title: patch.title === undefined ? event.title : typeof patch.title === 'string' ? patch.title.trim() : '',
    startsAt: patch.startsAt ?? event.startsAt,
    endsAt: patch.endsAt === undefined ? event.endsAt : patch.endsAt,
    timeZone: patch.timeZone ?? event.timeZone,
    capacity: patch.capacity ?? event.capacity,
    currency: patch.currency ?? event.currency,
    priceOptions: options.value,
    bookingDeadlineHours: patch.bookingDeadlineHours ?? event.bookingDeadlineHours,
    maxTicketsPerBooking: patch.maxTicketsPerBooking ?? event.maxTicketsPerBooking,
  };
  const problem = checkEventFields(fields, { now, startsAtChanged: fields.startsAt !== event.startsAt });
  if (problem) return err(problem);
  // Bookings and refunds are in the event's currency, so it is fixed once the event is public.
  if (fields.currency !== event.currency && event.status === 'PUBLISHED') {
    return err(invalidEvent('currency', 'the currency of a published event cannot change'));
  }
  if (event.publishAt !== null && (event.status === 'SCHEDULED' || event.status === 'IN_REVIEW') && event.publishAt >= fields.startsAt) {
    return err(invalidEvent('startsAt', 'startsAt must stay after the scheduled publishAt'));
  }
  const refundPolicy = patch.refundPolicy === undefined ? ok(event.refundPolicy) : validateRefundPolicy(patch.refundPolicy);
  if (!refundPolicy.ok) return refundPolicy;
  const pricing =
    patch.dynamicPricing === undefined && patch.groupDiscounts === undefined
      ? ok({ dynamicPricing: event.dynamicPricing, groupDiscounts: event.groupDiscounts })
      : validatePricingRules({
          dynamicPricing: patch.dynamicPricing ?? event.dynamicPricing,
          groupDiscounts: patch.groupDiscounts ?? event.groupDiscounts,
        });
  if (!pricing.ok) return pricing;

  if (fields.capacity < event.seatsTaken) return err(belowTaken(fields.capacity, event.seatsTaken, 'capacity'));
  const overQuota = options.value.find((o) => o.quantity !== null && o.quantity < o.seatsTaken);
  if (overQuota && overQuota.quantity !== null) {
    return err(belowTaken(overQuota.quantity, overQuota.seatsTaken, `the quota of "${overQuota.name}"`));
  }
  return ok({
    ...event,
    ...fields,
    priceOptions: options.value,
    maxTicketsPerBooking: clampMaxTickets(fields.maxTicketsPerBooking, fields.capacity),
    refundPolicy: refundPolicy.value,
    dynamicPricing: pricing.value.dynamicPricing,
    groupDiscounts: pricing.value.groupDiscounts,
  });
}

/**
 * Partial update of a live event. New times of a `PUBLISHED` event are a reschedule (`event.rescheduled`, and
 * `rescheduledAt` which entitles later cancels to 100 %); on any non-terminal event new times re-request a crew,
 * since one was asked for the old times. Other changes are announced by `event.updated`. No change, no message.
 */
export function updateEvent(
  event: EventState,
  patch: EventPatch,
  ctx: { readonly now: Instant },
): Result<UpdateEventOutcome, UpdateEventError> {
  const { now } = ctx;
  assertInstant(now, 'now');
  if (isTerminal(event.status)) return err(notEditable(event));
  const reason = optionalText(patch.reason, 'reason', EVENT_LIMITS.reasonMaxLength);
  if (!reason.ok) return reason;
  const applied = applyPatch(event, patch, now);
  if (!applied.ok) return applied;

  const changed = changedFields(event, applied.value);
  if (changed.length === 0) return ok({ state: event, events: [], seatsFreed: 0 });
  const timesChanged = changed.includes('startsAt') || changed.includes('endsAt');
  const reschedule = timesChanged && event.status === 'PUBLISHED';
  let state: EventState = reschedule ? { ...applied.value, rescheduledAt: now } : applied.value;

  const events: DomainEvent[] = [];
  const announced = reschedule ? changed.filter((f) => f !== 'startsAt' && f !== 'endsAt') : changed;
  if (announced.length > 0) events.push(domainEvent('event.updated', event.id, { eventId: event.id, changedFields: announced }));
  if (reschedule) {
    events.push(
      domainEvent('event.rescheduled', event.id, {
        eventId: event.id,
        previousStartsAt: event.startsAt,
        previousEndsAt: event.endsAt,
        startsAt: state.startsAt,
        endsAt: state.endsAt,
        reason: reason.value,
      }),
    );
  }
  if (timesChanged) {
    const crew = rerequestCrew(state, now);
    state = crew.state;
    events.push(...crew.events);
  }
  return ok({ state, events, seatsFreed: Math.max(0, seatsAvailable(state) - seatsAvailable(event)) });
}
