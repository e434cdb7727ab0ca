import { InvalidArgumentError } from 'commander';

/** A commander parser for a whole number from 1 to `max`; anything else is bad usage (exit 2) with this message. */
export function positiveInteger(max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1 || n > max) {
      throw new InvalidArgumentError(max === Number.MAX_SAFE_INTEGER ? 'expected a whole number from 1' : `expected a whole number from 1 to ${max}`);
    }
    return n;
  };
}

/** A commander collector for a repeatable option (`--role A --role B`), also splitting commas (`--ids a,b`). */
export function collect(value: string, previous: readonly string[] | undefined): readonly string[] {
  const given = value.split(',').map((v) => v.trim()).filter((v) => v !== '');
  if (given.length === 0) throw new InvalidArgumentError('expected a value');
  return [...(previous ?? []), ...given];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs (DESIGN §3): anything else is a typo, refused here rather than sent to the database. */
export function isId(value: string): boolean {
  return UUID.test(value.trim());
}

/** `collect` for ids: each must be a UUID (`--event a,b`, `--ids a --ids b`). */
export function collectIds(value: string, previous: readonly string[] | undefined): readonly string[] {
  const ids = collect(value, previous);
  const bad = ids.filter((id) => !isId(id));
  if (bad.length > 0) throw new InvalidArgumentError(`not an id: ${bad.join(', ')}`);
  return ids.map((id) => id.trim().toLowerCase());
}
