import { Sequelize } from 'sequelize';
import { describe, expect, it } from 'vitest';
import { postgresTestTarget, sqlTestTargets } from './sql-test-database.js';

describe('SQL test databases', () => {
  it.each(sqlTestTargets())('$name: each open gives a fresh migrated database that close removes', async (target) => {
    const a = await target.open();
    const b = await target.open();
    expect(a.url).not.toBe(b.url);
    const [rows] = await a.db.sequelize.query('SELECT COUNT(*) AS n FROM schema_migrations');
    expect(Number((rows as { n: number | string }[])[0]?.n)).toBeGreaterThan(0);
    await a.close();
    await b.close();
  }, 60_000);

  const pg = postgresTestTarget();
  it.skipIf(pg === null)(`postgres: a database abandoned by a killed run is swept by the next open${pg ? '' : ' (skipped: TEST_DATABASE_URL not set)'}`, async () => {
    const base = process.env['TEST_DATABASE_URL'] ?? '';
    const admin = new Sequelize(base, { logging: false, dialect: 'postgres' });
    const stale = 'aq_test_1000000000_deadbeef00';
    const exists = async (name: string) =>
      ((await admin.query('SELECT 1 FROM pg_database WHERE datname = :name', { replacements: { name } }))[0]).length > 0;
    try {
      await admin.query(`CREATE DATABASE "${stale}"`);
      const opened = await pg!.open();
      expect(await exists(stale)).toBe(false);
      const own = new URL(opened.url).pathname.slice(1);
      expect(await exists(own)).toBe(true);
      await opened.close();
      expect(await exists(own)).toBe(false);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${stale}" WITH (FORCE)`);
      await admin.close();
    }
  }, 60_000);
});
