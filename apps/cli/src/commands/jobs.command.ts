import { JOB_NAMES, type JobName } from '@aquastream/adapters';
import { Option, type Command } from 'commander';
import { EXIT, fromAppError, UsageError } from '../cli-errors.js';
import { commandGroup } from '../command-group.js';
import type { CliContext } from '../context.js';
import { positiveInteger } from './option-parsers.js';

/** The jobs of DESIGN §6, whether or not this build can run them from the CLI yet. */
type DesignJob =
  | 'expire-pending-bookings'
  | 'expire-waitlist-offers'
  | 'publish-scheduled-events'
  | 'complete-finished-events'
  | 'send-reminders'
  | 'relay-outbox'
  | 'retry-crew-requests'
  | 'purge-audit';

type JobInfo = { readonly every: string; readonly does: string };

/**
 * What each job does and how often the scheduler runs it. Keyed by every runnable job (a job added to the library
 * without a line here does not compile) and by every job of DESIGN §6 (so the list shows the whole schedule even for
 * jobs that only the scheduler process runs).
 */
const JOB_INFO: Readonly<Record<JobName | DesignJob, JobInfo>> = {
  'expire-pending-bookings': { every: '1 min', does: 'unpaid bookings past deadline + grace → EXPIRED; seats and promo uses back, waitlist offered' },
  'expire-waitlist-offers': { every: '5 min', does: 'waitlist offers past their window → EXPIRED; the next in line offered' },
  'publish-scheduled-events': { every: '1 min', does: 'SCHEDULED events whose publishAt has come → PUBLISHED' },
  'complete-finished-events': { every: '1 h', does: 'PUBLISHED events that have ended → COMPLETED' },
  'send-reminders': { every: '5 min', does: 'event.reminder 24 h and 1 h before start, once per booking and window' },
  'relay-outbox': { every: 'continuous', does: 'outbox messages → the broker' },
  'retry-crew-requests': { every: '5 min', does: 'failed crew requests asked again with back-off, then FAILED' },
  'purge-audit': { every: 'daily', does: 'booking and waitlist logs older than AUDIT_RETAIN_DAYS removed' },
  'retry-refunds': { every: '5 min', does: 'refunds the gateway refused earlier sent again' },
};

const isRunnable = (name: string): name is JobName => (JOB_NAMES as readonly string[]).includes(name);
const isKnown = (name: string): name is keyof typeof JOB_INFO => Object.hasOwn(JOB_INFO, name);

export type JobRow = { readonly name: string; readonly every: string; readonly runnable: boolean; readonly description: string };

export function jobRows(): JobRow[] {
  const names = [...new Set([...JOB_NAMES, ...(Object.keys(JOB_INFO) as (keyof typeof JOB_INFO)[])])];
  return names.map((name) => ({ name, every: JOB_INFO[name].every, runnable: isRunnable(name), description: JOB_INFO[name].does }));
}

const LIST_EXAMPLES = `
RUN "yes": \`jobs run <name>\` runs it here; "no": only the scheduler process runs it (apps/scheduler).

Examples:
  $ aquastream-admin jobs list
  $ aquastream-admin jobs list --json | jq -r '.[] | select(.runnable) | .name'
`;

const RUN_EXAMPLES = `
Runs one pass of the job now, as the scheduler would (DESIGN §6): in batches, idempotent, safe beside a running
scheduler, audited as cli:<your OS user>. Prints what the job reports. Exit 1 when the job reports failed items;
an unknown name exits 2 with the list.

Examples:
  $ aquastream-admin jobs run publish-scheduled-events
  $ aquastream-admin jobs run expire-pending-bookings --batch-size 500 --json
`;

/** `jobs list` and `jobs run <name>` (DESIGN §6, §7), over uc.jobs. */
export function registerJobsCommand(program: Command, ctx: CliContext): void {
  const jobs = commandGroup(program, 'jobs', "the scheduler's jobs: list them, run one now");
  jobs
    .command('list')
    .description('the jobs, how often the scheduler runs them, and which can be run from here')
    .addHelpText('after', LIST_EXAMPLES)
    .action(() => {
      ctx.output.table(jobRows(), [
        { header: 'NAME', value: (r) => r.name },
        { header: 'EVERY', value: (r) => r.every },
        { header: 'RUN', value: (r) => (r.runnable ? 'yes' : 'no') },
        { header: 'DOES', value: (r) => r.description },
      ]);
    });
  jobs
    .command('run')
    .description('run one job now')
    .argument('<name>', `one of: ${JOB_NAMES.join(', ')}`)
    .addOption(new Option('--batch-size <n>', 'items per batch (the job’s default when left out)').argParser(positiveInteger(10_000)))
    .addHelpText('after', RUN_EXAMPLES)
    .action(async (name: string, options: { readonly batchSize?: number }) => {
      if (!isRunnable(name)) {
        const why = isKnown(name) ? `"${name}" runs in the scheduler process only` : `no job "${name}"`;
        throw new UsageError(`${why}; jobs that run here: ${JOB_NAMES.join(', ')}`);
      }
      const uc = await ctx.useCases();
      const startedAt = Date.now();
      const began = performance.now();
      const run = await uc.jobs[name](ctx.ucx, options.batchSize === undefined ? {} : { batchSize: options.batchSize });
      if (!run.ok) throw fromAppError(run.error);
      const durationMs = Math.round(performance.now() - began);
      const result = run.value as Readonly<Record<string, unknown>>;
      const failures = failedCount(result);
      ctx.output.result({ name, startedAt: new Date(startedAt).toISOString(), durationMs, result }, () => `${name}: ${describeResult(result)} (${durationMs} ms)`);
      if (failures > 0) ctx.reportExit(EXIT.FAILED);
    });
}

/** Jobs report failures as a `failed` list (expiry) or count (crew retries); both mean exit 1. */
function failedCount(result: Readonly<Record<string, unknown>>): number {
  const failed = result['failed'];
  if (Array.isArray(failed)) return failed.length;
  return typeof failed === 'number' ? failed : 0;
}

function describeResult(result: Readonly<Record<string, unknown>>): string {
  return Object.entries(result)
    .map(([k, v]) => `${k} ${Array.isArray(v) ? v.length : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}
