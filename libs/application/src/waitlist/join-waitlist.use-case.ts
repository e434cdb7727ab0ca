import { domainError, err, isAdmin, isSignedIn, joinWaitlist, memberRole, ok, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { BookingRepository } from '../ports/booking-repository.port.js';
import type { Clock } from '../ports/clock.port.js';
import { ConflictError } from '../ports/conflict.error.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { WAITLIST_ACTIVE_PER_USER, type WaitlistRepository } from '../ports/waitlist-repository.port.js';
import type { ChangeRecorder } from '../shared/change-recorder.js';
import { waitlistAudit } from './waitlist-changes.js';
import { waitlistEntryView, type WaitlistEntryView } from './waitlist-entry.view.js';

export type JoinWaitlistCommand = {
  readonly eventId: string;
  readonly quantity: number;
  /** The option the booking made from an offer will use; omitted = the cheapest active one at claim time. */
  readonly priceOptionId?: string | null;
  /** Lower is served first; admins only (default 0). */
  readonly priority?: number;
};

/** `POST /events/{id}/waitlist` (DESIGN §3.5): the caller joins the line and learns their position. */
export class JoinWaitlistUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: EventRepository,
    private readonly bookings: BookingRepository,
    private readonly waitlist: WaitlistRepository,
    private readonly recorder: ChangeRecorder,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async execute(ctx: UseCaseContext, input: JoinWaitlistCommand): Promise<Result<WaitlistEntryView, AppError>> {
    const { actor } = ctx;
    if (!isSignedIn(actor)) return err(appError('NOT_AUTHENTICATED', 'sign in to join a waitlist'));
    if (input.priority !== undefined && input.priority !== 0 && !isAdmin(actor)) {
      return err(domainError('FORBIDDEN', 'only admins set a waitlist priority'));
    }
    try {
      return await this.uow.run(async (tx) => {
        await this.waitlist.lockLine(tx, input.eventId);
        const record = await this.events.findById(tx, input.eventId);
        const joined = joinWaitlist({
          event: record?.state ?? null,
          userId: actor.id,
          quantity: input.quantity,
          priceOptionId: input.priceOptionId ?? null,
          isMemberOfOrganization: record !== null && memberRole(actor, record.state.organizationId) !== null,
          hasActiveBooking: await this.bookings.hasActiveBooking(tx, input.eventId, actor.id),
          hasActiveEntry: await this.waitlist.hasActiveEntry(tx, input.eventId, actor.id),
          now: this.clock.now(),
          entryId: this.ids.next(),
          ...(input.priority === undefined ? {} : { priority: input.priority }),
        });
        if (!joined.ok) return joined;
        const entry = joined.value.state;
        await this.waitlist.insert(tx, entry);
        await this.recorder.record(tx, ctx, { events: joined.value.events, audit: [waitlistAudit(entry, null)] });
        return ok(waitlistEntryView(entry, await this.waitlist.positions(tx, [entry.id])));
      });
    } catch (e) {
      // A concurrent join of the same user committed first: the partial unique index refused this one.
      if (e instanceof ConflictError && e.constraint === WAITLIST_ACTIVE_PER_USER) {
        return err(domainError('ALREADY_WAITLISTED', 'you are already on the waitlist of this event'));
      }
      throw e;
    }
  }
}
