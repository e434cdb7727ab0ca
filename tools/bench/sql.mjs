// Raw SQL from the bench process into the API's database (SQLite file or PostgreSQL), for bulk seeding and for the
// baselines. Through the adapters' Sequelize opener, so that both dialects get the same connection settings as the
// API (WAL and a busy timeout on SQLite) and values are quoted by the dialect's own rules.
import { openDatabase, prepareConnection } from '@aquastream/adapters';

export async function openSql(url) {
  const db = openDatabase(url, { poolMax: 4, acquireTimeoutMs: 60_000 });
  await prepareConnection(db);
  const { sequelize } = db;
  const lit = (v) => {
    if (v === null || v === undefined) return 'NULL';
    if (typeof v === 'boolean') return db.dialect === 'postgres' ? String(v) : v ? '1' : '0';
    if (v instanceof Date || typeof v !== 'object') return sequelize.escape(v);
    return sequelize.escape(JSON.stringify(v)); // a JSON column read back parsed (PostgreSQL)
  };
  return {
    dialect: db.dialect,
    /** Rows of a statement (replacements as `:name`). */
    async rows(sql, replacements) {
      const [rows] = await sequelize.query(sql, { replacements });
      return rows;
    },
    async exec(sql, replacements) {
      await sequelize.query(sql, { replacements });
    },
    async one(sql, replacements) {
      return (await this.rows(sql, replacements))[0];
    },
    /** Multi-row INSERTs of plain row objects (all with the same keys), `chunk` rows per statement. */
    async insert(table, rows, chunk = 500) {
      if (rows.length === 0) return;
      const cols = Object.keys(rows[0]);
      for (let i = 0; i < rows.length; i += chunk) {
        const values = rows.slice(i, i + chunk).map((r) => `(${cols.map((c) => lit(r[c])).join(',')})`).join(',\n');
        await sequelize.query(`INSERT INTO ${table} (${cols.join(', ')}) VALUES ${values}`);
      }
    },
    /** A date as this dialect stores it (the same text Sequelize writes on SQLite). */
    date: (ms) => sequelize.escape(new Date(ms)),
    close: () => sequelize.close(),
  };
}
