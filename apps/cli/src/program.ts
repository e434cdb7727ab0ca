import { Command, Option } from 'commander';
import { registerCommands } from './commands/index.js';
import type { CliContext, GlobalOptions } from './context.js';

export const CLI_VERSION = '0.1.0';

/**
 * The `aquastream-admin` command tree: the root with its global options, then every command of commands/index.ts.
 * Global options are read anywhere on the line (`aquastream-admin events list --json` works), so no command may
 * declare `--json`, `--yes` or `--database-url` again.
 */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command()
    .name('aquastream-admin')
    .description('Administer Aquastream Events from a terminal: bulk cancel and reschedule, reconcile, outbox, jobs, database.')
    .version(CLI_VERSION)
    .addOption(new Option('--database-url <url>', 'sqlite:<path> or postgres://… (default: DATABASE_URL, else sqlite:./data/aquastream.sqlite)'))
    .option('--json', 'JSON on stdout (one line per item for bulk commands); the default when stdout is not a terminal')
    .option('-y, --yes', 'do not ask for confirmation (required for bulk changes without a terminal)')
    // Before any subcommand is added: commander copies these settings into each one.
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: (s) => ctx.output.stdout.write(s), writeErr: (s) => ctx.output.stderr.write(s) })
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 done (or already done), 1 some item failed, 2 bad usage, 130 interrupted.',
        'Every change is audited as cli:<your OS user>.',
        '',
        'Example:',
        '  $ aquastream-admin events list --status PUBLISHED',
        '  $ aquastream-admin events cancel --filter --from 2026-07-01 --to 2026-07-02 --reason "Storm warning" --dry-run',
      ].join('\n'),
    );
  ctx.bindGlobals(() => {
    const o = program.opts<{ databaseUrl?: string; json?: boolean; yes?: boolean }>();
    const globals: GlobalOptions = { json: o.json === true, yes: o.yes === true };
    return o.databaseUrl === undefined ? globals : { ...globals, databaseUrl: o.databaseUrl };
  });
  registerCommands(program, ctx);
  return program;
}

