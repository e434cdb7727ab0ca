import { offerFreedSeats, type DomainEvent } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { TxContext } from '../ports/unit-of-work.port.js';
import type { WaitlistRepository } from '../ports/waitlist-repository.port.js';
import type { AuditChange, ChangeRecorder } from '../shared/change-recorder.js';
import { waitlistAudit } from './waitlist-changes.js';

export type WaitlistSettings = {
  /** `WAITLIST_OFFER_MINUTES`: how long an offer holds its seats (fractions allowed). */
  readonly offerMinutes: number;
};

/**
 * Hands freed seats to the head of an event's line (DESIGN §3.5), inside the caller's transaction: booking cancel and
 * expiry, a capacity raise, a lapsed or abandoned offer. Each offer holds its seats through the same conditional
 * update a booking uses, so an offer and a public booking racing for the last seat cannot both get it.
 */
export class OfferFreedSeatsService {
  constructor(
    private readonly events: EventRepository,
    private readonly waitlist: WaitlistRepository,
    private readonly recorder: ChangeRecorder,
    private readonly clock: Clock,
    private readonly settings: WaitlistSettings,
  ) {}

  /**
   * `offer` for each of several events that just got seats back (a batch of expiries), skipping with one query the
   * events whose line is empty. The caller holds the events' locks already; returns how many entries were offered.
   */
  async offerMany(tx: TxContext, ctx: UseCaseContext, eventIds: readonly string[]): Promise<number> {
    if (eventIds.length === 0) return 0;
    const waiting = [...(await this.waitlist.eventsWithWaiting(tx, eventIds))].sort();
    let offered = 0;
    for (const eventId of waiting) offered += await this.offer(tx, ctx, eventId);
    return offered;
  }

  /** Offers what fits, head first; returns how many entries were offered. */
  async offer(tx: TxContext, ctx: UseCaseContext, eventId: string): Promise<number> {
    await this.waitlist.lockLine(tx, eventId);
    const record = await this.events.findById(tx, eventId);
    if (record === null) return 0;
    const line = await this.waitlist.waitingLine(tx, eventId);
    if (line.length === 0) return 0;
    const now = this.clock.now();
    const outcome = offerFreedSeats({ event: record.state, entries: line, now, offerMinutes: this.settings.offerMinutes });

    const audit: AuditChange[] = [];
    const messages: DomainEvent[] = [];
    for (const entry of outcome.offered) {
      const held = await this.events.adjustSeats(tx, eventId, { eventDelta: entry.quantity, option: null, requirePublished: true });
      // Someone booked the seat since it was read: strict FIFO means nobody behind this head is offered either.
      if (held !== 'OK') break;
      if (!(await this.waitlist.transition(tx, entry, 'WAITING'))) {
        // The line is locked, so this is not expected; give the hold back rather than keep seats nobody holds.
        await this.events.adjustSeats(tx, eventId, { eventDelta: -entry.quantity, option: null, requirePublished: false });
        break;
      }
      audit.push(waitlistAudit(entry, 'WAITING', 'seats freed'));
      messages.push(...outcome.events.filter((e) => e.subject === entry.id));
    }
    await this.recorder.record(tx, ctx, { events: messages, audit });
    return audit.length;
  }
}
