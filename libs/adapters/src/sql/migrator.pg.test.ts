import { randomBytes } from 'node:crypto';
import { Sequelize } from 'sequelize';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { migrate } from './migrator.js';

const base = process.env['TEST_DATABASE_URL'];

describe('migrate() on PostgreSQL', () => {
  it.skipIf(!base)(
    `several processes migrating one fresh database at once all succeed and apply each migration once${base ? '' : ' (skipped: TEST_DATABASE_URL not set)'}`,
    async () => {
      const admin = new Sequelize(base!, { logging: false, dialect: 'postgres' });
      const name = `aq_test_${Math.floor(Date.now() / 1000)}_${randomBytes(5).toString('hex')}`;
      await admin.query(`CREATE DATABASE "${name}"`);
      const url = new URL(base!);
      url.pathname = `/${name}`;
      // Four separate pools stand for four processes (API replicas and the scheduler) starting together.
      const replicas = Array.from({ length: 4 }, () => openDatabase(url.toString(), { poolMax: 3 }));
      try {
        const applied = await Promise.all(replicas.map((r) => migrate(r.sequelize)));
        const all = applied.flat();
        expect(all.length).toBeGreaterThan(0);
        expect(new Set(all).size).toBe(all.length); // no migration applied twice
        expect(applied.filter((a) => a.length > 0)).toHaveLength(1); // one process did the work, the others found nothing pending
        const [rows] = await replicas[0]!.sequelize.query('SELECT name FROM schema_migrations ORDER BY name');
        expect((rows as { name: string }[]).map((r) => r.name)).toEqual([...all].sort());
      } finally {
        await Promise.all(replicas.map((r) => r.sequelize.close()));
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.close();
      }
    },
    60_000,
  );
});
