import { describe, expect, it } from 'vitest';
import { calendarUid, eventCalendar } from './calendar.js';
import { HOUR, sampleEvent, startsAt } from './sample-event.test-support.js';

/** The unfolded content lines (RFC 5545 §3.1: a CRLF followed by a space continues the line). */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '').split('\r\n');

describe('eventCalendar', () => {
  it('writes the times in the event’s zone with TZID and the VTIMEZONE of that zone', () => {
    const lines = unfold(eventCalendar(sampleEvent()));
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('DTSTART;TZID=Europe/Berlin:20260701T090000');
    expect(lines).toContain('DTEND;TZID=Europe/Berlin:20260701T120000');
    const vtz = lines.indexOf('BEGIN:VTIMEZONE');
    expect(vtz).toBeGreaterThan(0);
    expect(lines[vtz + 1]).toBe('TZID:Europe/Berlin');
    expect(lines).toContain('TZOFFSETTO:+0200');
    expect(lines.indexOf('BEGIN:VTIMEZONE')).toBeLessThan(lines.indexOf('BEGIN:VEVENT'));
  });

  it('escapes commas, semicolons and backslashes in text; quotes stay as they are', () => {
    const lines = unfold(eventCalendar(sampleEvent({ title: 'Kayak, "sunset"; bring \\ snacks' })));
    expect(lines).toContain('SUMMARY:Kayak\\, "sunset"\\; bring \\\\ snacks');
  });

  it('keeps the UID stable across downloads and edits, and stamps in UTC', () => {
    const first = unfold(eventCalendar(sampleEvent()));
    const edited = unfold(eventCalendar(sampleEvent({ title: 'Renamed', updatedAt: startsAt - HOUR })));
    const uid = `UID:${calendarUid(sampleEvent().id)}`;
    expect(first).toContain(uid);
    expect(edited).toContain(uid);
    expect(first.find((l) => l.startsWith('DTSTAMP:'))).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);
    expect(eventCalendar(sampleEvent())).toBe(eventCalendar(sampleEvent()));
  });

  it('writes a UTC event in UTC, marks a canceled one, and leaves DTEND out without an end', () => {
    const lines = unfold(eventCalendar(sampleEvent({ timeZone: 'UTC', endsAt: null, status: 'CANCELED' })));
    expect(lines).toContain('DTSTART:20260701T070000Z');
    expect(lines.some((l) => l.startsWith('DTEND'))).toBe(false);
    expect(lines).not.toContain('BEGIN:VTIMEZONE');
    expect(lines).toContain('STATUS:CANCELLED');
  });

  it('carries the place with its coordinates', () => {
    const lines = unfold(eventCalendar(sampleEvent()));
    expect(lines.find((l) => l.startsWith('LOCATION:'))).toContain('Pier 3');
    expect(lines).toContain('GEO:52.5;13.4');
  });
});
