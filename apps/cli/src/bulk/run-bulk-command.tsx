import { setTimeout as sleep } from 'node:timers/promises';
import type { UseCases } from '@aquastream/adapters';
import type { AppError, BulkItem, BulkResult } from '@aquastream/application';
import type { Result } from '@aquastream/domain';
import { EXIT, fromAppError, UsageError } from '../cli-errors.js';
import type { CliContext } from '../context.js';
import { askConfirmation, liveView, printView, type LiveView } from '../views/ink-session.js';
import { PlanView, type BulkKind } from '../views/plan-view.js';
import { ProgressView, type ProgressFailure } from '../views/progress-view.js';
import { SummaryView } from '../views/summary-view.js';
import { summaryOf, totalsOf, type PlanRow, type RunSummary } from './bulk-report.js';

/** What differs between `events cancel` and `events reschedule`; the rest of a bulk run is the same. */
export type BulkCommandSpec<D> = {
  readonly kind: BulkKind;
  /** The dry run over the whole selection: resolves a filter once, and says what each event would undergo. */
  plan(uc: UseCases): Promise<Result<BulkResult<D>, AppError>>;
  /** The real run of one event (the use case with that single id: its idempotency key is per event and command). */
  runOne(uc: UseCases, eventId: string): Promise<Result<BulkResult<D>, AppError>>;
  /** The plan's items as the admin sees them (titles, counts, money). */
  rows(uc: UseCases, items: readonly BulkItem<D>[]): Promise<readonly PlanRow[]>;
};

/** Test hook: a pause after each item so that a test can interrupt a run half-way. Unset in real use. */
export const ITEM_DELAY_ENV = 'AQUASTREAM_CLI_ITEM_DELAY_MS';

/**
 * A bulk command, start to end (DESIGN §7): plan (a dry run, so a filter is resolved once and what is confirmed is
 * what runs), show it, ask unless `--yes`, then one event after another, each in its own transaction through its
 * idempotency key, with a progress bar on a terminal or one JSON line per event, and a summary. Ctrl-C stops after the
 * event in hand; running the same command again skips what is done.
 */
export async function runBulkCommand<D>(ctx: CliContext, spec: BulkCommandSpec<D>, options: { readonly dryRun: boolean }): Promise<void> {
  const { output } = ctx;
  const confirmWith = options.dryRun || ctx.globals.yes ? null : 'terminal';
  if (confirmWith !== null && !output.interactive) {
    const why = ctx.globals.json ? '--json was given' : 'there is no terminal to ask on';
    throw new UsageError(`refusing to ${spec.kind} events without confirmation (${why}); add --yes to go ahead, or --dry-run to see the plan`);
  }
  const uc = await ctx.useCases();
  const planned = await spec.plan(uc);
  if (!planned.ok) throw fromAppError(planned.error);
  const rows = await spec.rows(uc, planned.value.items);

  if (options.dryRun) {
    reportPlan(ctx, spec.kind, rows, true);
    if (rows.some((r) => r.outcome === 'failed')) ctx.reportExit(EXIT.FAILED);
    return;
  }
  const toChange = rows.filter((r) => r.outcome === 'planned').length;
  // On a terminal the plan is printed even with --yes: the scrollback then records what was meant, next to what was done.
  if (!output.json && toChange > 0) printView(output.stdout, <PlanView kind={spec.kind} rows={rows} dryRun={false} />);
  if (confirmWith !== null && toChange > 0) {
    const question = `${spec.kind === 'cancel' ? 'Cancel' : 'Reschedule'} ${toChange} event${toChange === 1 ? '' : 's'}?`;
    if (!(await askConfirmation(output, question))) {
      output.note('Nothing changed.');
      ctx.reportExit(EXIT.FAILED);
      return;
    }
  }
  const summary = await execute(ctx, spec, uc, rows);
  ctx.reportExit(summary.interrupted ? EXIT.INTERRUPTED : summary.failed > 0 ? EXIT.FAILED : EXIT.OK);
}

function reportPlan(ctx: CliContext, kind: BulkKind, rows: readonly PlanRow[], dryRun: boolean): void {
  if (ctx.output.json) {
    for (const row of rows) ctx.output.jsonLine({ type: 'plan', ...row });
    ctx.output.jsonLine({ type: 'summary', dryRun, ...totalsOf(rows), correlationId: ctx.correlationId });
  } else {
    printView(ctx.output.stdout, <PlanView kind={kind} rows={rows} dryRun={dryRun} />);
  }
}

async function execute<D>(ctx: CliContext, spec: BulkCommandSpec<D>, uc: UseCases, rows: readonly PlanRow[]): Promise<RunSummary> {
  const { output } = ctx;
  const signal = ctx.takeInterrupts();
  const delayMs = Number(ctx.env[ITEM_DELAY_ENV] ?? 0);
  const titles = new Map(rows.map((r) => [r.eventId, r.title]));
  const results: { item: BulkItem<D>; title: string | null }[] = [];
  const total = rows.length;
  const progress = (current: string | null) => {
    const count = (o: BulkItem<D>['outcome']) => results.filter((r) => r.item.outcome === o).length;
    const failures: ProgressFailure[] = results
      .filter((r) => r.item.outcome === 'failed')
      .map((r) => ({ eventId: r.item.eventId, title: r.title, code: r.item.code, reason: r.item.reason }));
    return (
      <ProgressView kind={spec.kind} total={total} done={count('done')} skipped={count('skipped')} failed={count('failed')} current={current} failures={failures} stopping={signal.aborted} />
    );
  };
  let live: LiveView | null = output.json ? null : liveView(output, progress(null));
  const onAbort = () => live?.update(progress(null));
  signal.addEventListener('abort', onAbort);
  try {
    for (const [index, row] of rows.entries()) {
      if (signal.aborted) break;
      live?.update(progress(`${row.eventId} ${row.title ?? ''}`));
      const one = await spec.runOne(uc, row.eventId);
      // A refusal of the whole command cannot happen here (the plan passed the same checks): it is this item's failure.
      const item: BulkItem<D> = one.ok
        ? (one.value.items[0] ?? { eventId: row.eventId, outcome: 'failed', code: 'INTERNAL', reason: 'no result', detail: null })
        : { eventId: row.eventId, outcome: 'failed', code: one.error.type, reason: one.error.detail, detail: null };
      results.push({ item, title: titles.get(row.eventId) ?? null });
      if (output.json) output.jsonLine({ type: 'item', index: index + 1, total, title: titles.get(row.eventId) ?? null, ...item });
      else live?.update(progress(null));
      if (delayMs > 0 && index < rows.length - 1 && !signal.aborted) await sleep(delayMs);
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  const summary = summaryOf(total, results, signal.aborted && results.length < total);
  if (output.json) {
    output.jsonLine({ type: 'summary', dryRun: false, ...summary, correlationId: ctx.correlationId });
  } else if (live !== null) {
    await live.finish(
      <>
        {progress(null)}
        <SummaryView kind={spec.kind} summary={summary} correlationId={ctx.correlationId} />
      </>,
    );
    live = null;
  }
  return summary;
}

