import type { Instant } from '@aquastream/domain';
import type { TxContext } from './unit-of-work.port.js';

/** The reminder windows of DESIGN §6: 24 hours and 1 hour before an event starts. */
export type ReminderWindow = '24h' | '1h';

export type ReminderMark = {
  readonly bookingId: string;
  readonly eventId: string;
  readonly window: ReminderWindow;
  readonly sentAt: Instant;
};

/**
 * Which reminders went out (`reminders_sent`, keyed by booking and window), written in the transaction that writes
 * the `event.reminder` messages: a reminder is sent once per booking and window, however often and by however many
 * runners the job runs.
 */
export interface ReminderLog {
  /**
   * Records the marks; a (booking, window) pair already recorded is left alone (`ON CONFLICT DO NOTHING`), also when a
   * concurrent transaction recorded it first. Answers the marks this call recorded: the reminders to send now.
   */
  markSent(tx: TxContext, marks: readonly ReminderMark[]): Promise<readonly ReminderMark[]>;
  /** Forgets marks sent before `before` (their events have long started); returns how many. */
  purge(tx: TxContext, before: Instant): Promise<number>;
}
