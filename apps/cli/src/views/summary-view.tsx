import { Box, Text } from 'ink';
import type { RunSummary } from '../bulk/bulk-report.js';
import type { BulkKind } from './plan-view.js';

export type SummaryViewProps = { readonly kind: BulkKind; readonly summary: RunSummary; readonly correlationId: string };

/** The last words of a run: done, skipped as already done, failed with reasons, and what an interrupted run left. */
export function SummaryView({ kind, summary, correlationId }: SummaryViewProps) {
  const ok = summary.failed === 0 && !summary.interrupted;
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text bold color={ok ? 'green' : summary.failed > 0 ? 'red' : 'yellow'}>
        {summary.interrupted ? 'Interrupted. ' : ''}
        {summary.done} {kind === 'cancel' ? 'canceled' : 'moved'}, {summary.skipped} skipped (already done), {summary.failed} failed
        {summary.notRun > 0 ? `, ${summary.notRun} not reached` : ''} — of {summary.total}.
      </Text>
      {summary.failures.map((f) => (
        <Text key={f.eventId} color="red">
          ✗ {f.eventId} {f.title ?? ''}: {f.code ?? 'FAILED'} {f.reason ?? ''}
        </Text>
      ))}
      {summary.notRun > 0 || summary.failed > 0 ? <Text>Run the same command again: what is done is skipped, the rest is tried again.</Text> : null}
      <Text dimColor>correlation id {correlationId} (in every audit row and message of this run)</Text>
    </Box>
  );
}
