import { Box, Text } from 'ink';
import type { BulkKind } from './plan-view.js';

export type ProgressFailure = { readonly eventId: string; readonly title: string | null; readonly code: string | null; readonly reason: string | null };

export type ProgressViewProps = {
  readonly kind: BulkKind;
  readonly total: number;
  readonly done: number;
  readonly skipped: number;
  readonly failed: number;
  /** The event being worked on, if any. */
  readonly current: string | null;
  readonly failures: readonly ProgressFailure[];
  readonly stopping: boolean;
  readonly width?: number;
};

/** `[##########----------]  12/30  ✓ 10 done · 1 skipped · ✗ 1 failed`, with the failures listed as they happen. */
export function progressBar(processed: number, total: number, width: number): string {
  const filled = total === 0 ? width : Math.round((processed / total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}

export function ProgressView({ kind, total, done, skipped, failed, current, failures, stopping, width = 30 }: ProgressViewProps) {
  const processed = done + skipped + failed;
  return (
    <Box flexDirection="column">
      <Text>
        {progressBar(processed, total, width)} {processed}/{total} <Text color="green">{done} {kind === 'cancel' ? 'canceled' : 'moved'}</Text> ·{' '}
        <Text color="gray">{skipped} skipped</Text> · <Text color={failed > 0 ? 'red' : undefined}>{failed} failed</Text>
      </Text>
      {current === null ? null : <Text dimColor>working on {current}</Text>}
      {stopping ? <Text color="yellow">Interrupted: stopping after this event…</Text> : null}
      {failures.map((f) => (
        <Text key={f.eventId} color="red">
          ✗ {f.eventId} {f.title ?? ''}: {f.code ?? 'FAILED'} {f.reason ?? ''}
        </Text>
      ))}
    </Box>
  );
}
