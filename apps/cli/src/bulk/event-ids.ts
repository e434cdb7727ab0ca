import type { EventSelection } from '@aquastream/application';
import { UsageError } from '../cli-errors.js';
import { eventFilterOf, type EventFilterOptions } from '../event-filter-options.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Event ids as typed (commas allowed too, for pasting): each must look like an id, or nothing runs. */
export function eventIdsOf(args: readonly string[]): readonly string[] {
  const ids = args.flatMap((a) => a.split(',')).map((a) => a.trim()).filter((a) => a !== '');
  const bad = ids.filter((id) => !UUID.test(id));
  if (bad.length > 0) throw new UsageError(`not an event id: ${bad.slice(0, 3).join(', ')}${bad.length > 3 ? ` and ${bad.length - 3} more` : ''}`);
  return [...new Set(ids.map((id) => id.toLowerCase()))];
}

/**
 * Ids, or `--filter` with at least one filter option — never both, never neither. `--filter` alone would select every
 * upcoming published event, which no one means when they type it in a hurry.
 */
export function selectionOf(args: readonly string[], options: EventFilterOptions & { readonly filter?: boolean }): EventSelection {
  const filter = eventFilterOf(options);
  if (options.filter === true) {
    if (args.length > 0) throw new UsageError('give event ids or --filter, not both');
    if (filter === null) throw new UsageError('--filter needs at least one of --status, --org, --from, --to, --q');
    return { filter };
  }
  if (filter !== null) throw new UsageError('--status, --org, --from, --to and --q select events only with --filter');
  if (args.length === 0) throw new UsageError('give one or more event ids, or --filter with filter options');
  return { eventIds: eventIdsOf(args) };
}
