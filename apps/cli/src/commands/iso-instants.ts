/** Keys that hold instants in the use cases' answers (epoch ms): `…At`, `…Deadline`, `startsAt`, `endsAt`. */
const INSTANT_KEY = /(At|Deadline)$|^(startsAt|endsAt)$/;

/**
 * A use case's answer as a script reads it: instants as ISO 8601 UTC, as the API renders them (DESIGN §4), so that
 * `aquastream-admin … --json` and `GET /api/v1/…` agree on every field.
 */
export function isoInstants(value: unknown, key = ''): unknown {
  if (typeof value === 'number' && INSTANT_KEY.test(key)) return new Date(value).toISOString();
  if (Array.isArray(value)) return value.map((v) => isoInstants(v));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, isoInstants(v, k)]));
  }
  return value;
}

/** An instant for a table cell: `2026-07-01 10:00Z` (minutes are enough on a terminal). */
export function shortInstant(ms: number | null): string {
  return ms === null ? '' : new Date(ms).toISOString().replace('T', ' ').replace(/:\d{2}\.\d{3}Z$/, 'Z');
}

/** Minor units as a decimal amount with its currency: `1500.00 RUB`, `1500 JPY` (the currency's own decimals). */
export function money(amount: number, currency: string): string {
  let digits = 2;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch (error: unknown) {
    // Not an ISO 4217 code Intl knows: show two decimals, the common case, rather than fail a listing.
    if (!(error instanceof RangeError)) throw error;
  }
  return `${(amount / 10 ** digits).toFixed(digits)} ${currency}`;
}
