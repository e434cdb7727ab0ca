// The printable ticket of GET /bookings/{id}/ticket: the event, its date in the event's own time zone, the seats, the
// holder and the ticket code, as text and as a QR code the door staff scan.
import { existsSync } from 'node:fs';
import { DateTime } from 'luxon';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

export type TicketPdfInput = {
  readonly ticketCode: string;
  readonly bookingId: string;
  readonly holder: string;
  readonly quantity: number;
  readonly priceOptionName: string | null;
  readonly eventTitle: string;
  readonly startsAt: number;
  readonly endsAt: number | null;
  readonly timeZone: string;
  readonly place: string | null;
};

// PDF's built-in Helvetica covers Latin-1 only; titles here are often Cyrillic, so a Unicode TrueType font is embedded
// when the machine has one (Debian's fonts-dejavu-core / fonts-liberation).
const UNICODE_FONTS = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/Library/Fonts/Arial Unicode.ttf',
];
let unicodeFont: string | null | undefined;
function fontPath(): string | null {
  unicodeFont ??= UNICODE_FONTS.find((path) => existsSync(path)) ?? null;
  return unicodeFont;
}

/** "Tuesday 1 December 2026, 10:00 (Europe/Moscow, UTC+3)"; the end time too when it is the same day. */
export function formatEventTime(startsAt: number, endsAt: number | null, timeZone: string): string {
  const requested = DateTime.fromMillis(startsAt, { zone: timeZone }).setLocale('en-GB');
  const start = requested.isValid ? requested : DateTime.fromMillis(startsAt, { zone: 'UTC' }).setLocale('en-GB');
  let text = start.toFormat('cccc d LLLL yyyy, HH:mm');
  if (endsAt !== null) {
    const end = DateTime.fromMillis(endsAt, { zone: start.zone }).setLocale('en-GB');
    text += end.hasSame(start, 'day') ? `–${end.toFormat('HH:mm')}` : ` – ${end.toFormat('cccc d LLLL yyyy, HH:mm')}`;
  }
  return `${text} (${start.zoneName ?? 'UTC'}, UTC${start.toFormat('ZZ')})`;
}

export async function ticketPdf(input: TicketPdfInput, options: { readonly compress?: boolean } = {}): Promise<Buffer> {
  const qr = await QRCode.toBuffer(input.ticketCode, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 8 });
  const doc = new PDFDocument({
    size: 'A5',
    margin: 40,
    compress: options.compress ?? true,
    info: { Title: `Ticket ${input.ticketCode} — ${input.eventTitle}`, Subject: input.ticketCode, Author: 'Aquastream Events', Keywords: input.ticketCode },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const font = fontPath();
  if (font !== null) doc.font(font);

  const width = doc.page.width - 80;
  doc.fontSize(10).fillColor('#555555').text('AQUASTREAM EVENTS · TICKET', { width });
  doc.moveDown(0.5).fontSize(20).fillColor('#000000').text(input.eventTitle, { width });
  doc.moveDown(0.5).fontSize(12).text(formatEventTime(input.startsAt, input.endsAt, input.timeZone), { width });
  if (input.place !== null) doc.text(input.place, { width });
  doc.moveDown();
  const seats = `${input.quantity} seat${input.quantity === 1 ? '' : 's'}`;
  doc.text(input.priceOptionName === null ? seats : `${seats} · ${input.priceOptionName}`, { width });
  doc.text(`Holder: ${input.holder}`, { width });
  doc.fontSize(9).fillColor('#555555').text(`Booking ${input.bookingId}`, { width });

  doc.moveDown();
  const size = 170;
  doc.image(qr, 40 + (width - size) / 2, doc.y, { width: size, height: size });
  doc.y += size + 10;
  doc.fontSize(18).fillColor('#000000').text(input.ticketCode, 40, doc.y, { width, align: 'center', characterSpacing: 1 });
  doc.moveDown(0.5).fontSize(9).fillColor('#555555').text('Show this code at the entrance. It is valid once.', { width, align: 'center' });
  doc.end();
  return done;
}
