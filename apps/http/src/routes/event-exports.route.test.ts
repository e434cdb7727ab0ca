import { describe, expect, it } from 'vitest';
import { calendarUid } from '../exports/calendar.js';
import { pdfText } from '../exports/pdf-text.test-support.js';
import { draft, organiser, published, world } from './events.fixtures.test-support.js';

const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '').split('\r\n');

describe('GET /events/{id}/calendar.ics', () => {
  it('is an RFC 5545 file in the event’s zone, with its VTIMEZONE, escaped text and a stable UID', async () => {
    const w = world();
    const org = await organiser(w);
    const e = await published(w, org, { title: 'Kayak, "sunset"; snacks', timeZone: 'Europe/Moscow' });
    const res = await w.call('GET', `/api/v1/events/${e.id}/calendar.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const lines = unfold(res.text);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('SUMMARY:Kayak\\, "sunset"\\; snacks');
    const local = new Date(Date.parse(e.startsAt) + 3 * 3_600_000).toISOString().slice(0, 19).replace(/[-:]/g, '');
    expect(lines).toContain(`DTSTART;TZID=Europe/Moscow:${local}`);
    expect(lines).toContain('BEGIN:VTIMEZONE');
    expect(lines).toContain('TZID:Europe/Moscow');
    expect(lines).toContain(`UID:${calendarUid(e.id)}`);

    await w.call('PATCH', `/api/v1/events/${e.id}`, { token: org.token, body: { title: 'Renamed' } });
    const again = unfold((await w.call('GET', `/api/v1/events/${e.id}/calendar.ics`)).text);
    expect(again).toContain(`UID:${calendarUid(e.id)}`);
    expect(again).toContain('SUMMARY:Renamed');
  });

  it('is public only for visible events', async () => {
    const w = world();
    const org = await organiser(w);
    const d = await draft(w, org);
    const guest = await w.call('GET', `/api/v1/events/${d.id}/calendar.ics`);
    expect(guest.status).toBe(404);
    expect(guest.json.code).toBe('EVENT_NOT_FOUND');
    expect((await w.call('GET', `/api/v1/events/${d.id}/calendar.ics`, { token: org.token })).status).toBe(200);
    expect((await w.call('GET', '/api/v1/events/nope/calendar.ics')).status).toBe(400);
  });
});

describe('GET /events/{id}/info.pdf', () => {
  it('is a PDF with the title, the place and the FAQ', async () => {
    const w = world();
    const org = await organiser(w);
    const e = await published(w, org, { title: 'Sunset kayak tour' });
    await w.call('POST', `/api/v1/events/${e.id}/faq`, { token: org.token, body: { question: 'Is there parking?', answer: 'Yes.' } });
    const res = await w.app.request(`/api/v1/events/${e.id}/info.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('Sunset kayak tour');
    expect(text).toContain('Pier 3');
    expect(text).toContain('Is there parking?');
  });

  it('is for visible events only (drafts for their organisation)', async () => {
    const w = world();
    const org = await organiser(w);
    const d = await draft(w, org);
    expect((await w.call('GET', `/api/v1/events/${d.id}/info.pdf`)).status).toBe(404);
    expect((await w.call('GET', `/api/v1/events/${d.id}/info.pdf`, { token: org.token })).status).toBe(200);
  });
});
