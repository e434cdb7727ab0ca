const DURATION = /^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/;
const MS = { week: 7 * 86_400_000, day: 86_400_000, hour: 3_600_000, minute: 60_000, second: 1_000 };

/**
 * An ISO 8601 duration of weeks, days, hours, minutes and seconds (`PT2H`, `-PT30M`, `P1DT12H`) in milliseconds, or
 * null when it is not one. Years and months are refused: their length depends on the date they are added to, and a
 * bulk shift must move every event by the same amount.
 */
export function parseDuration(text: string): number | null {
  const m = DURATION.exec(text);
  if (m === null || text.endsWith('T') || /^[+-]?P$/.test(text)) return null;
  const [, sign, weeks, days, hours, minutes, seconds] = m;
  const n = (part: string | undefined) => (part === undefined ? 0 : Number(part));
  const ms =
    n(weeks) * MS.week + n(days) * MS.day + n(hours) * MS.hour + n(minutes) * MS.minute + Math.round(n(seconds) * MS.second);
  if (!Number.isSafeInteger(ms)) return null;
  return sign === '-' ? -ms : ms;
}
