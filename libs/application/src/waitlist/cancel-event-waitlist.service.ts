import { cancelWaitlistForEvent, type WaitlistEntry } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { TxContext } from '../ports/unit-of-work.port.js';
import type { WaitlistRepository } from '../ports/waitlist-repository.port.js';
import type { ChangeRecorder } from '../shared/change-recorder.js';
import { releaseHold, waitlistAudit } from './waitlist-changes.js';

/**
 * The waitlist part of canceling an event (DESIGN §3.1), run inside the event cancel's transaction: every `WAITING`
 * and `OFFERED` entry becomes `CANCELED` and held seats are released. A repeated cancel finds nothing to change.
 */
export class CancelEventWaitlistService {
  constructor(
    private readonly events: EventRepository,
    private readonly waitlist: WaitlistRepository,
    private readonly recorder: ChangeRecorder,
    private readonly clock: Clock,
  ) {}

  /** Returns the entries that were canceled. */
  async cancelEntriesForEvent(tx: TxContext, ctx: UseCaseContext, eventId: string): Promise<readonly WaitlistEntry[]> {
    await this.waitlist.lockLine(tx, eventId);
    const record = await this.events.findById(tx, eventId);
    if (record === null) return [];
    const open = await this.waitlist.listByEvent(tx, eventId, ['WAITING', 'OFFERED']);
    const outcome = cancelWaitlistForEvent({ event: record.state, entries: open, now: this.clock.now() });
    const before = new Map(open.map((e) => [e.id, e]));
    for (const entry of outcome.canceled) {
      const previous = before.get(entry.id);
      if (previous === undefined) throw new Error(`cancelWaitlistForEvent returned unknown entry ${entry.id}`);
      if (!(await this.waitlist.transition(tx, entry, previous.status))) {
        throw new Error(`waitlist entry ${entry.id} changed under its line lock`);
      }
      if (previous.status === 'OFFERED') await releaseHold(this.events, tx, previous);
    }
    await this.recorder.record(tx, ctx, {
      events: outcome.events,
      audit: outcome.canceled.map((e) => waitlistAudit(e, before.get(e.id)?.status ?? null, 'event canceled')),
    });
    return outcome.canceled;
  }
}
