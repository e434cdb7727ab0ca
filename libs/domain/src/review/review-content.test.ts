import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeReplyContent, normalizeReviewContent, toPlainText } from './review-content.js';

/** Written independently of the implementation's regular expression: C0, DEL and C1, minus tab and LF. */
function hasForbiddenControl(s: string): boolean {
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp === 0x09 || cp === 0x0a) continue;
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return true;
  }
  return false;
}

const messy = fc
  .array(
    fc.oneof(
      fc.constantFrom('\r', '\n', '\t', '\r\n', '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u009f', ' ', '\u00a0', '\u2028', '😀', '<b>'),
      fc.string({ unit: 'binary', maxLength: 6 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('normalizeReviewContent', () => {
  it('strips control characters but keeps line feeds and tabs', () => {
    expect(toPlainText('a\u0000b\u0007c\u001bd\u007fe\u0085f\u009fg\nh\ti')).toBe('abcdefg\nh\ti');
  });

  it('turns CRLF and a lone CR into LF', () => {
    expect(toPlainText('one\r\ntwo\rthree\n\rfour')).toBe('one\ntwo\nthree\n\nfour');
  });

  it('trims surrounding whitespace, including line breaks, but not inner spacing', () => {
    expect(toPlainText(' \n\t Great  trip \n\n  Thanks \r\n ')).toBe('Great  trip \n\n  Thanks');
  });

  it('leaves markup as typed: it is plain text, never interpreted', () => {
    const text = '<script>alert(1)</script> & <b>bold</b>';
    expect(normalizeReviewContent(text)).toEqual({ ok: true, value: text });
  });

  it('accepts 5 000 characters counted in code points (an emoji is one)', () => {
    const emoji = '😀'.repeat(5000);
    expect(emoji.length).toBe(10_000);
    expect(normalizeReviewContent(emoji)).toEqual({ ok: true, value: emoji });
  });

  it('measures after normalisation: stripped characters do not count', () => {
    const text = `${'a'.repeat(5000)}\u0000\u0000   `;
    expect(normalizeReviewContent(text)).toEqual({ ok: true, value: 'a'.repeat(5000) });
  });

  it('rejects 5 001 characters with INVALID_REVIEW on content', () => {
    const result = normalizeReviewContent('a'.repeat(5001));
    expect(result).toMatchObject({ ok: false, error: { type: 'INVALID_REVIEW', field: 'content' } });
  });

  it('allows empty content: a rating alone is a review', () => {
    expect(normalizeReviewContent(' \u0000 ')).toEqual({ ok: true, value: '' });
  });

  it('property: idempotent, and no control character but LF and tab survives', () => {
    fc.assert(
      fc.property(messy, (raw) => {
        const once = normalizeReviewContent(raw);
        if (!once.ok) return false;
        expect(hasForbiddenControl(once.value)).toBe(false);
        expect(normalizeReviewContent(once.value)).toEqual(once);
        return true;
      }),
    );
  });

  it('property: any string either normalises within the limit or is refused on content', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 6000 }), (raw) => {
        const result = normalizeReviewContent(raw);
        if (result.ok) return [...result.value].length <= 5000 && !hasForbiddenControl(result.value);
        return result.error.type === 'INVALID_REVIEW' && result.error.field === 'content';
      }),
      { numRuns: 50 },
    );
  });
});

describe('normalizeReplyContent', () => {
  it('normalises like a review', () => {
    expect(normalizeReplyContent('  Thank you!\r\nSee you\u0000 soon ')).toEqual({ ok: true, value: 'Thank you!\nSee you soon' });
  });

  it('accepts 2 000 characters and refuses 2 001', () => {
    expect(normalizeReplyContent('b'.repeat(2000)).ok).toBe(true);
    expect(normalizeReplyContent('b'.repeat(2001))).toMatchObject({
      ok: false,
      error: { type: 'INVALID_REVIEW', field: 'content' },
    });
  });

  it('refuses a reply that is empty once normalised', () => {
    expect(normalizeReplyContent(' \n\u0007\t ')).toMatchObject({
      ok: false,
      error: { type: 'INVALID_REVIEW', field: 'content' },
    });
  });
});
