import type { Booking } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { PromoCodeRepository } from '../ports/promo-code-repository.port.js';
import type { TxContext } from '../ports/unit-of-work.port.js';

/** The waitlist's part in freeing seats (OfferFreedSeatsService), as the booking use cases need it. */
export type FreedSeatsOfferer = {
  offer(tx: TxContext, ctx: UseCaseContext, eventId: string): Promise<number>;
};

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
