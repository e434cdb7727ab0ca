import type { OutboxStats } from '@aquastream/application';
import type { Command } from 'commander';
import { fromAppError } from '../cli-errors.js';
import { commandGroup } from '../command-group.js';
import type { CliContext } from '../context.js';
import { isoInstants, shortInstant } from './iso-instants.js';
import { collectIds } from './option-parsers.js';

const STATUS_EXAMPLES = `
Counts the outbox messages (DESIGN §5) by status — PENDING (waiting for the relay), SENT, FAILED (the relay gave up) —
and shows when the oldest waiting one was written: a growing age means the relay or the broker is down.

Examples:
  $ aquastream-admin outbox status
  $ aquastream-admin outbox status --json | jq .FAILED
`;

const RETRY_EXAMPLES = `
Puts FAILED messages back to PENDING, due now, for the relay to publish again (consumers deduplicate by message id, so
a message that did reach the broker is harmless to resend). Only FAILED messages move; other ids are ignored.

Examples:
  $ aquastream-admin outbox retry
  $ aquastream-admin outbox retry --ids 0190a1b2-0000-7000-8000-000000000001,0190a1b2-0000-7000-8000-000000000002
`;

/** `outbox status` and `outbox retry [--ids …]` (DESIGN §7), over uc.admin.outboxStats / retryOutbox. */
export function registerOutboxCommand(program: Command, ctx: CliContext): void {
  const outbox = commandGroup(program, 'outbox', 'the message outbox: status, retry failed messages');
  outbox
    .command('status')
    .description('messages per status and the age of the oldest waiting one')
    .addHelpText('after', STATUS_EXAMPLES)
    .action(async () => {
      const uc = await ctx.useCases();
      const done = await uc.admin.outboxStats.execute(ctx.ucx);
      if (!done.ok) throw fromAppError(done.error);
      const stats = done.value;
      ctx.output.result(isoInstants(stats), () => describeStats(stats));
    });
  outbox
    .command('retry')
    .description('put FAILED messages back for the relay (all of them, or --ids)')
    .option('--ids <ids>', 'only these messages (comma-separated or repeated)', collectIds)
    .addHelpText('after', RETRY_EXAMPLES)
    .action(async (options: { readonly ids?: readonly string[] }) => {
      const uc = await ctx.useCases();
      const done = await uc.admin.retryOutbox.execute(ctx.ucx, options.ids === undefined ? {} : { ids: options.ids });
      if (!done.ok) throw fromAppError(done.error);
      const { retried } = done.value;
      ctx.output.result({ retried }, () => `Put ${retried} FAILED message(s) back for the relay.`);
    });
}

function describeStats(stats: OutboxStats): string {
  const oldest = stats.oldestPendingAt === null ? 'none waiting' : `oldest waiting since ${shortInstant(stats.oldestPendingAt)}`;
  return `PENDING ${stats.PENDING} · SENT ${stats.SENT} · FAILED ${stats.FAILED} (${oldest})`;
}
