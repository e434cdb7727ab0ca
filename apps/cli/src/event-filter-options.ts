import type { EventFilter } from '@aquastream/application';
import type { EventStatus } from '@aquastream/domain';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { UsageError } from './cli-errors.js';
import { parseInstant } from './bulk/time-input.js';

const STATUSES: readonly EventStatus[] = ['DRAFT', 'IN_REVIEW', 'SCHEDULED', 'PUBLISHED', 'CANCELED', 'COMPLETED'];

/** The catalogue filter options as commander parses them (`events list`, and `--filter` of the bulk commands). */
export type EventFilterOptions = {
  readonly status?: readonly EventStatus[];
  readonly org?: string;
  readonly from?: number;
  readonly to?: number;
  readonly q?: string;
};

function statuses(value: string, previous: readonly EventStatus[] | undefined): readonly EventStatus[] {
  const given = value.split(',').map((s) => s.trim().toUpperCase()).filter((s) => s !== '');
  const unknown = given.filter((s) => !STATUSES.includes(s as EventStatus));
  if (given.length === 0 || unknown.length > 0) throw new InvalidArgumentError(`expected one or more of ${STATUSES.join(', ')} (comma-separated)`);
  return [...new Set([...(previous ?? []), ...(given as EventStatus[])])];
}

function instant(option: string, endOfDay: boolean): (value: string) => number {
  return (value) => {
    try {
      return parseInstant(option, value, endOfDay);
    } catch (error: unknown) {
      if (error instanceof UsageError) throw new InvalidArgumentError(error.message.replace(`${option} ${value}: `, ''));
      throw error;
    }
  };
}

/** Adds `--status`, `--org`, `--from`, `--to`, `--q` to a command. */
export function addEventFilterOptions(command: Command): Command {
  return command
    .addOption(new Option('--status <statuses>', `event status(es), comma-separated or repeated: ${STATUSES.join(', ')} (default: PUBLISHED and not yet started)`).argParser(statuses))
    .addOption(new Option('--org <organizationId>', 'only events of this organisation'))
    .addOption(new Option('--from <datetime>', 'only events starting at or after this (2026-07-01 = midnight UTC, or 2026-07-01T10:00+03:00)').argParser(instant('--from', false)))
    .addOption(new Option('--to <datetime>', 'only events starting at or before this (a date alone includes that whole UTC day)').argParser(instant('--to', true)))
    .addOption(new Option('--q <text>', 'text search in title and description'));
}

/** The use cases' filter from the parsed options; `null` when no filter option was given. */
export function eventFilterOf(options: EventFilterOptions): EventFilter | null {
  const filter: { -readonly [K in keyof EventFilter]: EventFilter[K] } = {};
  if (options.status !== undefined) filter.statuses = options.status;
  if (options.org !== undefined) filter.organizationId = options.org;
  if (options.from !== undefined) filter.from = options.from;
  if (options.to !== undefined) filter.to = options.to;
  if (options.q !== undefined) filter.q = options.q;
  if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) throw new UsageError('--from is after --to');
  return Object.keys(filter).length === 0 ? null : filter;
}
