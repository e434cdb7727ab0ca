import {
  createBooking,
  domainError,
  err,
  memberRole,
  ok,
  optionSeatsAvailable,
  seatsAvailable,
  type Booking,
  type Result,
} from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { BookingRepository } from '../ports/booking-repository.port.js';
import type { Clock } from '../ports/clock.port.js';
import { ConflictError } from '../ports/conflict.error.js';
import type { EventRepository, SeatAdjustmentResult } from '../ports/event-repository.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { PromoCodeRepository } from '../ports/promo-code-repository.port.js';
import type { TicketCodeGenerator } from '../ports/ticket-code-generator.port.js';
import type { TxContext, UnitOfWork } from '../ports/unit-of-work.port.js';
import type { ChangeRecorder } from '../shared/change-recorder.js';
import type { BookingSettings } from './booking-settings.js';
import { inTransaction, Rollback } from './rollback.js';
import { bookingAudit } from './visible-booking.js';

export type CreateBookingRequest = {
  readonly eventId: string;
  readonly quantity: number;
  readonly priceOptionId?: string | null;
  readonly promoCode?: string | null;
};

/**
 * POST /bookings (DESIGN §3.3). The domain runs checks 1–8 on what was read; the transaction then makes them true
 * with conditional writes — seats (event and option) in one statement, the promo use, and the insert that the
 * partial unique index guards — and any refusal rolls everything back and answers the matching error.
 */
export class CreateBookingUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: EventRepository,
    private readonly bookings: BookingRepository,
    private readonly promoCodes: PromoCodeRepository,
    private readonly recorder: ChangeRecorder,
    private readonly ids: IdGenerator,
    private readonly tickets: TicketCodeGenerator,
    private readonly clock: Clock,
    private readonly settings: BookingSettings,
  ) {}

  async execute(ctx: UseCaseContext, input: CreateBookingRequest): Promise<Result<Booking, AppError>> {
    const { actor } = ctx;
    if (actor.kind !== 'user') return err(appError('NOT_AUTHENTICATED', 'sign in to book'));
    const record = await this.events.findById(null, input.eventId);
    const event = record?.state ?? null;
    const typed = input.promoCode?.trim() ?? '';
    const promo = event !== null && typed !== '' ? await this.promoCodes.findByCode(null, event.organizationId, typed) : null;
    const hasActiveBooking = event !== null && (await this.bookings.hasActiveBooking(null, event.id, actor.id));
    const now = this.clock.now();
    const decided = createBooking({
      event,
      userId: actor.id,
      isMemberOfOrganization: event !== null && memberRole(actor, event.organizationId) !== null,
      quantity: input.quantity,
      priceOptionId: input.priceOptionId ?? null,
      promoCode: typed === '' ? null : typed,
      promo,
      hasActiveBooking,
      now,
      bookingId: this.ids.next(),
      ticketCode: this.tickets.next(),
      ttlMinutes: this.settings.ttlMinutes,
    });
    if (!decided.ok) return decided;
    const { booking, events } = decided.value;

    try {
      return await inTransaction(this.uow, async (tx) => {
        // The messages and the audit row first: they wait for no other transaction (the booking's subject is new to
        // the outbox), so the event's row lock, taken by the seat update, is held only for the statements after it —
        // on a hot event the bookings queue on that lock, and every statement less under it is throughput. The
        // booking's insert stays after the lock: its unique index can wait for another transaction's booking of the
        // same user (a claimed offer holds the event's lock then), and waits must follow the lock order.
        // Any refusal below throws, which rolls these rows back with everything else.
        await this.recorder.record(tx, ctx, { events, audit: [bookingAudit(booking, null)] });
        // Without a promo code (whose lock comes between the seats and the insert), a repository that can do so takes
        // the seats and inserts in one statement: only COMMIT is then left under the event's lock.
        if (booking.promoCodeId === null && this.bookings.insertReservingSeats !== undefined) {
          const reserved = await this.bookings.insertReservingSeats(tx, booking);
          if (reserved !== 'OK') throw new Rollback(await this.seatError(tx, booking, reserved));
          return ok(booking);
        }
        const seats = await this.events.adjustSeats(tx, booking.eventId, {
          eventDelta: booking.quantity,
          option: { id: booking.priceOptionId, delta: booking.quantity },
          requirePublished: true,
        });
        if (seats !== 'OK') throw new Rollback(await this.seatError(tx, booking, seats));
        // After the event's lock, as on every path (event → promo code).
        if (booking.promoCodeId !== null && !(await this.promoCodes.adjustUses(tx, booking.promoCodeId, 1))) {
          throw new Rollback(domainError('INVALID_PROMO_CODE', 'this promo code has been used up', { reason: 'EXHAUSTED' }));
        }
        await this.bookings.insert(tx, booking);
        return ok(booking);
      });
    } catch (error: unknown) {
      if (error instanceof ConflictError && error.constraint === 'booking_active_per_user') {
        return err(domainError('ALREADY_BOOKED', 'you already have an active booking for this event'));
      }
      throw error;
    }
  }

  /** Why the conditional update refused, told from the event as it is now (nothing was written yet). */
  private async seatError(tx: TxContext, booking: Booking, seats: Exclude<SeatAdjustmentResult, 'OK'>): Promise<AppError> {
    const current = await this.events.findById(tx, booking.eventId);
    switch (seats) {
      case 'EVENT_FULL':
        return domainError('EVENT_FULL', `only ${current ? seatsAvailable(current.state) : 0} seat(s) left`, {
          waitlistJoinable: true,
          seatsAvailable: current ? seatsAvailable(current.state) : 0,
        });
      case 'PRICE_OPTION_SOLD_OUT': {
        const option = current?.state.priceOptions.find((o) => o.id === booking.priceOptionId);
        const left = option ? (optionSeatsAvailable(option) ?? 0) : 0;
        return domainError('PRICE_OPTION_SOLD_OUT', `only ${left} seat(s) of this option left`, { seatsAvailable: left });
      }
      case 'NOT_BOOKABLE': {
        const status = current?.state.status ?? 'CANCELED';
        return domainError('EVENT_NOT_BOOKABLE', `the event is ${status}`, { status });
      }
    }
  }
}
