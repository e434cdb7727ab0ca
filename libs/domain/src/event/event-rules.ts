import { domainEvent, type DomainEvent } from '../shared/domain-event.js';
import { domainError, type DomainError, type DomainErrorType } from '../shared/errors.js';
import { isCurrencyCode } from '../shared/money.js';
import { DomainInvariantError, err, ok, type Result } from '../shared/result.js';
import { isValidInstant, type Instant } from '../shared/time.js';
import { TERMINAL_EVENT_STATUSES, type CrewRequest, type EventState, type EventStatus, type PriceOption } from './event.types.js';

export type ErrorOf<T extends DomainErrorType> = Extract<DomainError, { type: T }>;
export type InvalidEvent = ErrorOf<'INVALID_EVENT'>;

/** The commands of the lifecycle, as named in `INVALID_EVENT_TRANSITION.command`. */
export type EventCommand =
  | 'publish'
  | 'submit'
  | 'approve'
  | 'reject'
  | 'unschedule'
  | 'publish-due'
  | 'cancel'
  | 'complete'
  | 'update';

export const EVENT_LIMITS = {
  titleMaxLength: 200,
  capacityMax: 100_000,
  bookingDeadlineHoursMax: 8760,
  /** An upper bound of its own: the clamp to capacity alone would let one booking take 100 000 seats. */
  maxTicketsPerBookingMax: 100,
  priceOptionNameMaxLength: 100,
  priceOptionsMax: 50,
  crewSizeMax: 50,
  crewSkillsMax: 20,
  crewSkillMaxLength: 100,
  reasonMaxLength: 1000,
} as const;

export const DEFAULT_TIME_ZONE = 'UTC';
export const DEFAULT_BOOKING_DEADLINE_HOURS = 24;
export const DEFAULT_MAX_TICKETS_PER_BOOKING = 10;

export const isTerminal = (status: EventStatus): boolean => TERMINAL_EVENT_STATUSES.includes(status);

export const invalidEvent = (field: string, detail: string): InvalidEvent => domainError('INVALID_EVENT', detail, { field });

export const notEditable = (event: EventState): ErrorOf<'EVENT_NOT_EDITABLE'> =>
  domainError('EVENT_NOT_EDITABLE', `the event is ${event.status} and can no longer change`, { status: event.status });

export const invalidTransition = (event: EventState, command: EventCommand, why?: string): ErrorOf<'INVALID_EVENT_TRANSITION'> =>
  domainError('INVALID_EVENT_TRANSITION', why ?? `cannot ${command} an event that is ${event.status}`, {
    from: event.status,
    command,
  });

/** A clock value that is not a finite number is a bug in the caller, not a business outcome. */
export function assertInstant(t: Instant, name: string): void {
  if (!isValidInstant(t)) throw new DomainInvariantError('INVALID_ARGUMENT', `${name} must be an instant, got ${String(t)}`);
}

const isIntIn = (n: number, min: number, max: number): boolean => Number.isSafeInteger(n) && n >= min && n <= max;

/** Trimmed, non-empty, bounded text (title, reasons). */
export function requiredText(value: string, field: string, maxLength: number): Result<string, InvalidEvent> {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.length === 0) return err(invalidEvent(field, `${field} must not be empty`));
  if (text.length > maxLength) return err(invalidEvent(field, `${field} must be at most ${maxLength} characters`));
  return ok(text);
}

/** Optional text: blank means none. */
export function optionalText(value: string | null | undefined, field: string, maxLength: number): Result<string | null, InvalidEvent> {
  if (value === null || value === undefined || value.trim() === '') return ok(null);
  return requiredText(value, field, maxLength);
}

// Existence of the zone is checked at the edge (zod + Intl); the domain only refuses what cannot be an IANA name.
const TIME_ZONE = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/** A price option after validation, before the event gives it an id and a seat count. */
export type PriceOptionFields = Pick<PriceOption, 'name' | 'price' | 'quantity' | 'active'>;

/** The rule-relevant fields every create and update must leave valid. */
export type EventFields = {
  readonly title: string;
  readonly startsAt: Instant;
  readonly endsAt: Instant | null;
  readonly timeZone: string;
  readonly capacity: number;
  readonly currency: string;
  readonly priceOptions: readonly PriceOptionFields[];
  readonly bookingDeadlineHours: number;
  readonly maxTicketsPerBooking: number;
};

function checkPriceOptions(options: readonly PriceOptionFields[], capacity: number): InvalidEvent | null {
  if (options.length === 0) return invalidEvent('priceOptions', 'an event needs at least one price option');
  if (options.length > EVENT_LIMITS.priceOptionsMax) {
    return invalidEvent('priceOptions', `an event has at most ${EVENT_LIMITS.priceOptionsMax} price options`);
  }
  const names = new Set<string>();
  for (const [i, o] of options.entries()) {
    const at = `priceOptions[${i}]`;
    if (o.name.length === 0 || o.name.length > EVENT_LIMITS.priceOptionNameMaxLength) {
      return invalidEvent(`${at}.name`, `a price option name has 1 to ${EVENT_LIMITS.priceOptionNameMaxLength} characters`);
    }
    const key = o.name.toLowerCase();
    if (names.has(key)) return invalidEvent(`${at}.name`, `two price options are named "${o.name}"`);
    names.add(key);
    if (!Number.isSafeInteger(o.price) || o.price < 0) {
      return invalidEvent(`${at}.price`, 'a price is a non-negative integer of minor units');
    }
    if (o.quantity !== null && !isIntIn(o.quantity, 1, capacity)) {
      return invalidEvent(`${at}.quantity`, `a price option quota is an integer from 1 to the capacity (${capacity})`);
    }
  }
  return null;
}

/**
 * Checks the fields of a candidate event, first failure first. `startsAt` must lie ahead only when it is being
 * set (`startsAtChanged`): an event that has begun may still have its other fields edited.
 */
export function checkEventFields(fields: EventFields, opts: { now: Instant; startsAtChanged: boolean }): InvalidEvent | null {
  const { startsAt, endsAt, capacity } = fields;
  if (fields.title.length === 0 || fields.title.length > EVENT_LIMITS.titleMaxLength) {
    return invalidEvent('title', `the title has 1 to ${EVENT_LIMITS.titleMaxLength} characters`);
  }
  if (!isValidInstant(startsAt)) return invalidEvent('startsAt', 'startsAt must be an instant');
  if (opts.startsAtChanged && startsAt <= opts.now) return invalidEvent('startsAt', 'startsAt must be in the future');
  if (endsAt !== null && (!isValidInstant(endsAt) || endsAt <= startsAt)) {
    return invalidEvent('endsAt', 'endsAt must be after startsAt');
  }
  if (!TIME_ZONE.test(fields.timeZone) || fields.timeZone.length > 64) {
    return invalidEvent('timeZone', 'timeZone must be an IANA time zone name');
  }
  if (!isIntIn(capacity, 1, EVENT_LIMITS.capacityMax)) {
    return invalidEvent('capacity', `capacity is an integer from 1 to ${EVENT_LIMITS.capacityMax}`);
  }
  if (!isCurrencyCode(fields.currency)) return invalidEvent('currency', 'currency must be an ISO 4217 code');
  const optionProblem = checkPriceOptions(fields.priceOptions, capacity);
  if (optionProblem) return optionProblem;
  if (!isIntIn(fields.bookingDeadlineHours, 0, EVENT_LIMITS.bookingDeadlineHoursMax)) {
    return invalidEvent('bookingDeadlineHours', `bookingDeadlineHours is an integer from 0 to ${EVENT_LIMITS.bookingDeadlineHoursMax}`);
  }
  if (!isIntIn(fields.maxTicketsPerBooking, 1, EVENT_LIMITS.maxTicketsPerBookingMax)) {
    return invalidEvent('maxTicketsPerBooking', `maxTicketsPerBooking is an integer from 1 to ${EVENT_LIMITS.maxTicketsPerBookingMax}`);
  }
  return null;
}

/** One booking can never take more seats than the event has, so the stored limit is clamped to the capacity. */
export const clampMaxTickets = (maxTicketsPerBooking: number, capacity: number): number =>
  Math.min(maxTicketsPerBooking, capacity);

export type PriceOptionInput = {
  readonly name: string;
  readonly price: number;
  readonly quantity?: number | null;
  readonly active?: boolean;
};

export const normalizePriceOption = (o: PriceOptionInput, active: boolean): PriceOptionFields => ({
  name: typeof o.name === 'string' ? o.name.trim() : '',
  price: o.price,
  quantity: o.quantity ?? null,
  active: o.active ?? active,
});

/** A crew request: size 1..50, skills trimmed, non-empty and without duplicates. */
export function validateCrewRequest(request: CrewRequest): Result<CrewRequest, InvalidEvent> {
  if (!isIntIn(request.size, 1, EVENT_LIMITS.crewSizeMax)) {
    return err(invalidEvent('crew.size', `crew size is an integer from 1 to ${EVENT_LIMITS.crewSizeMax}`));
  }
  if (request.skills.length > EVENT_LIMITS.crewSkillsMax) {
    return err(invalidEvent('crew.skills', `at most ${EVENT_LIMITS.crewSkillsMax} skills`));
  }
  const skills: string[] = [];
  for (const [i, raw] of request.skills.entries()) {
    const skill = requiredText(raw, `crew.skills[${i}]`, EVENT_LIMITS.crewSkillMaxLength);
    if (!skill.ok) return skill;
    if (!skills.includes(skill.value)) skills.push(skill.value);
  }
  return ok({ size: request.size, skills });
}

/** `publishAt` must fall before the start: an event published after it began could never be booked. */
export function checkPublishAt(publishAt: Instant | null, startsAt: Instant): InvalidEvent | null {
  if (publishAt === null) return null;
  if (!isValidInstant(publishAt)) return invalidEvent('publishAt', 'publishAt must be an instant');
  if (publishAt >= startsAt) return invalidEvent('publishAt', 'publishAt must be before startsAt');
  return null;
}

export type StatusError = ErrorOf<'EVENT_NOT_EDITABLE' | 'INVALID_EVENT_TRANSITION'>;

/** Terminal states answer `EVENT_NOT_EDITABLE` whatever the command; other wrong states a transition error. */
export function guardStatus(event: EventState, command: EventCommand, allowed: readonly EventStatus[]): StatusError | null {
  if (isTerminal(event.status)) return notEditable(event);
  if (!allowed.includes(event.status)) return invalidTransition(event, command);
  return null;
}

/** Status changes with no message type of their own are announced as updates, so that every change is published. */
export const eventUpdated = (event: EventState, changedFields: readonly string[]): DomainEvent =>
  domainEvent('event.updated', event.id, { eventId: event.id, changedFields });

/** Publication needs an event that has not begun. */
export const checkNotStarted = (event: EventState, now: Instant): InvalidEvent | null =>
  event.startsAt <= now ? invalidEvent('startsAt', 'the event has already started') : null;
