import type { UseCases } from '@aquastream/adapters';
import type { BulkItem, RescheduleDetail } from '@aquastream/application';
import { Option, type Command } from 'commander';
import { UsageError } from '../cli-errors.js';
import type { CliContext } from '../context.js';
import { formatInstant, type PlanRow } from '../bulk/bulk-report.js';
import { eventIdsOf } from '../bulk/event-ids.js';
import { runBulkCommand } from '../bulk/run-bulk-command.js';
import { parseInstant, parseShift } from '../bulk/time-input.js';
import { commandGroup } from '../command-group.js';

type RescheduleOptions = {
  readonly shift?: string;
  readonly to?: string;
  readonly reason: string;
  readonly runKey?: string;
  readonly dryRun?: boolean;
};

const EXAMPLES = `
Bookings stay; attendees are told (event.rescheduled), crews are asked again for the new times, and anyone who
cancels a booking afterwards gets 100 % back. Each event moves in its own transaction; running the same command
again skips the events it already moved (give --run-key to move them by the same amount once more on purpose).

Examples:
  $ aquastream-admin events reschedule 0190a1b2-0000-7000-8000-000000000001 0190a1b2-0000-7000-8000-000000000002 --shift +2h --reason "Storm" --dry-run
  $ aquastream-admin events reschedule 0190a1b2-0000-7000-8000-000000000001 --shift -PT30M --reason "Tide"
  $ aquastream-admin events reschedule 0190a1b2-0000-7000-8000-000000000001 --to 2026-07-02T10:00:00+03:00 --reason "Moved a day" --yes
`;

/** `events reschedule <ids…> --shift <duration> | --to <datetime>` (DESIGN §7), over uc.admin.bulkReschedule. */
export function registerEventsRescheduleCommand(program: Command, ctx: CliContext): void {
  commandGroup(program, 'events', 'list, cancel and reschedule events')
    .command('reschedule')
    .description('move events in time in bulk; bookings stay and attendees are told')
    .argument('<eventIds...>', 'the events to move')
    .addOption(new Option('--shift <duration>', 'move by an ISO 8601 duration (PT2H, -PT30M, P1D) or +2h, -30m, 1h30m').conflicts('to'))
    .addOption(new Option('--to <datetime>', 'move a single event to start at this time (with its offset), keeping its duration'))
    .requiredOption('--reason <text>', 'why (shown to attendees and kept in the audit)')
    .option('--run-key <key>', 'a new key to apply the same shift again to events this command already moved')
    .option('--dry-run', 'print what would change, change nothing')
    .addHelpText('after', EXAMPLES)
    .action(async (args: string[], options: RescheduleOptions) => {
      const reason = options.reason.trim();
      if (reason === '') throw new UsageError('--reason must not be empty');
      const eventIds = eventIdsOf(args);
      let move: { shiftMs: number } | { to: number };
      if (options.shift !== undefined) move = { shiftMs: parseShift(options.shift) };
      else if (options.to !== undefined) {
        if (eventIds.length !== 1) throw new UsageError(`--to moves a single event; ${eventIds.length} given (use --shift to move several)`);
        move = { to: parseInstant('--to', options.to) };
      } else throw new UsageError('give --shift <duration> or --to <datetime>');
      const base = { ...move, reason, runKey: options.runKey ?? null };
      await runBulkCommand<RescheduleDetail>(
        ctx,
        {
          kind: 'reschedule',
          plan: (uc) => uc.admin.bulkReschedule.execute(ctx.ucx, { ...base, selection: { eventIds }, dryRun: true }),
          runOne: (uc, eventId) => uc.admin.bulkReschedule.execute(ctx.ucx, { ...base, selection: { eventIds: [eventId] } }),
          rows: (uc, items) => rescheduleRows(ctx, uc, items),
        },
        { dryRun: options.dryRun === true },
      );
    });
}

const CREW_TO_REQUEST = new Set(['PENDING', 'ASSIGNED', 'FAILED']);

async function rescheduleRows(ctx: CliContext, uc: UseCases, items: readonly BulkItem<RescheduleDetail>[]): Promise<PlanRow[]> {
  const rows: PlanRow[] = [];
  for (const item of items) {
    const event = await uc.events.get.execute(ctx.ucx, { eventId: item.eventId });
    const stats = event.ok ? await uc.events.stats.execute(ctx.ucx, { eventId: item.eventId }) : null;
    const detail = item.detail;
    rows.push({
      eventId: item.eventId,
      title: event.ok ? event.value.title : null,
      statusBefore: event.ok ? event.value.status : null,
      outcome: item.outcome,
      code: item.code,
      reason: item.reason,
      bookings: stats?.ok === true ? stats.value.pendingBookings + stats.value.confirmedBookings : null,
      refund: null,
      waitlist: stats?.ok === true ? stats.value.waitlistLength : null,
      crew: event.ok && CREW_TO_REQUEST.has(event.value.crew.status) ? 're-requested' : null,
      change: detail === null ? null : { from: formatInstant(detail.previous.startsAt), to: formatInstant(detail.next.startsAt) },
    });
  }
  return rows;
}
