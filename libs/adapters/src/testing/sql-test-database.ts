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

/**
 * A fresh, migrated PostgreSQL database on the server of `TEST_DATABASE_URL`, dropped on close: the servers here
 * outlive test runs, so nothing may be left behind.
 */
async function openPostgres(baseUrl: string, poolMax: number): Promise<OpenedTestDatabase> {
  const name = `aq_test_${process.pid}_${randomBytes(5).toString('hex')}`;
  const admin = new Sequelize(baseUrl, { logging: false, dialect: 'postgres' });
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.close();
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
