import { domainEvent, err, ok, type Booking, type DomainEvent, type Instant, type Result } from '@aquastream/domain';
import { adminRefusal } from '../admin/admin-guard.js';
import type { UseCaseContext } from '../context.js';
import type { AppError } from '../errors.js';
import type { BookingRepository } from '../ports/booking-repository.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { ReminderLog, ReminderMark, ReminderWindow } from '../ports/reminder-log.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { ChangeRecorder } from '../shared/change-recorder.js';

const HOUR = 3_600_000;

/** The windows of DESIGN §6, widest first: a reminder `before` the start. */
export const REMINDER_WINDOWS: readonly { readonly window: ReminderWindow; readonly beforeMs: number }[] = [
  { window: '24h', beforeMs: 24 * HOUR },
  { window: '1h', beforeMs: HOUR },
];

export const DEFAULT_REMINDER_BATCH = 200;
/** Pages per run (over both windows); a run that stops there says `more` and the runner goes on at once. */
export const DEFAULT_REMINDER_MAX_BATCHES = 50;

export type SendRemindersResult = {
  /** CONFIRMED bookings looked at. */
  readonly examined: number;
  /** `event.reminder` messages written by this run. */
  readonly sent: number;
  readonly sent24h: number;
  readonly sent1h: number;
  /** The page limit was reached: more bookings may be waiting. */
  readonly more: boolean;
};

export type SendRemindersOptions = { readonly batchSize?: number; readonly maxBatches?: number };

/**
 * The `send-reminders` job (DESIGN §6): `event.reminder` 24 hours and 1 hour before an event starts, once per booking
 * and window. A window covers the starts between it and the next narrower one — the 24 h reminder goes to events
 * starting in [now + 1 h, now + 24 h), the 1 h one to [now, now + 1 h) — so a booking made 30 minutes before the start
 * gets the 1 h reminder only, not both at once. Each page is one transaction: it records the reminders in
 * `reminders_sent` (a pair already there is left alone) and writes a message for exactly the pairs it recorded, so a
 * second run, or a second runner at the same moment, sends nothing twice.
 */
export class SendRemindersUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly bookings: BookingRepository,
    private readonly events: EventRepository,
    private readonly reminders: ReminderLog,
    private readonly recorder: ChangeRecorder,
    private readonly clock: Clock,
  ) {}

  async execute(ctx: UseCaseContext, options: SendRemindersOptions = {}): Promise<Result<SendRemindersResult, AppError>> {
    const refusal = adminRefusal(ctx.actor);
    if (refusal !== null) return err(refusal);
    const batchSize = options.batchSize ?? DEFAULT_REMINDER_BATCH;
    const maxBatches = options.maxBatches ?? DEFAULT_REMINDER_MAX_BATCHES;
    const now = this.clock.now();
    const sent: Record<ReminderWindow, number> = { '24h': 0, '1h': 0 };
    let examined = 0;
    let batches = 0;
    let more = false;
    windows: for (const [i, { window, beforeMs }] of REMINDER_WINDOWS.entries()) {
      const from = now + (REMINDER_WINDOWS[i + 1]?.beforeMs ?? 0);
      const to = now + beforeMs;
      let after: string | null = null;
      for (;;) {
        if (batches >= maxBatches) {
          more = true;
          break windows;
        }
        const page = await this.bookings.findConfirmedStartingBetween(from, to, batchSize, after);
        batches += 1;
        examined += page.length;
        if (page.length > 0) sent[window] += await this.sendPage(ctx, page, window, now);
        if (page.length < batchSize) break;
        after = page[page.length - 1]?.id ?? null;
      }
    }
    return ok({ examined, sent: sent['24h'] + sent['1h'], sent24h: sent['24h'], sent1h: sent['1h'], more });
  }

  private sendPage(ctx: UseCaseContext, page: readonly Booking[], window: ReminderWindow, now: Instant): Promise<number> {
    return this.uow.run(async (tx) => {
      const eventIds = [...new Set(page.map((b) => b.eventId))];
      // An event canceled or moved since the page was read gets no reminder.
      const starts = new Map(
        (await this.events.findByIds(tx, eventIds))
          .filter((r) => r.state.status === 'PUBLISHED' && r.state.startsAt > now)
          .map((r) => [r.state.id, r.state.startsAt]),
      );
      const marks: ReminderMark[] = page
        .filter((b) => starts.has(b.eventId))
        .map((b) => ({ bookingId: b.id, eventId: b.eventId, window, sentAt: now }));
      if (marks.length === 0) return 0;
      const fresh = await this.reminders.markSent(tx, marks);
      const byId = new Map(page.map((b) => [b.id, b]));
      const messages: DomainEvent[] = fresh.flatMap((m) => {
        const booking = byId.get(m.bookingId);
        const startsAt = starts.get(m.eventId);
        if (booking === undefined || startsAt === undefined) return [];
        return [domainEvent('event.reminder', booking.id, { eventId: booking.eventId, bookingId: booking.id, userId: booking.userId, window, startsAt })];
      });
      await this.recorder.record(tx, ctx, { events: messages });
      return messages.length;
    });
  }
}
