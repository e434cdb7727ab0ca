import { JOB_NAMES, type JobName } from '../composition/jobs.js';

/** The continuous job of DESIGN §6: the outbox relay, which runs beside the use-case jobs when a publisher is wired. */
export const RELAY_JOB = 'relay-outbox';
export type ScheduledJobName = JobName | typeof RELAY_JOB;
export const SCHEDULED_JOB_NAMES: readonly ScheduledJobName[] = [...JOB_NAMES, RELAY_JOB];

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Intervals of DESIGN §6 (retry-refunds, not in §6, every 5 minutes like the crew retries; the relay polls every second
 * when idle and goes on at once after a full batch, which is what "continuous" means here).
 */
export const DEFAULT_JOB_INTERVALS_MS: Readonly<Record<ScheduledJobName, number>> = {
  'expire-pending-bookings': MINUTE,
  'expire-waitlist-offers': 5 * MINUTE,
  'publish-scheduled-events': MINUTE,
  'complete-finished-events': HOUR,
  'retry-crew-requests': 5 * MINUTE,
  'retry-refunds': 5 * MINUTE,
  'send-reminders': 5 * MINUTE,
  'purge-audit': DAY,
  'relay-outbox': SECOND,
};

export const MIN_JOB_INTERVAL_MS = 100;
export const MAX_JOB_INTERVAL_MS = 7 * DAY;

/** `expire-pending-bookings` → `JOB_EXPIRE_PENDING_BOOKINGS_INTERVAL`. */
export const jobIntervalVariable = (name: string): string => `JOB_${name.toUpperCase().replaceAll('-', '_')}_INTERVAL`;

const VARIABLE = /^JOB_([A-Z0-9_]+)_INTERVAL$/;
/** The job a `JOB_…_INTERVAL` variable names, `undefined` for a name no job has, `null` for another variable. */
export function jobOfVariable(variable: string): ScheduledJobName | undefined | null {
  const match = VARIABLE.exec(variable);
  if (match === null) return null;
  const name = (match[1] ?? '').toLowerCase().replaceAll('_', '-');
  return SCHEDULED_JOB_NAMES.find((n) => n === name);
}

const UNITS = { ms: 1, s: SECOND, m: MINUTE, h: HOUR, d: DAY } as const;
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

/** `500ms`, `30s`, `5m`, `1.5h`, `1d` in milliseconds; `off` switches a job off; `null` for anything else. */
export function parseJobInterval(text: string): number | 'off' | null {
  const value = text.trim().toLowerCase();
  if (value === 'off') return 'off';
  const match = DURATION.exec(value);
  if (match === null) return null;
  return Math.round(Number(match[1]) * UNITS[match[2] as keyof typeof UNITS]);
}

/** The shortest exact rendering: `1m`, `5m`, `1h`, `1d`, `3s`, `1500ms`. */
export function formatInterval(ms: number): string {
  for (const [unit, size] of [['d', DAY], ['h', HOUR], ['m', MINUTE], ['s', SECOND]] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

export type JobScheduleInput = {
  /** `JOB_<NAME>_INTERVAL` values the configuration read (milliseconds, or `off`). */
  readonly jobIntervals: Readonly<Partial<Record<ScheduledJobName, number | 'off'>>>;
  readonly bookingTtlMs: number;
  readonly waitlistOfferMs: number;
};

/**
 * Each job's interval, `null` when switched off. Without a setting of their own the two expiry jobs never wait longer
 * than the window they enforce (at least a second): with 3-second holds (`BOOKING_TTL_MINUTES=0.05`, as the fast test
 * instance runs) a hold must not outlive itself by a minute. With the profiles' windows (5 minutes and more) this
 * changes nothing.
 */
export function jobIntervals(input: JobScheduleInput): Readonly<Record<ScheduledJobName, number | null>> {
  const shrunk = (name: ScheduledJobName, windowMs: number): number => Math.min(DEFAULT_JOB_INTERVALS_MS[name], Math.max(SECOND, Math.round(windowMs)));
  const defaults: Record<ScheduledJobName, number> = {
    ...DEFAULT_JOB_INTERVALS_MS,
    'expire-pending-bookings': shrunk('expire-pending-bookings', input.bookingTtlMs),
    'expire-waitlist-offers': shrunk('expire-waitlist-offers', input.waitlistOfferMs),
  };
  return Object.fromEntries(
    SCHEDULED_JOB_NAMES.map((name) => {
      const set = input.jobIntervals[name];
      return [name, set === 'off' ? null : (set ?? defaults[name])];
    }),
  ) as Record<ScheduledJobName, number | null>;
}
