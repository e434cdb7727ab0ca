import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BaseError, ConnectionError, Sequelize, TimeoutError, type Options } from 'sequelize';

export type Dialect = 'sqlite' | 'postgres';

export type DatabaseOptions = {
  /** Log each SQL statement (debugging only). */
  readonly logSql?: (sql: string) => void;
  /** PostgreSQL pool size per process. */
  readonly poolMax?: number;
  /** How long a request may wait for a pooled connection before failing (ms); bounds a request while the database is away. */
  readonly acquireTimeoutMs?: number;
  /** How long opening one PostgreSQL connection may take (ms): a server that does not answer (blackholed) fails here. */
  readonly connectTimeoutMs?: number;
  /** PostgreSQL `statement_timeout` of every connection (ms); 0 = none. */
  readonly statementTimeoutMs?: number;
};

/** The defaults of `DB_ACQUIRE_TIMEOUT_MS`, `DB_CONNECT_TIMEOUT_MS` and `DB_STATEMENT_TIMEOUT_MS` (DESIGN §8). */
export const DATABASE_TIMEOUT_DEFAULTS = { acquireTimeoutMs: 5_000, connectTimeoutMs: 3_000, statementTimeoutMs: 60_000 } as const;

/** The pool and timeout settings of a composition root's configuration. */
export function databaseOptionsFrom(config: {
  readonly dbPoolMax: number;
  readonly dbAcquireTimeoutMs: number;
  readonly dbConnectTimeoutMs: number;
  readonly dbStatementTimeoutMs: number;
}): DatabaseOptions {
  return {
    poolMax: config.dbPoolMax,
    acquireTimeoutMs: config.dbAcquireTimeoutMs,
    connectTimeoutMs: config.dbConnectTimeoutMs,
    statementTimeoutMs: config.dbStatementTimeoutMs,
  };
}

/** PostgreSQL SQLSTATE classes and codes that mean "the server is not there for us now", not "your statement is wrong". */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-4]|53300|57014)$/;
/** What node-postgres says when the socket goes away under a query (it carries no SQLSTATE). */
const LOST_CONNECTION = /Connection terminated|connection is closed|Client has encountered a connection error|ECONNRESET|ECONNREFUSED|EPIPE|timeout expired/i;

/**
 * Whether an error thrown by the storage means the database is unreachable or overloaded (a 503 the client may retry)
 * rather than a bug: Sequelize's connection errors (refused, timed out, no pooled connection within the acquire
 * timeout), a connection lost under a query, the server shutting down, too many connections, a statement timeout.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  // Only Sequelize's errors and what they wrap: a network error of another client (a gateway, the crew service) that
  // reached the error handler is not the database's.
  if (!(error instanceof BaseError)) return false;
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth += 1) {
    if (e instanceof ConnectionError || e instanceof TimeoutError) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && UNAVAILABLE_SQLSTATE.test(code)) return true;
    if (LOST_CONNECTION.test(e.message)) return true;
    e = e instanceof BaseError ? ((e as { parent?: unknown }).parent ?? e.cause) : e.cause;
  }
  return false;
}

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
  const statementTimeoutMs = options.statementTimeoutMs ?? DATABASE_TIMEOUT_DEFAULTS.statementTimeoutMs;
  const sequelize = new Sequelize(url, {
    ...common,
    dialect: 'postgres',
    pool: { max: options.poolMax ?? 10, min: 0, idle: 10_000, acquire: options.acquireTimeoutMs ?? DATABASE_TIMEOUT_DEFAULTS.acquireTimeoutMs },
    dialectOptions: {
      application_name: 'aquastream-events',
      // Without it a connect to a server that never answers (a partition, a blackholing firewall) waits forever,
      // holding the pool slot: every request then waits out the acquire timeout instead of failing at once.
      connectionTimeoutMillis: options.connectTimeoutMs ?? DATABASE_TIMEOUT_DEFAULTS.connectTimeoutMs,
      // TCP keepalive notices a peer that vanished without a FIN while the connection sits in the pool.
      keepAlive: true,
      ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs } : {}),
    },
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
