import type { EventState, PriceOption } from '../event/event.types.js';
import { domainError, type BookingError } from '../shared/errors.js';
import { DomainInvariantError, err, ok, type Result } from '../shared/result.js';

type SeatError = Extract<BookingError, { type: 'EVENT_FULL' | 'PRICE_OPTION_SOLD_OUT' }>;

/** `capacity − seatsTaken`, never below 0. */
export const seatsAvailable = (event: Pick<EventState, 'capacity' | 'seatsTaken'>): number =>
  Math.max(0, event.capacity - event.seatsTaken);

/** Seats left in an option's own quota; `null` when the option has none. */
export const optionSeatsAvailable = (option: PriceOption): number | null =>
  option.quantity === null ? null : Math.max(0, option.quantity - option.seatsTaken);

/** Seats a booking of this option could take now: the smaller of the event's and the option's. */
export function bookableSeats(event: EventState, option: PriceOption | null): number {
  const own = option ? optionSeatsAvailable(option) : null;
  return own === null ? seatsAvailable(event) : Math.min(seatsAvailable(event), own);
}

function assertQuantity(quantity: number): void {
  if (!Number.isSafeInteger(quantity) || quantity < 1) {
    throw new DomainInvariantError('INVALID_ARGUMENT', `seat quantity must be a positive integer, got ${quantity}`);
  }
}

function updateOption(event: EventState, optionId: string, delta: number): EventState {
  return {
    ...event,
    priceOptions: event.priceOptions.map((o) => (o.id === optionId ? { ...o, seatsTaken: o.seatsTaken + delta } : o)),
  };
}

/**
 * Takes `quantity` seats of the event and, when `priceOptionId` is given, of that option's quota: all or nothing.
 * The pure mirror of the conditional `UPDATE … WHERE seats_taken + n <= capacity` the adapters run.
 * Event-level shortage answers `EVENT_FULL` (the waitlist is joinable); a quota shortage `PRICE_OPTION_SOLD_OUT`.
 */
export function reserveSeats(event: EventState, quantity: number, priceOptionId: string | null): Result<EventState, SeatError> {
  assertQuantity(quantity);
  const available = seatsAvailable(event);
  if (quantity > available) {
    return err(
      domainError('EVENT_FULL', `only ${available} seat(s) left, ${quantity} requested`, {
        waitlistJoinable: true,
        seatsAvailable: available,
      }),
    );
  }
  let next: EventState = { ...event, seatsTaken: event.seatsTaken + quantity };
  if (priceOptionId !== null) {
    const option = event.priceOptions.find((o) => o.id === priceOptionId);
    if (!option) throw new DomainInvariantError('INVALID_ARGUMENT', `unknown price option ${priceOptionId}`);
    const own = optionSeatsAvailable(option);
    if (own !== null && quantity > own) {
      return err(
        domainError('PRICE_OPTION_SOLD_OUT', `only ${own} seat(s) of "${option.name}" left, ${quantity} requested`, {
          seatsAvailable: own,
        }),
      );
    }
    next = updateOption(next, priceOptionId, quantity);
  }
  return ok(next);
}

/**
 * Gives seats back (cancel, expiry, an offer that lapses). Releasing more than is taken is a bug in the
 * caller, never a business outcome, so it throws rather than clamping the counter into a wrong value.
 */
export function releaseSeats(event: EventState, quantity: number, priceOptionId: string | null): EventState {
  assertQuantity(quantity);
  if (quantity > event.seatsTaken) {
    throw new DomainInvariantError('INVALID_ARGUMENT', `cannot release ${quantity} seat(s), only ${event.seatsTaken} taken`);
  }
  let next: EventState = { ...event, seatsTaken: event.seatsTaken - quantity };
  if (priceOptionId !== null) {
    const option = event.priceOptions.find((o) => o.id === priceOptionId);
    if (!option) throw new DomainInvariantError('INVALID_ARGUMENT', `unknown price option ${priceOptionId}`);
    if (quantity > option.seatsTaken) {
      throw new DomainInvariantError('INVALID_ARGUMENT', `cannot release ${quantity} seat(s) of option ${option.id}`);
    }
    next = updateOption(next, priceOptionId, -quantity);
  }
  return next;
}

/** What the counters are defined as (DESIGN §3.2), computed from the rows they summarise. */
export type SeatHolders = {
  readonly bookings: readonly { readonly status: string; readonly quantity: number; readonly priceOptionId: string | null }[];
  readonly waitlist: readonly { readonly status: string; readonly quantity: number }[];
};

export type SeatCounts = { readonly seatsTaken: number; readonly byOption: Readonly<Record<string, number>> };

export function expectedSeatCounts(holders: SeatHolders): SeatCounts {
  let seatsTaken = 0;
  const byOption: Record<string, number> = {};
  for (const b of holders.bookings) {
    if (b.status !== 'PENDING_PAYMENT' && b.status !== 'CONFIRMED') continue;
    seatsTaken += b.quantity;
    if (b.priceOptionId !== null) byOption[b.priceOptionId] = (byOption[b.priceOptionId] ?? 0) + b.quantity;
  }
  for (const w of holders.waitlist) {
    if (w.status === 'OFFERED') seatsTaken += w.quantity;
  }
  return { seatsTaken, byOption };
}

export type SeatDrift = {
  readonly field: 'seatsTaken' | `priceOptions.${string}.seatsTaken`;
  readonly stored: number;
  readonly expected: number;
};

/** Compares the stored counters with the sums; `repaired` is the event with the sums written back. */
export function reconcileSeats(event: EventState, holders: SeatHolders): { drift: readonly SeatDrift[]; repaired: EventState } {
  const expected = expectedSeatCounts(holders);
  const drift: SeatDrift[] = [];
  if (event.seatsTaken !== expected.seatsTaken) {
    drift.push({ field: 'seatsTaken', stored: event.seatsTaken, expected: expected.seatsTaken });
  }
  const priceOptions = event.priceOptions.map((o) => {
    const want = expected.byOption[o.id] ?? 0;
    if (o.seatsTaken === want) return o;
    drift.push({ field: `priceOptions.${o.id}.seatsTaken`, stored: o.seatsTaken, expected: want });
    return { ...o, seatsTaken: want };
  });
  return { drift, repaired: { ...event, seatsTaken: expected.seatsTaken, priceOptions } };
}
