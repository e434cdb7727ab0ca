// PostgreSQL databases the bench makes for itself: `aq_bench_<epoch>_<hex>` on a server the caller names (BENCH_PG), dropped
// at the end of the run (also on failure and Ctrl-C, through the caller's cleanups). Databases of killed runs older
// than three hours are swept at the next start, so a shared server does not fill up.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const ABANDONED_AFTER_S = 3 * 3600;

async function withClient(serverUrl, work) {
  const client = new pg.Client({ connectionString: serverUrl, application_name: 'aquastream-bench' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates a fresh empty database on the server of `serverUrl`; `drop()` removes it (idempotent). */
export async function freshPgDatabase(serverUrl) {
  const name = `aq_bench_${Math.floor(Date.now() / 1000)}_${randomBytes(5).toString('hex')}`;
  await withClient(serverUrl, async (client) => {
    const { rows } = await client.query("SELECT datname FROM pg_database WHERE datname LIKE 'aq\\_bench\\_%'");
    const cutoff = Math.floor(Date.now() / 1000) - ABANDONED_AFTER_S;
    for (const { datname } of rows) {
      const created = Number(/^aq_bench_(\d{10})_[0-9a-f]+$/.exec(datname)?.[1] ?? Number.NaN);
      if (Number.isFinite(created) && created < cutoff) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await client.query(`CREATE DATABASE "${name}"`);
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    name,
    url: url.toString(),
    async drop() {
      if (dropped) return;
      dropped = true;
      await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/** `SHOW server_version` of a PostgreSQL server, or null when it cannot be reached. */
export async function pgServerVersion(url) {
  try {
    return await withClient(url, async (client) => (await client.query('SHOW server_version')).rows[0].server_version);
  } catch {
    return null;
  }
}
