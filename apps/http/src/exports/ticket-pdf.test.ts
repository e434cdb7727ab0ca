import { describe, expect, it } from 'vitest';
import { formatEventTime, ticketPdf, type TicketPdfInput } from './ticket-pdf.js';

const START = Date.parse('2026-12-01T07:00:00Z');
const input: TicketPdfInput = {
  ticketCode: 'AQ-7K2M-9QXP',
  bookingId: '01936f7a-8c2e-7d3b-9a41-5f0e2c1d4b6a',
  holder: 'user-42',
  quantity: 2,
  priceOptionName: 'Adult',
  eventTitle: 'Закат на каяках: "Pier 3"',
  startsAt: START,
  endsAt: START + 3 * 3_600_000,
  timeZone: 'Europe/Moscow',
  place: 'Pier 3, Moscow',
};

describe('ticketPdf', () => {
  it('is a PDF carrying the ticket code and a QR image', async () => {
    const pdf = await ticketPdf(input, { compress: false });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdf.toString('latin1');
    expect(text).toMatch(/\/Subject \d+ 0 R/);
    expect(text).toContain('(AQ-7K2M-9QXP)');
    expect(text).toContain('/Subtype /Image');
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
  });

  it('compresses by default', async () => {
    const pdf = await ticketPdf({ ...input, place: null, endsAt: null, priceOptionName: null, quantity: 1 });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/FlateDecode');
  });
});

describe('formatEventTime', () => {
  it('shows the date in the event’s own zone, with the end time', () => {
    expect(formatEventTime(START, START + 3 * 3_600_000, 'Europe/Moscow')).toBe('Tuesday 1 December 2026, 10:00–13:00 (Europe/Moscow, UTC+03:00)');
    expect(formatEventTime(START, START + 24 * 3_600_000, 'Europe/Moscow')).toBe(
      'Tuesday 1 December 2026, 10:00 – Wednesday 2 December 2026, 10:00 (Europe/Moscow, UTC+03:00)',
    );
    expect(formatEventTime(START, null, 'America/New_York')).toBe('Tuesday 1 December 2026, 02:00 (America/New_York, UTC-05:00)');
  });

  it('falls back to UTC for a zone it does not know', () => {
    expect(formatEventTime(START, null, 'Mars/Olympus')).toBe('Tuesday 1 December 2026, 07:00 (UTC, UTC+00:00)');
  });
});
