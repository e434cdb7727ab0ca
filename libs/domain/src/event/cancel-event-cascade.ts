import type { Booking } from '../booking/booking.types.js';
import { cancelBooking } from '../booking/cancel-booking.js';
import type { DomainEvent } from '../shared/domain-event.js';
import { add, money, zero } from '../shared/money.js';
import { DomainInvariantError, ok, type Result } from '../shared/result.js';
import type { Instant } from '../shared/time.js';
import { cancelWaitlistForEvent } from '../waitlist/cancel-waitlist.js';
import type { WaitlistEntry } from '../waitlist/waitlist.types.js';
import { cancelEvent, type CancelEventError } from './cancel-event.js';
import type { EventState } from './event.types.js';

export type CancelEventCascadeInput = {
  readonly event: EventState;
  /** Every booking of the event (the finished ones are left alone): fewer would leave seats counted. */
  readonly bookings: readonly Booking[];
  /** Every waitlist entry of the event; entries of other events are ignored. */
  readonly entries: readonly WaitlistEntry[];
  readonly reason: string;
  readonly by: 'ORGANIZER' | 'ADMIN';
  readonly actorId: string;
  /** An admin's refund percentage (0–100, up to four decimals); left out or `null` = 100 %. */
  readonly overridePercent?: number | null;
  readonly now: Instant;
  /** Minor units of a booking's payment already refunded, so that partial refunds add up and never exceed it. */
  readonly alreadyRefunded: (bookingId: string) => number;
};

/** Money to send back through the gateway for one booking. */
export type CascadeRefund = { readonly bookingId: string; readonly amount: number; readonly percent: number };

/** What the admin CLI's `--dry-run` prints per event. */
export type CancelEventCascadeSummary = {
  readonly bookingsCanceled: number;
  /** Minor units of `currency`. */
  readonly refundTotal: number;
  readonly currency: string;
  readonly waitlistCanceled: number;
  readonly crewReleased: boolean;
};

export type CancelEventCascade = {
  /** Canceled, crew released, every seat given back. */
  readonly event: EventState;
  /** Only the bookings that changed. */
  readonly bookings: readonly Booking[];
  /** Only the entries that changed. */
  readonly entries: readonly WaitlistEntry[];
  readonly refunds: readonly CascadeRefund[];
  /** One id per use to release (a code used by two bookings appears twice). */
  readonly promoUsesToRelease: readonly string[];
  /** `event.canceled`, then one message per booking, then the waitlist's, then the crew's. */
  readonly events: readonly DomainEvent[];
  readonly summary: CancelEventCascadeSummary;
};

const noOp = (event: EventState): CancelEventCascade => ({
  event,
  bookings: [],
  entries: [],
  refunds: [],
  promoUsesToRelease: [],
  events: [],
  summary: { bookingsCanceled: 0, refundTotal: 0, currency: event.currency, waitlistCanceled: 0, crewReleased: false },
});

function assertOverride(by: CancelEventCascadeInput['by'], overridePercent: number | null): void {
  // Checked up front, not only when a paid booking reaches the refund quote, so a dry run fails like the real one.
  if (overridePercent === null) return;
  if (by !== 'ADMIN') throw new DomainInvariantError('INVALID_ARGUMENT', `only an admin may choose the refund percentage, not ${by}`);
  if (!(overridePercent >= 0 && overridePercent <= 100)) {
    throw new DomainInvariantError('INVALID_ARGUMENT', `override percent must be within 0..100, got ${overridePercent}`);
  }
}

/**
 * `PUBLISHED → CANCELED` with everything it entails (DESIGN §3.1): active bookings canceled and the paid ones
 * refunded 100 % (or an admin's percentage), even once the event has started, waitlist entries canceled, the crew
 * released. Pure, so the same call is both the dry run and the real thing. A canceled event is a no-op; a
 * completed one answers `EVENT_NOT_EDITABLE`, a blank reason `INVALID_EVENT`.
 */
export function cancelEventCascade(input: CancelEventCascadeInput): Result<CancelEventCascade, CancelEventError> {
  const overridePercent = input.overridePercent ?? null;
  assertOverride(input.by, overridePercent);
  if (input.event.status === 'CANCELED') return ok(noOp(input.event));
  const canceledEvent = cancelEvent(input.event, { reason: input.reason, now: input.now });
  if (!canceledEvent.ok) return canceledEvent;

  let event = canceledEvent.value.state;
  const reason = event.cancelReason;
  const head = canceledEvent.value.events.filter((e) => e.type === 'event.canceled');
  const crewEvents = canceledEvent.value.events.filter((e) => e.type !== 'event.canceled');

  const bookings: Booking[] = [];
  const refunds: CascadeRefund[] = [];
  const promoUsesToRelease: string[] = [];
  const bookingEvents: DomainEvent[] = [];
  let refundTotal = zero(event.currency);
  for (const booking of input.bookings) {
    if (booking.status !== 'PENDING_PAYMENT' && booking.status !== 'CONFIRMED') continue;
    const r = cancelBooking(booking, {
      event,
      by: input.by,
      actorId: input.actorId,
      overridePercent,
      reason,
      now: input.now,
      alreadyRefunded: input.alreadyRefunded(booking.id),
      allowAfterStart: true,
    });
    if (!r.ok) {
      throw new DomainInvariantError('INVALID_ARGUMENT', `active booking ${booking.id} could not be canceled: ${r.error.type}`);
    }
    event = r.value.event;
    bookings.push(r.value.booking);
    bookingEvents.push(...r.value.events);
    if (r.value.promoUseToRelease !== null) promoUsesToRelease.push(r.value.promoUseToRelease);
    const refund = r.value.booking.refund;
    if (refund !== null && refund.amount > 0) {
      refunds.push({ bookingId: booking.id, amount: refund.amount, percent: refund.percent });
      // Through Money so that a booking in another currency than its event fails loudly instead of adding up.
      refundTotal = add(refundTotal, money(refund.amount, booking.currency));
    }
  }

  const waitlist = cancelWaitlistForEvent({ event, entries: input.entries, now: input.now });
  event = waitlist.event;

  return ok({
    event,
    bookings,
    entries: waitlist.canceled,
    refunds,
    promoUsesToRelease,
    events: [...head, ...bookingEvents, ...waitlist.events, ...crewEvents],
    summary: {
      bookingsCanceled: bookings.length,
      refundTotal: refundTotal.amount,
      currency: event.currency,
      waitlistCanceled: waitlist.canceled.length,
      crewReleased: crewEvents.some((e) => e.type === 'crew.released'),
    },
  });
}
