import type { UseCases } from '@aquastream/adapters';
import type { BulkItem, CancelEventPlan } from '@aquastream/application';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { UsageError } from '../cli-errors.js';
import type { CliContext } from '../context.js';
import { addEventFilterOptions, type EventFilterOptions } from '../event-filter-options.js';
import type { PlanRow } from '../bulk/bulk-report.js';
import { selectionOf } from '../bulk/event-ids.js';
import { runBulkCommand } from '../bulk/run-bulk-command.js';
import { commandGroup } from '../command-group.js';

type CancelOptions = EventFilterOptions & {
  readonly filter?: boolean;
  readonly reason: string;
  readonly refundPercent: number;
  readonly notify: boolean;
  readonly dryRun?: boolean;
};

function percent(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(n >= 0 && n <= 100)) throw new InvalidArgumentError('expected a percentage from 0 to 100');
  return n;
}

const EXAMPLES = `
Each event is canceled in its own transaction: its bookings are canceled, paid ones refunded (100 % unless
--refund-percent says otherwise), its waitlist canceled and its crew released. Running the same command again
skips what is already done, so an interrupted run is finished by running it again.

Examples:
  $ aquastream-admin events cancel 0190a1b2-0000-7000-8000-000000000001 --reason "Storm warning" --dry-run
  $ aquastream-admin events cancel --filter --from 2026-07-01 --to 2026-07-01 --reason "Harbour closed"
  $ aquastream-admin events cancel --filter --org <orgId> --q regatta --reason "Storm" --refund-percent 80 --yes --json
`;

/** `events cancel <ids…> | --filter …` (DESIGN §7), over uc.admin.bulkCancel. */
export function registerEventsCancelCommand(program: Command, ctx: CliContext): void {
  const command = commandGroup(program, 'events', 'list, cancel and reschedule events')
    .command('cancel')
    .description('cancel events in bulk, with their bookings (refunded), waitlists and crews')
    .argument('[eventIds...]', 'the events to cancel (or use --filter)')
    .option('--filter', 'select the events with the filter options below instead of ids');
  addEventFilterOptions(command)
    .requiredOption('--reason <text>', 'why (shown to attendees and kept in the audit)')
    .addOption(new Option('--refund-percent <percent>', 'refund this share of what each paid booking paid').default(100).argParser(percent))
    .option('--notify', 'tell attendees (the default)', true)
    .option('--no-notify', 'do not tell attendees (not available yet: see below)')
    .option('--dry-run', 'print what would change, change nothing')
    .addHelpText('after', EXAMPLES)
    .action(async (args: string[], options: CancelOptions) => {
      const reason = options.reason.trim();
      if (reason === '') throw new UsageError('--reason must not be empty');
      if (!options.notify) {
        // The use case always writes event.canceled and booking.canceled, which the notification service turns
        // into messages; a silent cancel needs that service to know, so it is refused rather than pretended.
        throw new UsageError('--no-notify is not available yet: a cancel always tells attendees (event.canceled, booking.canceled)');
      }
      const selection = selectionOf(args, options);
      // 100 % is what the use case does anyway; passing null keeps one idempotency key for "default" and "100".
      const refundPercent = options.refundPercent === 100 ? null : options.refundPercent;
      const base = { reason, refundPercent };
      await runBulkCommand<CancelEventPlan>(
        ctx,
        {
          kind: 'cancel',
          plan: (uc) => uc.admin.bulkCancel.execute(ctx.ucx, { ...base, selection, dryRun: true }),
          runOne: (uc, eventId) => uc.admin.bulkCancel.execute(ctx.ucx, { ...base, selection: { eventIds: [eventId] } }),
          rows: (uc, items) => cancelRows(ctx, uc, items),
        },
        { dryRun: options.dryRun === true },
      );
    });
}

async function cancelRows(ctx: CliContext, uc: UseCases, items: readonly BulkItem<CancelEventPlan>[]): Promise<PlanRow[]> {
  const rows: PlanRow[] = [];
  for (const item of items) {
    const plan = item.detail;
    let title = plan?.title ?? null;
    let status: string | null = plan?.statusBefore ?? null;
    if (plan === null) {
      const event = await uc.events.get.execute(ctx.ucx, { eventId: item.eventId });
      if (event.ok) ({ title, status } = event.value);
    }
    rows.push({
      eventId: item.eventId,
      title,
      statusBefore: status,
      outcome: item.outcome,
      code: item.code,
      reason: item.reason,
      bookings: plan?.bookingsCanceled ?? null,
      refund: plan === null || plan.refundTotal === 0 ? null : { amount: plan.refundTotal, currency: plan.currency },
      waitlist: plan?.waitlistCanceled ?? null,
      crew: plan?.crewReleased === true ? 'released' : null,
      change: null,
    });
  }
  return rows;
}
