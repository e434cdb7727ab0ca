import { Command } from 'commander';

export const CLI_VERSION = '0.1.0';

/**
 * The `aquastream-admin` command tree. Each command group lives in its own file and is added here; the bulk
 * event commands, reconcile, outbox, jobs, db, seed and token commands are specified in docs/architecture.md.
 */
export function buildProgram(): Command {
  return new Command()
    .name('aquastream-admin')
    .description('Administer Aquastream Events: bulk cancel and reschedule, reconcile, outbox, jobs, database.')
    .version(CLI_VERSION)
    .showHelpAfterError()
    .addHelpText('after', '\nExample:\n  $ aquastream-admin --version\n');
}
