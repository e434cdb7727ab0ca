import { existsSync } from 'node:fs';
import type { EventView, FaqView } from '@aquastream/application';
import { DateTime, IANAZone } from 'luxon';
import PDFDocument from 'pdfkit';

/** A regular and a bold TrueType face with Cyrillic and the other scripts titles are written in. */
export type PdfFonts = { readonly regular: string; readonly bold: string };

// Debian's fonts-dejavu-core (pulled in by fontconfig) and fonts-liberation. The PDF standard fonts only cover
// Latin-1, so without one of these a Cyrillic title would print as question marks.
const FONT_CANDIDATES: readonly PdfFonts[] = [
  { regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf' },
  { regular: '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf', bold: '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf' },
];

/** The first installed Unicode font pair, or null (the PDF then falls back to Helvetica). */
export function findUnicodeFonts(candidates: readonly PdfFonts[] = FONT_CANDIDATES): PdfFonts | null {
  return candidates.find((f) => existsSync(f.regular) && existsSync(f.bold)) ?? null;
}

export type EventPdfOptions = {
  /** null: Helvetica, text outside Latin-1 replaced. Default: the installed Unicode fonts if any. */
  readonly fonts?: PdfFonts | null;
  /** Flate-compress the page content (default true; tests read it uncompressed). */
  readonly compress?: boolean;
};

/** Helvetica speaks WinAnsi: Latin-1 plus a few typographic marks. */
const latin1 = (text: string) => text.replace(/[^\t\n\r\u0020-\u00ff–—‘’“”•…€]/gu, '?');

function money(amount: number, currency: string): string {
  try {
    const format = new Intl.NumberFormat('en-GB', { style: 'currency', currency, currencyDisplay: 'code' });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return amount === 0 ? 'free' : format.format(amount / 10 ** digits);
  } catch (error: unknown) {
    if (!(error instanceof RangeError)) throw error;
    return `${amount} ${currency} (minor units)`; // a code Intl does not know
  }
}

/** "Tuesday 1 December 2026, 10:00 – 13:00 (Europe/Moscow, UTC+3)": the event's times on its own clock. */
export function eventWhen(event: Pick<EventView, 'startsAt' | 'endsAt' | 'timeZone'>): string {
  const zone = IANAZone.isValidZone(event.timeZone) ? event.timeZone : 'UTC';
  const start = DateTime.fromMillis(event.startsAt, { zone }).setLocale('en-GB');
  const day = 'cccc d LLLL yyyy, HH:mm';
  let text = start.toFormat(day);
  if (event.endsAt !== null) {
    const end = DateTime.fromMillis(event.endsAt, { zone }).setLocale('en-GB');
    text += ` – ${end.hasSame(start, 'day') ? end.toFormat('HH:mm') : end.toFormat(day)}`;
  }
  return zone === 'UTC' ? `${text} (UTC)` : `${text} (${zone}, UTC${start.toFormat('ZZ')})`;
}

/**
 * The event's details as a printable A4 PDF (DESIGN §4 `info.pdf`): title, times in the event's zone, place,
 * prices, description and FAQ. Built in memory; events are small.
 */
export function eventPdf(event: EventView, faq: readonly FaqView[], options: EventPdfOptions = {}): Promise<Buffer> {
  const fonts = options.fonts === undefined ? findUnicodeFonts() : options.fonts;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    compress: options.compress ?? true,
    info: { Title: event.title, Subject: 'Event information', Creator: 'Aquastream Events', CreationDate: new Date(event.updatedAt) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const text = fonts === null ? latin1 : (s: string) => s;
  const regular = fonts === null ? 'Helvetica' : fonts.regular;
  const bold = fonts === null ? 'Helvetica-Bold' : fonts.bold;
  const heading = (title: string) => doc.moveDown(0.8).font(bold).fontSize(13).text(text(title)).moveDown(0.2).font(regular).fontSize(11);

  doc.font(bold).fontSize(22).text(text(event.title));
  if (event.shortDescription !== null) doc.moveDown(0.3).font(regular).fontSize(12).fillColor('#444444').text(text(event.shortDescription)).fillColor('black');
  if (event.status === 'CANCELED') {
    doc.moveDown(0.5).font(bold).fontSize(12).fillColor('#b00020').text(text(`CANCELED${event.cancelReason === null ? '' : `: ${event.cancelReason}`}`)).fillColor('black');
  }

  heading('When');
  doc.text(text(eventWhen(event)));
  if (event.location !== null) {
    heading('Where');
    doc.text(text(event.location.name));
    if (event.location.address !== null) doc.text(text(event.location.address));
  }

  heading('Prices');
  for (const option of event.priceOptions.filter((o) => o.active)) {
    doc.text(text(`${option.name}: ${money(option.price, event.currency)}`));
    if (option.description !== null) doc.fillColor('#444444').text(text(option.description)).fillColor('black');
  }
  doc.text(text(`${event.seatsAvailable} of ${event.capacity} seats available; book at most ${event.maxTicketsPerBooking} per booking.`));

  if (event.description !== null) {
    heading('About');
    doc.text(text(event.description));
  }
  if (faq.length > 0) {
    heading('Questions and answers');
    for (const entry of faq) {
      doc.moveDown(0.3).font(bold).text(text(entry.question)).font(regular).text(text(entry.answer));
    }
  }
  doc.end();
  return done;
}
