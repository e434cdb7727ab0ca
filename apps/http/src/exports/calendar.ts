import type { EventView } from '@aquastream/application';
import ical, { ICalEventStatus } from 'ical-generator';
import { DateTime, IANAZone } from 'luxon';
import { vtimezone } from './vtimezone.js';

export type CalendarOptions = {
  /** Where the event can be read (a page or the API resource), as the VEVENT's URL. */
  readonly url?: string;
};

/** The UID of an event's VEVENT: the same for every download, so a calendar updates the entry instead of adding one. */
export const calendarUid = (eventId: string): string => `${eventId}@aquastream.events`;

const year = (t: number, zone: string) => DateTime.fromMillis(t, { zone }).year;

/**
 * One event as an RFC 5545 calendar (ical-generator does the escaping and line folding). Times carry the event's
 * zone (`DTSTART;TZID=…`) with its VTIMEZONE, so a calendar shows them right in any zone and across DST changes; a UTC
 * event, or one whose zone the runtime does not know, is written in UTC. Every stamp comes from the event itself, so
 * the same event renders to the same bytes.
 */
export function eventCalendar(event: EventView, options: CalendarOptions = {}): string {
  const zone = event.timeZone !== 'UTC' && IANAZone.isValidZone(event.timeZone) ? event.timeZone : null;
  const last = event.endsAt ?? event.startsAt;
  const calendar = ical({
    prodId: { company: 'Aquastream', product: 'Events', language: 'EN' },
    // Only the generator: a named calendar zone would make ical-generator write DTSTAMP in local time, not UTC.
    timezone: { name: null, generator: (tz) => vtimezone(tz, year(event.startsAt, tz) - 1, year(last, tz) + 1) },
  });
  const at = (t: number) => (zone === null ? new Date(t) : DateTime.fromMillis(t, { zone }));
  const place = event.location;
  calendar.createEvent({
    id: calendarUid(event.id),
    start: at(event.startsAt),
    ...(event.endsAt === null ? {} : { end: at(event.endsAt) }),
    timezone: zone,
    summary: event.title,
    description: event.description ?? event.shortDescription ?? null,
    location:
      place === null
        ? null
        : {
            title: place.name,
            ...(place.address === null ? {} : { address: place.address }),
            ...(place.latitude === null || place.longitude === null ? {} : { geo: { lat: place.latitude, lon: place.longitude } }),
          },
    status: event.status === 'CANCELED' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    stamp: new Date(event.updatedAt),
    created: new Date(event.createdAt),
    lastModified: new Date(event.updatedAt),
    ...(options.url === undefined ? {} : { url: options.url }),
  });
  return calendar.toString();
}
