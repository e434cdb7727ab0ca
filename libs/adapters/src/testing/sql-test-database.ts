import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sequelize } from 'sequelize';
import { openDatabase, prepareConnection, type Database } from '../sql/database.js';
import { migrate } from '../sql/migrator.js';

export type OpenedTestDatabase = { readonly db: Database; readonly url: string; close(): Promise<void> };
export type SqlTestTarget = { readonly name: 'sqlite' | 'postgres'; open(): Promise<OpenedTestDatabase> };

/** A fresh, migrated SQLite file in the temp folder, deleted on close. */
async function openSqlite(): Promise<OpenedTestDatabase> {
  const file = join(tmpdir(), `aquastream-test-${process.pid}-${randomBytes(6).toString('hex')}.sqlite`);
  const url = `sqlite:${file}`;
  const db = openDatabase(url);
  await prepareConnection(db);
  await migrate(db.sequelize);
  return {
    db,
    url,
    async close() {
      await db.sequelize.close();
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
    },
  };
}

/** A test database older than this was left by a run that was killed before its cleanup: nobody uses it any more. */
const ABANDONED_AFTER_S = 3 * 3600;

/** Drops test databases whose creation time (in their name) is long past, so killed runs do not pile up on the server. */
async function sweepAbandoned(admin: Sequelize): Promise<void> {
  const [rows] = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'aq\\_test\\_%'");
  const cutoff = Math.floor(Date.now() / 1000) - ABANDONED_AFTER_S;
  for (const { datname } of rows as { datname: string }[]) {
    const created = Number(/^aq_test_(\d{10})_[0-9a-f]+$/.exec(datname)?.[1] ?? Number.NaN);
    if (Number.isFinite(created) && created < cutoff) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  }
}

/**
 * A fresh, migrated PostgreSQL database on the server of `TEST_DATABASE_URL`, dropped on close: the servers here
 * outlive test runs, so nothing may be left behind.
 */
async function openPostgres(baseUrl: string, poolMax: number): Promise<OpenedTestDatabase> {
  const name = `aq_test_${Math.floor(Date.now() / 1000)}_${randomBytes(5).toString('hex')}`;
  const admin = new Sequelize(baseUrl, { logging: false, dialect: 'postgres' });
  try {
    await sweepAbandoned(admin);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.close();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const db = openDatabase(url.toString(), { poolMax });
  await migrate(db.sequelize);
  return {
    db,
    url: url.toString(),
    async close() {
      await db.sequelize.close();
      const dropper = new Sequelize(baseUrl, { logging: false, dialect: 'postgres' });
      try {
        await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.close();
      }
    },
  };
}

/**
 * The SQL databases a contract suite runs against: SQLite always; PostgreSQL when `TEST_DATABASE_URL` is set (as
 * `.ci/run` does). Each `open()` gives a database of its own.
 */
export function sqlTestTargets(options: { poolMax?: number } = {}): SqlTestTarget[] {
  const targets: SqlTestTarget[] = [{ name: 'sqlite', open: openSqlite }];
  const pg = process.env['TEST_DATABASE_URL'];
  if (pg !== undefined && pg !== '') targets.push({ name: 'postgres', open: () => openPostgres(pg, options.poolMax ?? 10) });
  return targets;
}

/** The PostgreSQL target alone, or `null` when `TEST_DATABASE_URL` is not set (the suite then says it skipped). */
export function postgresTestTarget(options: { poolMax?: number } = {}): SqlTestTarget | null {
  return sqlTestTargets(options).find((t) => t.name === 'postgres') ?? null;
}
