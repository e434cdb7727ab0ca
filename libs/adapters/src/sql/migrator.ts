import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { QueryInterface, Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug, type MigrationParams } from 'umzug';

export type MigrationContext = { readonly queryInterface: QueryInterface; readonly sequelize: Sequelize; readonly dialect: string };
export type MigrationModule = {
  up(params: MigrationParams<MigrationContext>): Promise<void>;
  down(params: MigrationParams<MigrationContext>): Promise<void>;
};

const MIGRATION_FILE = /^\d{4}-[a-z0-9-]+\.(js|ts)$/;
const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Migration files of this folder (`NNNN-name.ts`, compiled to `.js`), in name order. */
function migrationFiles(): string[] {
  return readdirSync(migrationsDir)
    .filter((f) => MIGRATION_FILE.test(f) && !f.endsWith('.d.ts'))
    .sort();
}

/** Umzug over this package's migrations, recording applied ones in `schema_migrations`. */
export function createMigrator(sequelize: Sequelize): Umzug<MigrationContext> {
  return new Umzug<MigrationContext>({
    migrations: migrationFiles().map((file) => {
      const name = file.replace(/\.(js|ts)$/, '');
      const load = async (): Promise<MigrationModule> => (await import(pathToFileURL(join(migrationsDir, file)).href)) as MigrationModule;
      return {
        name,
        up: async (params) => (await load()).up(params),
        down: async (params) => (await load()).down(params),
      };
    }),
    context: { queryInterface: sequelize.getQueryInterface(), sequelize, dialect: sequelize.getDialect() },
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
    logger: undefined,
  });
}

/** Key of the PostgreSQL advisory lock that serialises migrations across processes (any constant; "aqmg"). */
export const MIGRATION_LOCK_KEY = 0x61716d67;

/**
 * Applies every pending migration; returns the names applied. Safe to call at every start, also by several processes
 * at once (API replicas and the scheduler starting together on a fresh database): on PostgreSQL a transaction-level
 * advisory lock makes the others wait until the first has finished, after which they find nothing pending. The lock
 * is held by a transaction on its own pooled connection (the migrations run on others), so a killed process releases
 * it with its session. SQLite serialises writers by itself.
 */
export async function migrate(sequelize: Sequelize): Promise<string[]> {
  // With a pool of one connection the lock's transaction would starve the migrations: that process runs unlocked.
  const poolMax = sequelize.config.pool?.max ?? 1;
  if (sequelize.getDialect() !== 'postgres' || poolMax < 2) return (await createMigrator(sequelize).up()).map((m) => m.name);
  return sequelize.transaction(async (transaction) => {
    await sequelize.query('SELECT pg_advisory_xact_lock(:key)', { replacements: { key: MIGRATION_LOCK_KEY }, transaction });
    const applied = await createMigrator(sequelize).up();
    return applied.map((m) => m.name);
  });
}

export type MigrationStatus = { readonly executed: readonly string[]; readonly pending: readonly string[] };

export async function migrationStatus(sequelize: Sequelize): Promise<MigrationStatus> {
  const migrator = createMigrator(sequelize);
  // One after the other: on a fresh database both calls would race to create the migrations table.
  const executed = await migrator.executed();
  const pending = await migrator.pending();
  return { executed: executed.map((m) => m.name), pending: pending.map((m) => m.name) };
}
