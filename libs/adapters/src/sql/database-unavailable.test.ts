// isDatabaseUnavailable tells "the database is away" (the API's 503 DATABASE_UNAVAILABLE) from everything else (a bug,
// a 500), on errors raised by the real drivers: a refused connect, a connect that times out, a statement timeout, and
// — as the counter-examples — errors of the statement itself. The outage end to end is tools/drills/database-outage.
import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresTestTarget } from '../testing/sql-test-database.js';
import { isDatabaseUnavailable, openDatabase } from './database.js';

async function listening(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

describe('isDatabaseUnavailable', () => {
  const servers: Server[] = [];
  afterAll(() => {
    for (const s of servers) s.close();
  });

  it('is true for a refused connection', async () => {
    const closed = createServer();
    const port = await listening(closed);
    await new Promise((resolve) => closed.close(resolve));
    const db = openDatabase(`postgres://postgres@127.0.0.1:${port}/none`, { connectTimeoutMs: 500, acquireTimeoutMs: 2_000 });
    const error: unknown = await db.sequelize.query('SELECT 1').catch((e: unknown) => e);
    await db.sequelize.close();
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('is true for a server that accepts the connection and never answers (connect timeout)', async () => {
    const silent = createServer(() => undefined); // accepts, says nothing: a blackhole
    servers.push(silent);
    const port = await listening(silent);
    const db = openDatabase(`postgres://postgres@127.0.0.1:${port}/none`, { connectTimeoutMs: 200, acquireTimeoutMs: 5_000 });
    const error: unknown = await db.sequelize.query('SELECT 1').catch((e: unknown) => e);
    await db.sequelize.close();
    expect(error).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('is false for errors that are not about reaching the database', () => {
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isDatabaseUnavailable('a string')).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

const pg = postgresTestTarget();
describe.skipIf(pg === null)('isDatabaseUnavailable on PostgreSQL errors', () => {
  it('is true for a statement timeout, false for a bad statement or a constraint', async () => {
    const opened = await (pg ?? { open: () => Promise.reject(new Error('no target')) }).open();
    try {
      const q = opened.db.sequelize;
      const timedOut: unknown = await q.transaction(async (transaction) => {
        await q.query('SET LOCAL statement_timeout = 50', { transaction });
        return q.query('SELECT pg_sleep(2)', { transaction }).catch((e: unknown) => e);
      }).catch((e: unknown) => e);
      expect(isDatabaseUnavailable(timedOut)).toBe(true);
      expect(isDatabaseUnavailable(await q.query('SELEC 1').catch((e: unknown) => e))).toBe(false);
      await q.query('CREATE TEMP TABLE t (id int PRIMARY KEY)');
      await q.query('INSERT INTO t VALUES (1)');
      expect(isDatabaseUnavailable(await q.query('INSERT INTO t VALUES (1)').catch((e: unknown) => e))).toBe(false);
    } finally {
      await opened.close();
    }
  });
});
