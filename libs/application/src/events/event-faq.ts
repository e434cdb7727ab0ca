import { domainError, domainEvent, err, ok, type DomainEvent, type Result } from '@aquastream/domain';
import type { AppError } from '../errors.js';
import { appError } from '../errors.js';
import type { FaqEntry } from '../ports/faq-repository.port.js';

export const FAQ_LIMITS = { questionMaxLength: 500, answerMaxLength: 5000, entriesMax: 100 } as const;

export type FaqView = {
  readonly id: string;
  readonly eventId: string;
  readonly question: string;
  readonly answer: string;
  readonly position: number;
  readonly createdAt: number;
};

export const toFaqView = (e: FaqEntry): FaqView => ({ ...e });

export const faqNotFound = (): AppError => appError('FAQ_NOT_FOUND', 'no such FAQ entry for this event');

/** Trimmed, non-empty, bounded text; an FAQ entry is part of the event, so its problems are INVALID_EVENT. */
export function faqText(value: string, field: 'question' | 'answer'): Result<string, AppError> {
  const max = field === 'question' ? FAQ_LIMITS.questionMaxLength : FAQ_LIMITS.answerMaxLength;
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '' || text.length > max) {
    return err(domainError('INVALID_EVENT', `the ${field} has 1 to ${max} characters`, { field: `faq.${field}` }));
  }
  return ok(text);
}

export function faqPosition(value: number | undefined, fallback: number): Result<number, AppError> {
  if (value === undefined) return ok(fallback);
  return Number.isSafeInteger(value) && value >= 0
    ? ok(value)
    : err(domainError('INVALID_EVENT', 'position is a non-negative integer', { field: 'faq.position' }));
}

/** The FAQ is part of what the public sees of the event, so its changes are announced like other edits. */
export const faqChanged = (eventId: string): DomainEvent => domainEvent('event.updated', eventId, { eventId, changedFields: ['faq'] });
