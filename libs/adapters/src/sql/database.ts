import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Sequelize, type Options } from 'sequelize';

export type Dialect = 'sqlite' | 'postgres';

export type DatabaseOptions = {
  /** Log each SQL statement (debugging only). */
  readonly logSql?: (sql: string) => void;
  /** PostgreSQL pool size per process. */
  readonly poolMax?: number;
  /** How long a request may wait for a pooled connection before failing (ms). */
  readonly acquireTimeoutMs?: number;
};

export type Database = { readonly sequelize: Sequelize; readonly dialect: Dialect };

/** `sqlite:<path>`, `sqlite::memory:`, `postgres://…` or `postgresql://…`; anything else is a configuration error. */
export function dialectOf(url: string): Dialect {
  if (url.startsWith('sqlite:')) return 'sqlite';
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return 'postgres';
  throw new Error(`unsupported DATABASE_URL "${url}": expected sqlite:<path> or postgres://…`);
}

/**
 * Opens the database a URL names. SQLite is the embedded default (a file under ./data unless told otherwise):
 * its directory is created, and WAL mode lets readers run while a writer commits. PostgreSQL gets a pool.
 */
export function openDatabase(url: string, options: DatabaseOptions = {}): Database {
  const dialect = dialectOf(url);
  const common: Options = {
    logging: options.logSql ?? false,
    define: { underscored: true, timestamps: false, freezeTableName: true },
  };
  if (dialect === 'sqlite') {
    const path = url.slice('sqlite:'.length);
    const storage = path === ':memory:' || path === '' ? ':memory:' : resolve(path);
    if (storage !== ':memory:') mkdirSync(dirname(storage), { recursive: true });
    const sequelize = new Sequelize({
      ...common,
      dialect: 'sqlite',
      storage,
      // One connection: SQLite has one writer anyway, and the unit of work serialises transactions.
      pool: { max: 1, min: 0, idle: 60_000 },
    });
    return { sequelize, dialect };
  }
  const sequelize = new Sequelize(url, {
    ...common,
    dialect: 'postgres',
    pool: { max: options.poolMax ?? 10, min: 0, idle: 10_000, acquire: options.acquireTimeoutMs ?? 5_000 },
    dialectOptions: { application_name: 'aquastream-events' },
  });
  return { sequelize, dialect };
}

/** Settings that make SQLite a reasonable embedded server: WAL, foreign keys, a busy timeout. */
export async function prepareConnection(db: Database): Promise<void> {
  if (db.dialect !== 'sqlite') return;
  await db.sequelize.query('PRAGMA journal_mode = WAL');
  await db.sequelize.query('PRAGMA foreign_keys = ON');
  await db.sequelize.query('PRAGMA busy_timeout = 5000');
  await db.sequelize.query('PRAGMA synchronous = NORMAL');
}
