import { canCheckIn, checkInTicket, domainError, err, ok, type Booking, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { BookingRepository } from '../ports/booking-repository.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { ChangeRecorder } from '../shared/change-recorder.js';
import { inTransaction } from './rollback.js';

/**
 * POST /tickets/{ticketCode}/check-in: staff, organisers and admins of the event's organisation; anyone else is told
 * the ticket does not exist. Once per ticket: the second scan answers ALREADY_CHECKED_IN with the first time.
 */
export class CheckInTicketUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly bookings: BookingRepository,
    private readonly events: EventRepository,
    private readonly recorder: ChangeRecorder,
    private readonly clock: Clock,
  ) {}

  async execute(ctx: UseCaseContext, input: { readonly ticketCode: string }): Promise<Result<Booking, AppError>> {
    if (ctx.actor.kind === 'guest') return err(appError('NOT_AUTHENTICATED', 'sign in to check tickets in'));
    const code = input.ticketCode.trim().toUpperCase();
    return inTransaction(this.uow, async (tx) => {
      const booking = await this.bookings.findByTicketCode(tx, code);
      const event = booking === null ? null : await this.events.findById(tx, booking.eventId);
      if (booking === null || event === null || !canCheckIn(ctx.actor, event.state)) {
        return err(domainError('TICKET_NOT_FOUND', 'no ticket with this code'));
      }
      const checked = checkInTicket(booking, { now: this.clock.now() });
      if (!checked.ok) return checked;
      // The adapter never overwrites a stored check-in time, so of two scans racing exactly one writes.
      if (!(await this.bookings.transition(tx, checked.value.state, 'CONFIRMED'))) {
        const current = await this.bookings.findById(tx, booking.id);
        const again = checkInTicket(current, { now: this.clock.now() });
        return again.ok ? err(domainError('TICKET_NOT_VALID', 'the ticket changed while it was checked in', { status: booking.status })) : again;
      }
      await this.recorder.record(tx, ctx, {
        audit: [{ entity: 'BOOKING', entityId: booking.id, eventId: booking.eventId, from: 'CONFIRMED', to: 'CHECKED_IN', reason: null }],
      });
      return ok(checked.value.state);
    });
  }
}
