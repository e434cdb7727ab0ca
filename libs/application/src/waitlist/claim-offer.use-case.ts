import { claimOffer, createBookingFromOffer, domainError, err, isSignedIn, ok, type Booking, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { BookingRepository } from '../ports/booking-repository.port.js';
import type { Clock } from '../ports/clock.port.js';
import { ConflictError } from '../ports/conflict.error.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { TicketCodeGenerator } from '../ports/ticket-code-generator.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { WaitlistRepository } from '../ports/waitlist-repository.port.js';
import type { ChangeRecorder } from '../shared/change-recorder.js';
import { waitlistAudit } from './waitlist-changes.js';

export type ClaimOfferSettings = {
  /** `BOOKING_TTL_MINUTES`: the payment deadline of the booking the claim makes. */
  readonly bookingTtlMinutes: number;
};

const BOOKING_ACTIVE_PER_USER = 'booking_active_per_user';

/**
 * `POST /waitlist/{id}/claim` (DESIGN §3.5): the owner turns an open offer into a `PENDING_PAYMENT` booking. The
 * offer's hold becomes the booking's seats (the event's count does not move; the option's quota now counts them).
 */
export class ClaimOfferUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: EventRepository,
    private readonly bookings: BookingRepository,
    private readonly waitlist: WaitlistRepository,
    private readonly recorder: ChangeRecorder,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly ticketCodes: TicketCodeGenerator,
    private readonly settings: ClaimOfferSettings,
  ) {}

  async execute(ctx: UseCaseContext, input: { readonly entryId: string }): Promise<Result<Booking, AppError>> {
    const { actor } = ctx;
    if (!isSignedIn(actor)) return err(appError('NOT_AUTHENTICATED', 'sign in to claim an offer'));
    const notFound = err(appError('WAITLIST_ENTRY_NOT_FOUND', 'no such waitlist entry'));
    const seen = await this.waitlist.findById(null, input.entryId);
    if (seen === null || seen.userId !== actor.id) return notFound;
    try {
      return await this.uow.run(async (tx): Promise<Result<Booking, AppError>> => {
        await this.waitlist.lockLine(tx, seen.eventId);
        const entry = await this.waitlist.findById(tx, seen.id);
        const record = await this.events.findById(tx, seen.eventId);
        if (entry === null || record === null) return notFound;
        const now = this.clock.now();
        const bookingId = this.ids.next();
        const claimed = claimOffer(entry, { now, bookingId });
        if (!claimed.ok) return claimed;
        const made = createBookingFromOffer({
          event: record.state,
          entry: claimed.value.state,
          now,
          bookingId,
          ticketCode: this.ticketCodes.next(),
          ttlMinutes: this.settings.bookingTtlMinutes,
        });
        if (!made.ok) return made;
        const { booking } = made.value;

        const quota = await this.events.adjustSeats(tx, record.state.id, {
          eventDelta: 0,
          option: { id: booking.priceOptionId, delta: booking.quantity },
          requirePublished: false,
        });
        switch (quota) {
          case 'OK':
            break;
          case 'PRICE_OPTION_SOLD_OUT':
            // Nothing is written yet; the offer keeps its hold until it is claimed in another option or lapses.
            return err(domainError('PRICE_OPTION_SOLD_OUT', 'the price option of this offer is sold out', { seatsAvailable: 0 }));
          case 'EVENT_FULL':
          case 'NOT_BOOKABLE':
            throw new Error(`moving the hold of waitlist entry ${entry.id} to option ${booking.priceOptionId} failed: ${quota}`);
        }
        await this.bookings.insert(tx, booking);
        if (!(await this.waitlist.transition(tx, claimed.value.state, 'OFFERED'))) {
          throw new Error(`waitlist entry ${entry.id} changed under its line lock`);
        }
        await this.recorder.record(tx, ctx, {
          events: [...claimed.value.events, ...made.value.events],
          audit: [
            waitlistAudit(claimed.value.state, 'OFFERED'),
            { entity: 'BOOKING', entityId: booking.id, eventId: booking.eventId, from: null, to: booking.status, reason: 'waitlist claim' },
          ],
        });
        return ok(booking);
      });
    } catch (e) {
      // The claimant booked the event directly since joining: the booking table refused a second active booking.
      if (e instanceof ConflictError && e.constraint === BOOKING_ACTIVE_PER_USER) {
        return err(domainError('ALREADY_BOOKED', 'you already have an active booking for this event'));
      }
      throw e;
    }
  }
}
