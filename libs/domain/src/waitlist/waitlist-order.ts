import type { WaitlistEntry } from './waitlist.types.js';

type Ordered = Pick<WaitlistEntry, 'id' | 'priority' | 'joinedAt'>;

/**
 * The order of the line: `priority` ascending, then join time, then id so that two entries joined in the
 * same millisecond still have one order every replica agrees on (ids are compared by code unit, not locale).
 */
export function compareWaitlistOrder(a: Ordered, b: Ordered): number {
  if (a.priority !== b.priority) return a.priority < b.priority ? -1 : 1;
  if (a.joinedAt !== b.joinedAt) return a.joinedAt < b.joinedAt ? -1 : 1;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

/** The `WAITING` entries of one event, head first. */
export function waitingLine(entries: readonly WaitlistEntry[], eventId: string): WaitlistEntry[] {
  return entries.filter((e) => e.eventId === eventId && e.status === 'WAITING').sort(compareWaitlistOrder);
}

/**
 * Entry id → 1-based place among the `WAITING` entries of its own event. Entries in other statuses have no
 * position (absent from the map), which is what `GET /waitlist` shows as `position: null`.
 */
export function waitlistPositions(entries: readonly WaitlistEntry[]): ReadonlyMap<string, number> {
  const byEvent = new Map<string, WaitlistEntry[]>();
  for (const e of entries) {
    if (e.status !== 'WAITING') continue;
    const line = byEvent.get(e.eventId);
    if (line) line.push(e);
    else byEvent.set(e.eventId, [e]);
  }
  const positions = new Map<string, number>();
  for (const line of byEvent.values()) {
    line.sort(compareWaitlistOrder).forEach((e, i) => positions.set(e.id, i + 1));
  }
  return positions;
}
