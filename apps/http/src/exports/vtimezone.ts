import { IANAZone } from 'luxon';

const DAY_MS = 86_400_000;

type Transition = { readonly at: number; readonly from: number; readonly to: number };

/** `+0300`, `-0330`: a UTC offset in minutes as RFC 5545 writes it. */
function utcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/** Local wall-clock time `yyyymmddThhmmss` of `instant` at `offset` minutes. */
function wallClock(instant: number, offset: number): string {
  return new Date(instant + offset * 60_000).toISOString().slice(0, 19).replace(/[-:]/g, '');
}

/** The first millisecond at which the offset differs from the one at `lo`, knowing it differs at `hi`. */
function bisect(zone: IANAZone, lo: number, hi: number): number {
  const before = zone.offset(lo);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zone.offset(mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

function transitions(zone: IANAZone, from: number, to: number): Transition[] {
  const found: Transition[] = [];
  // Zones change offset at most a few times a year and never twice in a day, so a daily scan sees every change.
  for (let t = from; t < to; t += DAY_MS) {
    const next = Math.min(t + DAY_MS, to);
    if (zone.offset(t) !== zone.offset(next)) {
      const at = bisect(zone, t, next);
      found.push({ at, from: zone.offset(at - 1), to: zone.offset(at) });
    }
  }
  return found;
}

/** Daylight saving time is whatever offset is above the zone's lowest offset of that year. */
function component(zone: IANAZone, at: number, from: number, to: number, standard: number): string {
  const kind = to > standard ? 'DAYLIGHT' : 'STANDARD';
  const name = zone.offsetName(at, { format: 'short', locale: 'en-US' }) ?? utcOffset(to);
  return [
    `BEGIN:${kind}`,
    `DTSTART:${wallClock(at, from)}`,
    `TZOFFSETFROM:${utcOffset(from)}`,
    `TZOFFSETTO:${utcOffset(to)}`,
    `TZNAME:${name}`,
    `END:${kind}`,
  ].join('\r\n');
}

/**
 * The VTIMEZONE (RFC 5545 §3.6.5) of an IANA zone, as explicit observances covering the years `fromYear` to
 * `toYear` (the dates a calendar file uses), computed from the zone data of the running Node through luxon: no zone
 * database of our own to go stale. The first observance starts on 1 January of `fromYear`, so every local time in
 * the range resolves. Null for a zone luxon does not know.
 */
export function vtimezone(name: string, fromYear: number, toYear: number): string | null {
  if (!IANAZone.isValidZone(name)) return null;
  const zone = IANAZone.create(name);
  const start = Date.UTC(fromYear, 0, 1) - zone.offset(Date.UTC(fromYear, 0, 1)) * 60_000;
  const end = Date.UTC(toYear + 1, 0, 1);
  const changes = transitions(zone, start, end);
  const initial = zone.offset(start);
  const standard = Math.min(initial, ...changes.map((c) => c.to));
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${name}`,
    `X-LIC-LOCATION:${name}`,
    component(zone, start, initial, initial, standard),
    ...changes.map((c) => component(zone, c.at, c.from, c.to, standard)),
    'END:VTIMEZONE',
  ].join('\r\n');
}
