import { Box, Text } from 'ink';
import { formatMoney, totalsOf, type PlanRow, type Totals } from '../bulk/bulk-report.js';

export type BulkKind = 'cancel' | 'reschedule';

const OUTCOME_COLOR = { planned: 'yellow', done: 'green', skipped: 'gray', failed: 'red' } as const;
const OUTCOME_WORD: Record<BulkKind, Record<PlanRow['outcome'], string>> = {
  cancel: { planned: 'will cancel', done: 'canceled', skipped: 'skip', failed: 'cannot cancel' },
  reschedule: { planned: 'will move', done: 'moved', skipped: 'skip', failed: 'cannot move' },
};

/** The line under an event: what its cancel or reschedule touches. */
export function effectsOf(kind: BulkKind, row: PlanRow): string {
  if (row.outcome === 'failed' || row.outcome === 'skipped') return `${row.code ?? ''}${row.reason === null ? '' : `: ${row.reason}`}`;
  const parts: string[] = [];
  if (kind === 'reschedule' && row.change !== null) parts.push(`${row.change.from} → ${row.change.to}`);
  if (row.bookings !== null) parts.push(`${row.bookings} booking${row.bookings === 1 ? '' : 's'} ${kind === 'cancel' ? 'canceled' : 'kept, attendees notified'}`);
  if (kind === 'cancel') parts.push(row.refund === null ? 'nothing to refund' : `refund ${formatMoney(row.refund)}`);
  if (row.waitlist !== null && row.waitlist > 0) parts.push(`${row.waitlist} waitlist entr${row.waitlist === 1 ? 'y' : 'ies'} ${kind === 'cancel' ? 'canceled' : 'kept'}`);
  if (row.crew !== null) parts.push(`crew ${row.crew}`);
  return parts.join(' · ');
}

/** `30 events: 12 to cancel, 2 already canceled; 41 bookings, refund 61 500.00 RUB, 3 waitlist entries, 2 crews`. */
export function totalsLine(kind: BulkKind, t: Totals): string {
  const verb = kind === 'cancel' ? 'to cancel' : 'to move';
  const head = [`${t.toChange} ${verb}`, t.skipped > 0 ? `${t.skipped} skipped` : null, t.failed > 0 ? `${t.failed} failing` : null].filter((p) => p !== null);
  const effects = [
    `${t.bookings} booking${t.bookings === 1 ? '' : 's'}`,
    kind === 'cancel' ? (t.refunds.length === 0 ? 'nothing to refund' : `refund ${t.refunds.map(formatMoney).join(' + ')}`) : null,
    `${t.waitlist} waitlist entr${t.waitlist === 1 ? 'y' : 'ies'}`,
    `${t.crews} crew${t.crews === 1 ? '' : 's'} ${kind === 'cancel' ? 'released' : 're-requested'}`,
  ].filter((p) => p !== null);
  return `${t.events} event${t.events === 1 ? '' : 's'}: ${head.join(', ')}; ${effects.join(', ')}`;
}

export type PlanViewProps = { readonly kind: BulkKind; readonly rows: readonly PlanRow[]; readonly dryRun: boolean };

/** The plan of a bulk command, one block per event and the totals: what `--dry-run` prints and the confirmation shows. */
export function PlanView({ kind, rows, dryRun }: PlanViewProps) {
  const totals = totalsOf(rows);
  return (
    <Box flexDirection="column">
      <Text bold>{dryRun ? 'Dry run — nothing will be changed.' : `Plan (${kind}):`}</Text>
      {rows.map((row) => (
        <Box key={row.eventId} flexDirection="column" marginTop={0}>
          <Text>
            <Text color={OUTCOME_COLOR[row.outcome]}>{OUTCOME_WORD[kind][row.outcome].padEnd(13)}</Text> {row.eventId}  {row.title ?? '(unknown event)'}
            {row.statusBefore === null ? '' : <Text dimColor> [{row.statusBefore}]</Text>}
          </Text>
          <Box paddingLeft={14}>
            <Text dimColor>{effectsOf(kind, row)}</Text>
          </Box>
        </Box>
      ))}
      <Box marginTop={1}>
        <Text bold>{totalsLine(kind, totals)}</Text>
      </Box>
    </Box>
  );
}
