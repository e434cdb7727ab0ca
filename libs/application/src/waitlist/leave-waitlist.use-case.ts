import { err, isSignedIn, leaveWaitlist, ok, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { WaitlistRepository } from '../ports/waitlist-repository.port.js';
import type { ChangeRecorder } from '../shared/change-recorder.js';
import type { OfferFreedSeatsService } from './offer-freed-seats.service.js';
import { releaseHold, waitlistAudit } from './waitlist-changes.js';
import { waitlistEntryView, type WaitlistEntryView } from './waitlist-entry.view.js';

const NO_POSITIONS: ReadonlyMap<string, number> = new Map();

/**
 * `DELETE /waitlist/{id}`: the owner leaves the line. A held offer gives its seats back, and in both cases the line
 * moves on (a head that was blocking it may be the one leaving). Leaving twice answers the entry unchanged.
 */
export class LeaveWaitlistUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: EventRepository,
    private readonly waitlist: WaitlistRepository,
    private readonly offers: OfferFreedSeatsService,
    private readonly recorder: ChangeRecorder,
    private readonly clock: Clock,
  ) {}

  async execute(ctx: UseCaseContext, input: { readonly entryId: string }): Promise<Result<WaitlistEntryView, AppError>> {
    const { actor } = ctx;
    if (!isSignedIn(actor)) return err(appError('NOT_AUTHENTICATED', 'sign in to leave a waitlist'));
    const notFound = err(appError('WAITLIST_ENTRY_NOT_FOUND', 'no such waitlist entry'));
    const seen = await this.waitlist.findById(null, input.entryId);
    if (seen === null || seen.userId !== actor.id) return notFound;
    return this.uow.run(async (tx): Promise<Result<WaitlistEntryView, AppError>> => {
      await this.waitlist.lockLine(tx, seen.eventId);
      const entry = await this.waitlist.findById(tx, seen.id);
      const record = await this.events.findById(tx, seen.eventId);
      if (entry === null || record === null) return notFound;
      const left = leaveWaitlist(entry, { event: record.state, now: this.clock.now() });
      if (!left.ok) return left;
      const { state, offerNext } = left.value;
      if (state !== entry) {
        if (!(await this.waitlist.transition(tx, state, entry.status))) {
          throw new Error(`waitlist entry ${entry.id} changed under its line lock`);
        }
        if (entry.status === 'OFFERED') await releaseHold(this.events, tx, entry);
        await this.recorder.record(tx, ctx, { events: left.value.events, audit: [waitlistAudit(state, entry.status, 'left')] });
      }
      if (offerNext) await this.offers.offer(tx, ctx, entry.eventId);
      return ok(waitlistEntryView(state, NO_POSITIONS));
    });
  }
}
