import { domainError, type ReviewError } from '../shared/errors.js';
import { err, ok, type Result } from '../shared/result.js';

export const REVIEW_CONTENT_MAX_LENGTH = 5000;
export const REPLY_CONTENT_MAX_LENGTH = 2000;

type InvalidContent = Extract<ReviewError, { type: 'INVALID_REVIEW' }>;

// \p{Cc} is C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F). Tab and line feed carry layout and stay.
const CONTROL_EXCEPT_TAB_AND_LF = /[^\P{Cc}\t\n]/gu;
// A lone CR is an old Mac line break: it becomes a line feed rather than vanishing and gluing two lines.
const LINE_BREAK = /\r\n?/g;

/**
 * The plain-text form of user input: line breaks normalised to `\n`, control characters other than `\n`
 * and `\t` removed, surrounding whitespace trimmed. Markup is left as typed: the text is never interpreted
 * as HTML here, escaping is the renderer's job. Idempotent.
 */
export function toPlainText(raw: string): string {
  return raw.replace(LINE_BREAK, '\n').replace(CONTROL_EXCEPT_TAB_AND_LF, '').trim();
}

/** Length in code points, so an emoji counts as one character, as a person would count it. */
export const codePointLength = (s: string): number => [...s].length;

function normalizeWithin(raw: string, max: number, what: string): Result<string, InvalidContent> {
  const text = toPlainText(raw);
  const length = codePointLength(text);
  if (length > max) {
    return err(domainError('INVALID_REVIEW', `${what} has ${length} characters, at most ${max} allowed`, { field: 'content' }));
  }
  return ok(text);
}

/** A review's text (may be empty: a rating alone is a review), at most 5 000 characters once normalised. */
export const normalizeReviewContent = (raw: string): Result<string, InvalidContent> =>
  normalizeWithin(raw, REVIEW_CONTENT_MAX_LENGTH, 'review content');

/** A reply's text: like a review's, at most 2 000 characters, and not empty (a blank reply says nothing). */
export function normalizeReplyContent(raw: string): Result<string, InvalidContent> {
  const result = normalizeWithin(raw, REPLY_CONTENT_MAX_LENGTH, 'reply content');
  if (result.ok && result.value === '') {
    return err(domainError('INVALID_REVIEW', 'reply content is empty', { field: 'content' }));
  }
  return result;
}
