// Reads the text back out of the PDFs pdfkit writes, for tests: enough of PDF to follow pdfkit's own output (hex
// strings in TJ arrays; Unicode fonts mapped through their ToUnicode CMaps, the standard fonts in WinAnsi), not
// a general PDF parser.
import { inflateSync } from 'node:zlib';

type PdfObject = { readonly dict: string; readonly stream: string | null };

function objects(pdf: Buffer): Map<string, PdfObject> {
  const text = pdf.toString('latin1');
  const found = new Map<string, PdfObject>();
  for (const m of text.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2] ?? '';
    const at = body.search(/stream\r?\n/);
    if (at < 0) {
      found.set(m[1] ?? '', { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, at);
    const raw = body.slice(at).replace(/^stream\r?\n/, '').replace(/\r?\nendstream\s*$/, '');
    const bytes = Buffer.from(raw, 'latin1');
    const stream = /\/FlateDecode/.test(dict) ? inflateSync(bytes).toString('latin1') : raw;
    found.set(m[1] ?? '', { dict, stream });
  }
  return found;
}

function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const m of cmap.matchAll(/<([0-9a-f]+)> <([0-9a-f]+)> \[([^\]]*)\]/gi)) {
    const first = parseInt(m[1] ?? '0', 16);
    [...(m[3] ?? '').matchAll(/<([0-9a-f]+)>/gi)].forEach((u, i) => map.set(first + i, String.fromCodePoint(parseInt(u[1] ?? '0', 16))));
  }
  for (const m of cmap.matchAll(/<([0-9a-f]{4})> <([0-9a-f]{4})>\s*$/gim)) map.set(parseInt(m[1] ?? '0', 16), String.fromCodePoint(parseInt(m[2] ?? '0', 16)));
  return map;
}

const WIN_ANSI: Record<number, string> = { 0x96: '–', 0x97: '—', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x85: '…', 0x80: '€' };

/** The text of every TJ operator, one line each, in page order. */
export function pdfText(pdf: Buffer): string {
  const all = objects(pdf);
  const fonts = new Map<string, Map<number, string> | null>();
  for (const { dict } of all.values()) {
    const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(dict)?.[1];
    if (fontDict === undefined) continue;
    for (const m of fontDict.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
      const cmapRef = /\/ToUnicode (\d+) 0 R/.exec(all.get(m[2] ?? '')?.dict ?? '')?.[1];
      const cmap = cmapRef === undefined ? null : all.get(cmapRef)?.stream;
      fonts.set(m[1] ?? '', cmap === null || cmap === undefined ? null : toUnicode(cmap));
    }
  }
  const lines: string[] = [];
  for (const { stream } of all.values()) {
    if (stream === null || !/ Tf\b/.test(stream)) continue;
    let font: Map<number, string> | null = null;
    for (const m of stream.matchAll(/\/(\w+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
      if (m[1] !== undefined) {
        font = fonts.get(m[1]) ?? null;
        continue;
      }
      let line = '';
      for (const hex of (m[2] ?? '').matchAll(/<([0-9a-f]*)>/gi)) {
        const digits = hex[1] ?? '';
        const width = font === null ? 2 : 4;
        for (let i = 0; i < digits.length; i += width) {
          const code = parseInt(digits.slice(i, i + width), 16);
          line += font === null ? (WIN_ANSI[code] ?? String.fromCharCode(code)) : (font.get(code) ?? '\uFFFD');
        }
      }
      lines.push(line.replaceAll('\u00a0', ' '));
    }
  }
  return lines.join('\n');
}
