import type { EventView } from '@aquastream/application';
import type { EventStatus } from '@aquastream/domain';
import { Option, type Command } from 'commander';
import { fromAppError, UsageError } from '../cli-errors.js';
import { commandGroup } from '../command-group.js';
import type { CliContext } from '../context.js';
import { addEventFilterOptions, eventFilterOf, type EventFilterOptions } from '../event-filter-options.js';
import { isoInstants, money, shortInstant } from './iso-instants.js';
import { isId, positiveInteger } from './option-parsers.js';

const ALL_STATUSES: readonly EventStatus[] = ['DRAFT', 'IN_REVIEW', 'SCHEDULED', 'PUBLISHED', 'CANCELED', 'COMPLETED'];
const SORTS = ['startsAt', '-startsAt', 'price', 'rating', 'popularity'] as const;
/** The API's limit (DESIGN §4): one page is one query, whatever the entry point. */
const MAX_SIZE = 100;

type ListOptions = EventFilterOptions & {
  readonly all?: boolean;
  readonly sort: (typeof SORTS)[number];
  readonly page: number;
  readonly size: number;
};

const EXAMPLES = `
Without --status (or --all) the list is the public catalogue's: PUBLISHED events that have not started. The CLI acts
as an admin, so --status may name any status, drafts included.

JSON (--json, or whenever stdout is not a terminal): { data: [events as the API shows them], page, size,
totalElements, totalPages }, instants in ISO 8601 UTC.

Examples:
  $ aquastream-admin events list
  $ aquastream-admin events list --status DRAFT,SCHEDULED --org 0190a1b2-0000-7000-8000-00000000000a
  $ aquastream-admin events list --all --from 2026-07-01 --to 2026-07-31 --q kayak --json | jq '.data[].id'
`;

/** `events list` (DESIGN §7): the catalogue search of the API, as the CLI's admin actor. */
export function registerEventsListCommand(program: Command, ctx: CliContext): void {
  const command = commandGroup(program, 'events', 'list, cancel and reschedule events')
    .command('list')
    .description('list events by status, organisation, start date and text: a table on a terminal, JSON otherwise');
  addEventFilterOptions(command)
    .option('--all', 'every status, past events included (instead of --status)')
    .addOption(new Option('--sort <order>', 'order of the list').choices(SORTS).default('startsAt'))
    .addOption(new Option('--page <n>', 'page number, from 1').argParser(positiveInteger()).default(1))
    .addOption(new Option('--size <n>', `events per page, at most ${MAX_SIZE}`).argParser(positiveInteger(MAX_SIZE)).default(20))
    .addHelpText('after', EXAMPLES)
    .action(async (options: ListOptions) => {
      const filter = eventFilterOf(options) ?? {};
      if (filter.organizationId !== undefined && !isId(filter.organizationId)) throw new UsageError(`--org ${filter.organizationId}: not an organisation id`);
      const statuses = options.all === true ? ALL_STATUSES : filter.statuses;
      const uc = await ctx.useCases();
      const found = await uc.events.search.execute(ctx.ucx, {
        ...(filter.q === undefined ? {} : { q: filter.q }),
        ...(filter.organizationId === undefined ? {} : { organizationId: filter.organizationId }),
        ...(filter.from === undefined ? {} : { from: filter.from }),
        ...(filter.to === undefined ? {} : { to: filter.to }),
        ...(statuses === undefined ? {} : { statuses }),
        sort: options.sort,
        page: options.page,
        size: options.size,
      });
      if (!found.ok) throw fromAppError(found.error);
      const page = found.value;
      if (ctx.output.json) {
        ctx.output.jsonLine(isoInstants(page));
        return;
      }
      ctx.output.table(page.data, EVENT_COLUMNS);
      ctx.output.line(`page ${page.page} of ${Math.max(page.totalPages, 1)} · ${page.totalElements} event(s)`);
    });
}

const EVENT_COLUMNS = [
  { header: 'ID', value: (e: EventView) => e.id },
  { header: 'STATUS', value: (e: EventView) => e.status },
  { header: 'STARTS (UTC)', value: (e: EventView) => shortInstant(e.startsAt) },
  { header: 'SEATS', value: (e: EventView) => `${e.capacity - e.seatsAvailable}/${e.capacity}`, align: 'right' as const },
  { header: 'FROM', value: (e: EventView) => (e.price === null ? '' : money(e.price, e.currency)), align: 'right' as const },
  { header: 'TITLE', value: (e: EventView) => e.title },
];
