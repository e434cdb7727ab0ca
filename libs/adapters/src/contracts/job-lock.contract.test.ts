import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresTestTarget, type OpenedTestDatabase } from '../testing/sql-test-database.js';
import { InProcessJobLock } from '../jobs/in-process.job-lock.js';
import { describeJobLockContract } from './job-lock.contract.js';
import { JOB_LOCK_NAMESPACE, jobLockKey, PostgresAdvisoryJobLock } from '../jobs/postgres-advisory.job-lock.js';

describeJobLockContract('in-process', () => {
  const lock = new InProcessJobLock();
  return Promise.resolve({ a: lock, b: lock, closeable: new InProcessJobLock(), close: () => lock.close() });
});

const pg = postgresTestTarget();
const pgSuffix = pg === null ? ' (skipped: TEST_DATABASE_URL not set)' : '';

if (pg !== null) {
  describeJobLockContract('postgres advisory', async () => {
    const opened = await pg.open();
    const a = new PostgresAdvisoryJobLock(opened.url);
    const b = new PostgresAdvisoryJobLock(opened.url);
    const closeable = new PostgresAdvisoryJobLock(opened.url);
    return {
      a,
      b,
      closeable,
      async close() {
        await Promise.all([a.close(), b.close(), closeable.close()]);
        await opened.close();
      },
    };
  });
}

describe.skipIf(pg === null)(`PostgresAdvisoryJobLock beyond the contract${pgSuffix}`, () => {
  let opened: OpenedTestDatabase;
  beforeAll(async () => {
    if (pg !== null) opened = await pg.open();
  });
  afterAll(async () => {
    await opened?.close();
  });

  const advisoryHolders = async (name: string): Promise<number[]> =>
    (
      await opened.db.sequelize.query<{ pid: number }>(
        `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = :ns::oid AND objid = :key::oid AND granted
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        // pg_locks shows the two int4 keys as unsigned oids; advisory locks are per database, and other test files hold theirs.
        { type: QueryTypes.SELECT, replacements: { ns: JOB_LOCK_NAMESPACE >>> 0, key: jobLockKey(name) >>> 0 } },
      )
    ).map((r) => r.pid);

  it('holds a session-level advisory lock while the work runs and none after', async () => {
    const lock = new PostgresAdvisoryJobLock(opened.url);
    try {
      const during = await lock.withLock('expire-pending-bookings', () => advisoryHolders('expire-pending-bookings'));
      expect(during).toEqual({ acquired: true, value: [expect.any(Number)] });
      expect(await advisoryHolders('expire-pending-bookings')).toEqual([]);
    } finally {
      await lock.close();
    }
  });

  it('a runner whose connection dies loses its locks with it: another takes the job, and the first reconnects for its next run', async () => {
    const errors: unknown[] = [];
    const first = new PostgresAdvisoryJobLock(opened.url, { onError: (e) => errors.push(e) });
    const second = new PostgresAdvisoryJobLock(opened.url);
    try {
      const outcome = await first.withLock('send-reminders', async () => {
        const [pid] = await advisoryHolders('send-reminders');
        expect(await second.withLock('send-reminders', () => Promise.resolve('no'))).toEqual({ acquired: false });
        // As if the runner's host vanished: the server ends the session.
        await opened.db.sequelize.query('SELECT pg_terminate_backend(:pid)', { replacements: { pid } });
        for (let i = 0; i < 200 && (await advisoryHolders('send-reminders')).length > 0; i += 1) await new Promise((r) => setTimeout(r, 10));
        return second.withLock('send-reminders', () => Promise.resolve('taken over'));
      });
      expect(outcome).toEqual({ acquired: true, value: { acquired: true, value: 'taken over' } });
      expect(errors.length).toBeGreaterThan(0);
      expect(await first.withLock('send-reminders', () => Promise.resolve('again'))).toEqual({ acquired: true, value: 'again' });
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});
