import type { ReconcileReport } from '@aquastream/application';
import type { Command } from 'commander';
import { EXIT, fromAppError } from '../cli-errors.js';
import type { CliContext } from '../context.js';
import { formatTable } from '../output.js';
import { collectIds } from './option-parsers.js';

type ReconcileOptions = { readonly fix?: boolean; readonly event?: readonly string[] };

/** The JSON answer: the use case's report plus `clean`, the one field a monitoring script needs. */
export type ReconcileAnswer = ReconcileReport & { readonly fixed: boolean; readonly clean: boolean };

const EXAMPLES = `
Checks, for every event, that the stored seat counters equal what they are defined as (DESIGN §3.2): the quantities
of PENDING_PAYMENT and CONFIRMED bookings plus the seats held by open waitlist offers, for the event and for each price
option. With --fix, each drifted event is repaired under its row lock (the lock every seat change takes), from the
sums as they are at that moment, and the repair is audited.

Exit codes, for monitoring: 0 no drift (or every drift repaired with --fix); 1 drift found and left as it was.

Examples:
  $ aquastream-admin reconcile
  $ aquastream-admin reconcile --json || alert "seat counters drifted"
  $ aquastream-admin reconcile --fix
  $ aquastream-admin reconcile --event 0190a1b2-0000-7000-8000-000000000001 --fix
`;

/** `reconcile [--fix]` (DESIGN §3.2, §7), over uc.admin.reconcile. */
export function registerReconcileCommand(program: Command, ctx: CliContext): void {
  program
    .command('reconcile')
    .description('check seat counters against bookings and offers for every event; --fix repairs drift')
    .option('--fix', 'write the sums back where the counters drifted')
    .option('--event <eventId>', 'only this event (repeatable, or comma-separated)', collectIds)
    .addHelpText('after', EXAMPLES)
    .action(async (options: ReconcileOptions) => {
      const uc = await ctx.useCases();
      const fix = options.fix === true;
      const done = await uc.admin.reconcile.execute(ctx.ucx, { fix, ...(options.event === undefined ? {} : { eventIds: options.event }) });
      if (!done.ok) throw fromAppError(done.error);
      const report = done.value;
      const unrepaired = report.drifted.filter((d) => !d.repaired).length;
      const answer: ReconcileAnswer = { ...report, fixed: fix, clean: unrepaired === 0 };
      ctx.output.result(answer, () => describe(answer));
      if (unrepaired > 0) ctx.reportExit(EXIT.FAILED);
    });
}

function describe(answer: ReconcileAnswer): string {
  if (answer.drifted.length === 0) return `Checked ${answer.checked} event(s): every seat counter matches its bookings and offers.`;
  const rows = answer.drifted.flatMap((d) => d.drift.map((x) => ({ eventId: d.eventId, ...x, repaired: d.repaired })));
  const table = formatTable(rows, [
    { header: 'EVENT', value: (r) => r.eventId },
    { header: 'COUNTER', value: (r) => r.field },
    { header: 'STORED', value: (r) => r.stored, align: 'right' },
    { header: 'EXPECTED', value: (r) => r.expected, align: 'right' },
    { header: 'REPAIRED', value: (r) => (r.repaired ? 'yes' : 'no') },
  ]);
  const tail = answer.fixed
    ? `Repaired ${answer.repaired} event(s).`
    : `${answer.drifted.length} event(s) drifted; run again with --fix to repair them.`;
  return `Checked ${answer.checked} event(s).\n${table}\n${tail}`;
}
