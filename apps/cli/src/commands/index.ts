import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { registerEventsCancelCommand } from './events-cancel.command.js';
import { registerEventsRescheduleCommand } from './events-reschedule.command.js';
import { registerEventsListCommand } from './events-list.command.js';
import { registerBookingsExpireNowCommand } from './bookings-expire-now.command.js';
import { registerWaitlistProcessCommand } from './waitlist-process.command.js';
import { registerReconcileCommand } from './reconcile.command.js';
import { registerOutboxCommand } from './outbox.command.js';
import { registerJobsCommand } from './jobs.command.js';
import { registerDbCommand } from './db.command.js';
import { registerSeedCommand } from './seed.command.js';
import { registerTokenCommand } from './token.command.js';

/**
 * Every command of `aquastream-admin`, registered in help order. A command lives in `<name>.command.ts` and exports
 * `register<Name>Command(program, ctx)`; it adds itself with `program.command(…)` or, inside a group,
 * `commandGroup(program, 'events', …).command(…)` (command-group.ts). Its action:
 * - reads global options from `ctx.globals` (`json`, `yes`, `databaseUrl`), never redeclares them;
 * - calls use cases through `await ctx.useCases()` with `ctx.ucx` (actor `cli:<user>`, the run's correlation id);
 * - writes through `ctx.output` (table on a TTY, JSON otherwise; notes on stderr);
 * - throws `UsageError` for bad usage (exit 2), `CommandFailedError` or `fromAppError(e)` for failures (exit 1),
 *   or calls `ctx.reportExit(EXIT.FAILED)` when some items failed but the command finished (cli-errors.ts);
 * - includes an `Example:` in its help (`.addHelpText('after', …)`).
 * Shared helpers: event-filter-options.ts (`--status --org --from --to --q` → EventFilter), bulk/time-input.ts.
 */
export function registerCommands(program: Command, ctx: CliContext): void {
  registerEventsListCommand(program, ctx);
  registerEventsCancelCommand(program, ctx);
  registerEventsRescheduleCommand(program, ctx);
  registerBookingsExpireNowCommand(program, ctx);
  registerWaitlistProcessCommand(program, ctx);
  registerReconcileCommand(program, ctx);
  registerOutboxCommand(program, ctx);
  registerJobsCommand(program, ctx);
  registerDbCommand(program, ctx);
  registerSeedCommand(program, ctx);
  registerTokenCommand(program, ctx);
}
