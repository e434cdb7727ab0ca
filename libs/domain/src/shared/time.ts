/**
 * Instants are epoch milliseconds (UTC). The domain never reads a clock: `now` is always an argument.
 */
export type Instant = number;

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;

export const addMinutes = (t: Instant, minutes: number): Instant => t + Math.round(minutes * MS_PER_MINUTE);
export const addHours = (t: Instant, hours: number): Instant => t + Math.round(hours * MS_PER_HOUR);

/** Hours from `now` until `t` (negative when `t` is in the past), as a real number. */
export const hoursUntil = (now: Instant, t: Instant): number => (t - now) / MS_PER_HOUR;

export const isValidInstant = (t: unknown): t is Instant => typeof t === 'number' && Number.isFinite(t);
