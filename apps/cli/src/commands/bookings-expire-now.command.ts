import { Option, type Command } from 'commander';
import { EXIT, fromAppError } from '../cli-errors.js';
import { commandGroup } from '../command-group.js';
import type { CliContext } from '../context.js';
import { positiveInteger } from './option-parsers.js';

type ExpireOptions = { readonly batchSize: number };

export type ExpireNowSummary = {
  readonly batches: number;
  readonly examined: number;
  readonly expired: number;
  readonly paid: number;
  readonly skipped: number;
  readonly failed: readonly { readonly bookingId: string; readonly error: string }[];
  readonly interrupted: boolean;
};

const EXAMPLES = `
Runs the scheduler's expire-pending-bookings job (DESIGN §6) now, batch after batch until no due booking is left:
PENDING_PAYMENT bookings whose payment deadline + grace has passed become EXPIRED, their seats and promo uses come
back and the waitlist is offered the seats. Bookings without an open payment are expired set-based (thousands per
transaction); a booking with an open payment is checked with the gateway first (paid ones are confirmed instead),
--batch-size of them per batch. Safe beside a running scheduler. Exit 1 when some booking could not be handled.

Examples:
  $ aquastream-admin bookings expire-now
  $ aquastream-admin bookings expire-now --batch-size 500 --json
`;

/** `bookings expire-now` (DESIGN §7). */
export function registerBookingsExpireNowCommand(program: Command, ctx: CliContext): void {
  commandGroup(program, 'bookings', 'bookings: expire unpaid ones now')
    .command('expire-now')
    .description('expire every unpaid booking whose payment deadline and grace have passed, now')
    .addOption(new Option('--batch-size <n>', 'bookings with an open payment per batch (each asks the gateway, one short transaction each)').argParser(positiveInteger(10_000)).default(100))
    .addHelpText('after', EXAMPLES)
    .action(async (options: ExpireOptions) => {
      const uc = await ctx.useCases();
      const signal = ctx.takeInterrupts();
      const failed = new Map<string, string>();
      let batches = 0;
      let examined = 0;
      let expired = 0;
      let paid = 0;
      let skipped = 0;
      for (;;) {
        const run = await uc.jobs['expire-pending-bookings'](ctx.ucx, { batchSize: options.batchSize });
        if (!run.ok) throw fromAppError(run.error);
        const r = run.value;
        batches += 1;
        examined += r.examined;
        expired += r.expired;
        paid += r.paid;
        skipped += r.skipped;
        for (const f of r.failed) failed.set(f.bookingId, f.error);
        // A full batch in which nothing moved would come back the same (its failures stay due): stop rather than spin.
        if (!r.more || r.expired + r.paid === 0 || signal.aborted) break;
      }
      const summary: ExpireNowSummary = {
        batches,
        examined,
        expired,
        paid,
        skipped,
        failed: [...failed].map(([bookingId, error]) => ({ bookingId, error })),
        interrupted: signal.aborted,
      };
      ctx.output.result(summary, () =>
        [
          `Expired ${expired} booking(s); ${paid} found paid and confirmed instead; ${skipped} skipped (already handled); ${summary.failed.length} failed.`,
          ...summary.failed.map((f) => `  failed ${f.bookingId}: ${f.error}`),
          ...(summary.interrupted ? ['Interrupted: run it again to finish.'] : []),
        ].join('\n'),
      );
      if (summary.failed.length > 0) ctx.reportExit(EXIT.FAILED);
      if (summary.interrupted) ctx.reportExit(EXIT.INTERRUPTED);
    });
}
