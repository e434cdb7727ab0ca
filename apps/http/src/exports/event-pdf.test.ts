import { describe, expect, it } from 'vitest';
import { eventPdf, eventWhen, findUnicodeFonts } from './event-pdf.js';
import { pdfText } from './pdf-text.test-support.js';
import { HOUR, sampleEvent, startsAt } from './sample-event.test-support.js';

const faq = [
  { id: 'f1', eventId: 'e', question: 'Is there parking?', answer: 'Yes, at the pier.', position: 0, createdAt: 0 },
  { id: 'f2', eventId: 'e', question: 'What to bring?', answer: 'Water and a hat.', position: 1, createdAt: 0 },
];

describe('eventPdf', () => {
  it('is a PDF with the title, the times in the event’s zone, the place, the prices and the FAQ', async () => {
    const pdf = await eventPdf(sampleEvent(), faq, { compress: false, fonts: null });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('Sunset kayak tour');
    expect(text).toContain('Wednesday 1 July 2026, 09:00 – 12:00 (Europe/Berlin, UTC+02:00)');
    expect(text).toContain('Pier 3');
    expect(text).toContain('Riverside 1');
    expect(text).toContain('Adult: EUR 15.00');
    expect(text).toContain('Is there parking?');
    expect(text).toContain('Water and a hat.');
  });

  it('prints Cyrillic titles with a Unicode font when one is installed', async (ctx) => {
    const fonts = findUnicodeFonts();
    if (fonts === null) ctx.skip(); // Debian's fonts-dejavu-core or fonts-liberation is not installed here
    const pdf = await eventPdf(sampleEvent({ title: 'Прогулка на каяках', currency: 'RUB' }), faq, { fonts });
    expect(pdfText(pdf)).toContain('Прогулка на каяках');
  });

  it('falls back to Helvetica with placeholders for what Latin-1 cannot write, and marks a canceled event', async () => {
    const pdf = await eventPdf(sampleEvent({ title: 'Прогулка tour', status: 'CANCELED', cancelReason: 'storm' }), [], { fonts: null });
    const text = pdfText(pdf);
    expect(text).toContain('???????? tour');
    expect(text).toContain('CANCELED: storm');
  });
});

describe('eventWhen', () => {
  it('spells out a multi-day event and a UTC one', () => {
    expect(eventWhen({ startsAt, endsAt: startsAt + 30 * HOUR, timeZone: 'Asia/Tokyo' })).toBe(
      'Wednesday 1 July 2026, 16:00 – Thursday 2 July 2026, 22:00 (Asia/Tokyo, UTC+09:00)',
    );
    expect(eventWhen({ startsAt, endsAt: null, timeZone: 'UTC' })).toBe('Wednesday 1 July 2026, 07:00 (UTC)');
  });
});
