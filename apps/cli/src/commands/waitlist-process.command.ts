import type { Command } from 'commander';
import { fromAppError, UsageError } from '../cli-errors.js';
import { commandGroup } from '../command-group.js';
import type { CliContext } from '../context.js';
import { isId } from './option-parsers.js';

const EXAMPLES = `
Offers the event's free seats to the head of its waitlist now, in strict FIFO order (DESIGN §3.5): for a line that is
stuck, or after a counter was repaired with \`reconcile --fix\`. Offering is idempotent: with no free seat that fits
the head of the line, nothing changes. Each offer holds its seats for WAITLIST_OFFER_MINUTES and is announced
(waitlist.offered).

Examples:
  $ aquastream-admin waitlist process 0190a1b2-0000-7000-8000-000000000001
  $ aquastream-admin waitlist process 0190a1b2-0000-7000-8000-000000000001 --json
`;

/** `waitlist process <eventId>` (DESIGN §7), over uc.waitlist.process. */
export function registerWaitlistProcessCommand(program: Command, ctx: CliContext): void {
  commandGroup(program, 'waitlist', 'waitlists: offer free seats now')
    .command('process')
    .description("offer an event's free seats to the head of its waitlist now")
    .argument('<eventId>', 'the event whose line to process')
    .addHelpText('after', EXAMPLES)
    .action(async (given: string) => {
      if (!isId(given)) throw new UsageError(`not an event id: ${given}`);
      const eventId = given.trim().toLowerCase();
      const uc = await ctx.useCases();
      const done = await uc.waitlist.process.execute(ctx.ucx, { eventId });
      if (!done.ok) throw fromAppError(done.error);
      const { offered } = done.value;
      ctx.output.result({ eventId, offered }, () =>
        offered === 0 ? 'No offer made: no free seats fit the head of the line (or the line is empty).' : `Offered seats to ${offered} waitlist entr${offered === 1 ? 'y' : 'ies'}.`,
      );
    });
}
