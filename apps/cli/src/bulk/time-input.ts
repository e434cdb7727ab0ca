import { UsageError } from '../cli-errors.js';

const UNIT_MS = { w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 } as const;

const SHORT = /^([+-]?)((?:\d+[wdhms])+)$/i;
const ISO = /^([+-]?)P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?!$)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/i;

/**
 * A shift for `events reschedule --shift`, in milliseconds: an ISO 8601 duration (`PT2H`, `-PT30M`, `P1DT2H`, `P1W`)
 * or the short form (`+2h`, `-30m`, `1h30m`, `+1d`). Years and months are refused: their length depends on the date,
 * and an admin moving forty trips means a fixed amount of time.
 */
export function parseShift(text: string): number {
  const input = text.trim();
  const short = SHORT.exec(input);
  if (short !== null) {
    const sign = short[1] === '-' ? -1 : 1;
    let ms = 0;
    for (const [, amount, unit] of (short[2] ?? '').matchAll(/(\d+)([wdhms])/gi)) {
      ms += Number(amount) * UNIT_MS[(unit ?? 's').toLowerCase() as keyof typeof UNIT_MS];
    }
    return nonZero(sign * ms, text);
  }
  const iso = ISO.exec(input);
  if (iso !== null) {
    const [, signText, years, months, weeks, days, hours, minutes, seconds] = iso;
    if (years !== undefined || months !== undefined) {
      throw new UsageError(`--shift ${text}: years and months have no fixed length; give weeks, days, hours or minutes (e.g. P30D)`);
    }
    const n = (v: string | undefined): number => (v === undefined ? 0 : Number(v));
    const ms = n(weeks) * UNIT_MS.w + n(days) * UNIT_MS.d + n(hours) * UNIT_MS.h + n(minutes) * UNIT_MS.m + Math.round(n(seconds) * 1000);
    return nonZero((signText === '-' ? -1 : 1) * ms, text);
  }
  throw new UsageError(`--shift ${text}: not a duration; use ISO 8601 (PT2H, -PT30M, P1D) or +2h, -30m, 1h30m, +1d`);
}

function nonZero(ms: number, text: string): number {
  if (ms === 0) throw new UsageError(`--shift ${text}: a shift of zero moves nothing`);
  if (!Number.isSafeInteger(ms)) throw new UsageError(`--shift ${text}: too large`);
  return ms;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME_WITH_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * An instant for `--to`, `--from`: an ISO 8601 date-time with its offset (`2026-07-01T10:00:00+03:00`, `…Z`), or a
 * date alone, read as midnight UTC — or, with `endOfDay` (the upper bound of a range), as the last millisecond of that
 * UTC day, so that `--from 2026-07-01 --to 2026-07-01` means the whole day. A date-time without an offset is refused: the machine's zone is rarely the
 * event's, and guessing would move trips by hours.
 */
export function parseInstant(option: string, text: string, endOfDay = false): number {
  const input = text.trim();
  if (DATE_ONLY.test(input)) return checked(option, text, Date.parse(`${input}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z`));
  if (DATE_TIME_WITH_ZONE.test(input)) return checked(option, text, Date.parse(input.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2')));
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(input)) {
    throw new UsageError(`${option} ${text}: add the time zone offset (e.g. ${input}+03:00 or ${input}Z)`);
  }
  throw new UsageError(`${option} ${text}: not a date; use 2026-07-01 or 2026-07-01T10:00:00+03:00`);
}

function checked(option: string, text: string, ms: number): number {
  // Date.parse rolls 2030-02-30 over into March: check the calendar date as written.
  const [y, m, d] = text.trim().slice(0, 10).split('-').map(Number);
  const day = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1));
  const real = day.getUTCFullYear() === y && day.getUTCMonth() === (m ?? 0) - 1 && day.getUTCDate() === d;
  if (Number.isNaN(ms) || !real) throw new UsageError(`${option} ${text}: no such date`);
  return ms;
}

/** `2h`, `-1d 2h 30m`: how the summary shows a shift back to a person. */
export function formatShift(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  let rest = Math.abs(ms);
  const parts: string[] = [];
  for (const [unit, size] of [['d', UNIT_MS.d], ['h', UNIT_MS.h], ['m', UNIT_MS.m], ['s', UNIT_MS.s]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  if (rest > 0) parts.push(`${rest}ms`);
  return `${sign}${parts.join('')}`;
}
