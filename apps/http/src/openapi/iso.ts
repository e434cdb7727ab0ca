/** The API renders instants as ISO 8601 UTC with milliseconds; the application hands them over as epoch ms. */
export const iso = (t: number | null | undefined): string | null => (t === null || t === undefined ? null : new Date(t).toISOString());

/** Parses an ISO 8601 instant with an offset (or Z) into epoch ms. */
export function parseInstant(text: string): number {
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw new RangeError(`not an ISO 8601 instant: ${text}`);
  return t;
}
