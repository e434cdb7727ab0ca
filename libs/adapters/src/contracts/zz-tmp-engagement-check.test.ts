import { it, expect } from 'vitest';
import { sqlTestTargets } from '../testing/sql-test-database.js';
it('schema', async () => {
  for (const t of sqlTestTargets()) {
    const o = await t.open();
    const q = t.name === 'sqlite'
      ? "SELECT sql FROM sqlite_master WHERE name IN ('promo_codes','reviews')"
      : "SELECT conname AS sql FROM pg_constraint WHERE conrelid IN ('promo_codes'::regclass,'reviews'::regclass) AND contype='c'";
    const [rows] = await o.db.sequelize.query(q);
    console.log(t.name, JSON.stringify(rows));
    const [idx] = await o.db.sequelize.query(t.name === 'sqlite' ? "SELECT name FROM sqlite_master WHERE type='index' AND tbl_name IN ('organizations','organization_members','categories','promo_codes','reviews','review_replies','favorites')" : "SELECT indexname AS name FROM pg_indexes WHERE tablename IN ('organizations','organization_members','categories','promo_codes','reviews','review_replies','favorites')");
    console.log(t.name, JSON.stringify(idx));
    await o.close();
  }
  expect(1).toBe(1);
});
