import { domainError, ok, type PriceOptionInput, type Result } from '@aquastream/domain';
import type { AppError } from '../errors.js';
import { DETAIL_LIMITS, optionalText } from './event-details.js';

/** A price option as the API takes it: the domain's fields plus a description; `id` names an existing option (PATCH). */
export type PriceOptionCommand = PriceOptionInput & {
  readonly id?: string;
  readonly description?: string | null;
};

/** The validated descriptions of the options, in order. */
export function optionDescriptions(options: readonly PriceOptionCommand[]): Result<(string | null)[], AppError> {
  const out: (string | null)[] = [];
  for (const [i, o] of options.entries()) {
    const text = optionalText(o.description, `priceOptions[${i}].description`, DETAIL_LIMITS.optionDescriptionMaxLength);
    if (!text.ok) return text;
    out.push(text.value);
  }
  return ok(out);
}

/** Ids must name options of this event; an option without one is new. */
export function unknownOptionId(options: readonly PriceOptionCommand[], known: ReadonlySet<string>): AppError | null {
  for (const [i, o] of options.entries()) {
    if (o.id !== undefined && !known.has(o.id)) {
      return domainError('INVALID_EVENT', `price option ${o.id} is not an option of this event`, { field: `priceOptions[${i}].id` });
    }
  }
  return null;
}
