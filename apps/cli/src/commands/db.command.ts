import { createMigrator, migrate } from '@aquastream/adapters';
import type { Command } from 'commander';
import { commandGroup } from '../command-group.js';
import { redact, type CliContext } from '../context.js';

const MIGRATE_EXAMPLES = `
Applies every pending migration (libs/adapters/src/sql/migrations), in order, recording each in schema_migrations.
Safe to run at every deployment: with nothing pending it changes nothing. The other commands refuse a database with
pending migrations rather than change the schema as a side effect.

Examples:
  $ aquastream-admin db migrate
  $ aquastream-admin --database-url postgres://app@db:5432/aquastream db migrate --json
`;

const STATUS_EXAMPLES = `
Lists the migrations applied and those pending; changes nothing. JSON: { dialect, database, executed, pending,
upToDate }.

Examples:
  $ aquastream-admin db status
  $ aquastream-admin db status --json | jq -e .upToDate
`;

/** `db migrate` and `db status` (DESIGN §7), over migrate()/migrationStatus() of @aquastream/adapters. */
export function registerDbCommand(program: Command, ctx: CliContext): void {
  const db = commandGroup(program, 'db', 'the database schema: migrate, status');
  db.command('migrate')
    .description('apply pending schema migrations')
    .addHelpText('after', MIGRATE_EXAMPLES)
    .action(async () => {
      const database = await ctx.database();
      const applied = await migrate(database.sequelize);
      const where = redact(ctx.config().databaseUrl);
      ctx.output.result({ dialect: database.dialect, database: where, applied }, () =>
        applied.length === 0
          ? `${where}: the schema is up to date; nothing to apply.`
          : [`${where}: applied ${applied.length} migration(s):`, ...applied.map((m) => `  ${m}`)].join('\n'),
      );
    });
  db.command('status')
    .description('list applied and pending migrations')
    .addHelpText('after', STATUS_EXAMPLES)
    .action(async () => {
      const database = await ctx.database();
      // One after the other: on a fresh PostgreSQL database each call creates schema_migrations, and two concurrent
      // CREATE TABLE IF NOT EXISTS race on the catalogue (migrationStatus runs them with Promise.all).
      const migrator = createMigrator(database.sequelize);
      const executed = (await migrator.executed()).map((m) => m.name);
      const pending = (await migrator.pending()).map((m) => m.name);
      const where = redact(ctx.config().databaseUrl);
      ctx.output.result({ dialect: database.dialect, database: where, executed, pending, upToDate: pending.length === 0 }, () =>
        [
          `${where} (${database.dialect}): ${executed.length} applied, ${pending.length} pending.`,
          ...executed.map((m) => `  applied  ${m}`),
          ...pending.map((m) => `  pending  ${m}`),
          ...(pending.length > 0 ? ['Run `aquastream-admin db migrate` to apply them.'] : []),
        ].join('\n'),
      );
    });
}
