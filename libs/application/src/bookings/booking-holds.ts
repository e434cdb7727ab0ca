import type { Booking } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { EventRepository, SeatRelease } from '../ports/event-repository.port.js';
import type { PromoCodeRepository } from '../ports/promo-code-repository.port.js';
import type { TxContext } from '../ports/unit-of-work.port.js';

/** The waitlist's part in freeing seats (OfferFreedSeatsService), as the booking use cases need it. */
export type FreedSeatsOfferer = {
  offer(tx: TxContext, ctx: UseCaseContext, eventId: string): Promise<number>;
  /** `offer` for several events; when absent, `offer` is called for each. */
  offerMany?(tx: TxContext, ctx: UseCaseContext, eventIds: readonly string[]): Promise<number>;
};

/** A booking whose own compare-and-set just ended it, and the promo use it gives back (see `release`). */
export type EndedHold = { readonly booking: Booking; readonly promoUseToRelease: string | null };

/**
 * What a booking that stops being active gives back, in the caller's transaction and only after its own
 * compare-and-set succeeded (so exactly once): its seats (event and price option), the promo use it reserved when it
 * ends unconfirmed, then the freed seats go to the head of the waitlist.
 */
export class BookingHolds {
  constructor(
    private readonly events: EventRepository,
    private readonly promoCodes: PromoCodeRepository,
    private readonly offerer: FreedSeatsOfferer,
  ) {}

  /**
   * Takes the event's row lock before anything else (a zero adjustment is the same conditional UPDATE, so it locks
   * the row without changing it). Every path that changes a booking and its seats — cancel, expiry, payment, the
   * event-cancel cascade, the waitlist — then locks the event first, so none can deadlock with another.
   */
  async lockEvent(tx: TxContext, eventId: string): Promise<void> {
    await this.events.adjustSeats(tx, eventId, { eventDelta: 0, option: null, requirePublished: false });
  }

  async release(tx: TxContext, ctx: UseCaseContext, booking: Booking, promoUseToRelease: string | null): Promise<void> {
    const q = booking.quantity;
    const seats = await this.events.adjustSeats(tx, booking.eventId, {
      eventDelta: -q,
      option: { id: booking.priceOptionId, delta: -q },
      requirePublished: false,
    });
    // The booking's own CAS guarantees a single release, so a refusal means the counter is already wrong:
    // throwing rolls back rather than committing a second error on top of it (reconcile repairs the drift).
    if (seats !== 'OK') throw new Error(`giving back ${q} seat(s) of booking ${booking.id} failed: ${seats}`);
    if (promoUseToRelease !== null) {
      // A refusal means the counter is already at 0 (the code's uses were reset): there is nothing left to give back.
      await this.promoCodes.adjustUses(tx, promoUseToRelease, -1);
    }
    await this.offerer.offer(tx, ctx, booking.eventId);
  }

  /**
   * `release` for a batch of bookings whose compare-and-set succeeded in this transaction, set-based: seats grouped by
   * event and option in one bulk update, promo uses grouped, then the lines of the events that got seats back. The
   * caller has locked the events (`EventRepository.lockMany`) before anything else.
   */
  async releaseMany(tx: TxContext, ctx: UseCaseContext, ended: readonly EndedHold[]): Promise<void> {
    if (ended.length === 0) return;
    const byEvent = new Map<string, { seats: number; byOption: Record<string, number> }>();
    const uses: Record<string, number> = {};
    for (const { booking, promoUseToRelease } of ended) {
      const group = byEvent.get(booking.eventId) ?? { seats: 0, byOption: {} };
      group.seats += booking.quantity;
      group.byOption[booking.priceOptionId] = (group.byOption[booking.priceOptionId] ?? 0) + booking.quantity;
      byEvent.set(booking.eventId, group);
      if (promoUseToRelease !== null) uses[promoUseToRelease] = (uses[promoUseToRelease] ?? 0) + 1;
    }
    const releases: SeatRelease[] = [...byEvent].map(([eventId, g]) => ({ eventId, seats: g.seats, byOption: g.byOption }));
    const refused = await this.events.releaseSeats(tx, releases);
    // As in `release`: the bookings' own CAS guarantees a single release, so a refusal means drift — roll back.
    if (refused.length > 0) throw new Error(`giving back the seats of ${ended.length} booking(s) failed for event(s) ${refused.join(', ')}`);
    if (Object.keys(uses).length > 0) await this.promoCodes.releaseUses(tx, uses);
    const eventIds = [...byEvent.keys()];
    if (this.offerer.offerMany !== undefined) {
      await this.offerer.offerMany(tx, ctx, eventIds);
    } else {
      for (const eventId of eventIds.sort()) await this.offerer.offer(tx, ctx, eventId);
    }
  }

  /** Takes the seats of an expired booking again for a late payment; the answer of the conditional update. */
  async retake(tx: TxContext, booking: Booking) {
    const q = booking.quantity;
    return this.events.adjustSeats(tx, booking.eventId, {
      eventDelta: q,
      option: { id: booking.priceOptionId, delta: q },
      requirePublished: true,
    });
  }

  /** Undoes `retake` when the booking's own transition then lost a race. */
  async undoRetake(tx: TxContext, booking: Booking): Promise<void> {
    const q = booking.quantity;
    const seats = await this.events.adjustSeats(tx, booking.eventId, {
      eventDelta: -q,
      option: { id: booking.priceOptionId, delta: -q },
      requirePublished: false,
    });
    if (seats !== 'OK') throw new Error(`undoing the seats retaken for booking ${booking.id} failed: ${seats}`);
  }
}
