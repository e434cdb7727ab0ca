#!/usr/bin/env node
import { CommanderError } from 'commander';
import { CommandFailedError, EXIT, UsageError, type ExitCode } from './cli-errors.js';
import { CliContext } from './context.js';
import { buildProgram } from './program.js';

const ctx = new CliContext({ io: process, env: process.env });
const program = buildProgram(ctx);

let interrupts = 0;
function onInterrupt(): void {
  interrupts += 1;
  if (interrupts === 1 && ctx.interruptible) {
    ctx.output.note('Interrupted: finishing the item in hand, then stopping (Ctrl-C again to quit at once).');
    ctx.interrupt.abort();
    return;
  }
  // Nothing to finish cleanly, or asked twice: a transaction in flight is rolled back by the database.
  process.exit(EXIT.INTERRUPTED);
}
process.on('SIGINT', onInterrupt);
process.on('SIGTERM', onInterrupt);

function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof CommanderError) {
    // Commander already printed its message (or the help); help and version are successes, the rest bad usage.
    return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  }
  if (error instanceof UsageError) {
    ctx.output.note(`error: ${error.message}\n(add --help for usage)`);
    return EXIT.USAGE;
  }
  if (error instanceof CommandFailedError) {
    ctx.output.note(`error: ${error.message}`);
    return EXIT.FAILED;
  }
  ctx.output.note(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return EXIT.FAILED;
}

let code: ExitCode;
try {
  await program.parseAsync(process.argv);
  code = ctx.exitCode;
} catch (error: unknown) {
  code = exitCodeOf(error);
} finally {
  await ctx.close();
}
process.exitCode = code;
