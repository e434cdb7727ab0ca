import { domainError, err, expireOffers, isAdmin, ok, type Instant, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { TxContext, UnitOfWork } from '../ports/unit-of-work.port.js';
import type { WaitlistRepository } from '../ports/waitlist-repository.port.js';
import type { ChangeRecorder } from '../shared/change-recorder.js';
import type { OfferFreedSeatsService, WaitlistSettings } from './offer-freed-seats.service.js';
import { releaseHold, waitlistAudit } from './waitlist-changes.js';

export type ExpireWaitlistOffersResult = {
  /** Offers marked `EXPIRED` (their seats released). */
  readonly expired: number;
  /** Entries offered the released seats. */
  readonly offered: number;
  /** Events whose line was processed. */
  readonly events: number;
};

export const DEFAULT_EXPIRY_BATCH = 200;

/**
 * The `expire-waitlist-offers` job (DESIGN §6): offers past their window become `EXPIRED`, their hold is released and
 * the next in line is offered. One short transaction per event, under that event's line lock, so several replicas
 * running it at once each find the other's work already done.
 */
export class ExpireWaitlistOffersUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: EventRepository,
    private readonly waitlist: WaitlistRepository,
    private readonly offers: OfferFreedSeatsService,
    private readonly recorder: ChangeRecorder,
    private readonly clock: Clock,
    private readonly settings: WaitlistSettings,
  ) {}

  async execute(
    ctx: UseCaseContext,
    input: { readonly batchSize?: number } = {},
  ): Promise<Result<ExpireWaitlistOffersResult, AppError>> {
    if (ctx.actor.kind === 'guest') return err(appError('NOT_AUTHENTICATED', 'jobs run as the scheduler or an admin'));
    if (!isAdmin(ctx.actor)) return err(domainError('FORBIDDEN', 'jobs run as the scheduler or an admin'));
    const batchSize = input.batchSize ?? DEFAULT_EXPIRY_BATCH;
    const now = this.clock.now();
    const total = { expired: 0, offered: 0, events: 0 };
    for (;;) {
      const lapsed = await this.waitlist.findExpiredOffers(now, batchSize);
      const eventIds = [...new Set(lapsed.map((e) => e.eventId))];
      let progress = 0;
      for (const eventId of eventIds) {
        const done = await this.uow.run((tx) => this.expireForEvent(tx, ctx, eventId, now));
        progress += done.expired;
        total.expired += done.expired;
        total.offered += done.offered;
        total.events += 1;
      }
      // A short batch was the last; a batch that changed nothing would only repeat itself.
      if (lapsed.length < batchSize || progress === 0) break;
    }
    return ok(total);
  }

  private async expireForEvent(
    tx: TxContext,
    ctx: UseCaseContext,
    eventId: string,
    now: Instant,
  ): Promise<{ expired: number; offered: number }> {
    await this.waitlist.lockLine(tx, eventId);
    const record = await this.events.findById(tx, eventId);
    if (record === null) return { expired: 0, offered: 0 };
    const open = await this.waitlist.listByEvent(tx, eventId, ['OFFERED']);
    // Only the offers are handed over: the next in line is offered by the service, against the stored counter.
    const outcome = expireOffers({ event: record.state, entries: open, now, offerMinutes: this.settings.offerMinutes });
    const expiredIds = new Set<string>();
    for (const entry of outcome.expired) {
      if (!(await this.waitlist.transition(tx, entry, 'OFFERED'))) continue;
      await releaseHold(this.events, tx, entry);
      expiredIds.add(entry.id);
    }
    await this.recorder.record(tx, ctx, {
      events: outcome.events.filter((e) => e.type === 'waitlist.offer_expired' && expiredIds.has(e.subject)),
      audit: outcome.expired.filter((e) => expiredIds.has(e.id)).map((e) => waitlistAudit(e, 'OFFERED', 'offer window passed')),
    });
    const offered = expiredIds.size > 0 ? await this.offers.offer(tx, ctx, eventId) : 0;
    return { expired: expiredIds.size, offered };
  }
}
