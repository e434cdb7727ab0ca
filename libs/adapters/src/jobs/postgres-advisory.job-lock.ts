import type { JobLock, LockOutcome } from '@aquastream/application';
import pg from 'pg';
import { InProcessJobLock } from './in-process.job-lock.js';

/** The first key of every job lock ('AQJB'), so that they cannot collide with advisory locks of other software. */
export const JOB_LOCK_NAMESPACE = 0x41514a42;

/** The second key: FNV-1a (32 bits) of the job's name, as a signed int4. */
export function jobLockKey(name: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(name)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

export type PostgresJobLockOptions = {
  /** Told when the lock connection fails or an unlock does not go through (the runner carries on). */
  readonly onError?: (error: unknown) => void;
};

/**
 * The job lock across processes on PostgreSQL: a session-level advisory lock per job name, taken with
 * `pg_try_advisory_lock` (never waiting) on one dedicated connection outside the pool, so that a lock neither holds a
 * pooled connection nor a transaction open for the length of a run. Released by `pg_advisory_unlock` when the run ends;
 * if this process dies, or its connection drops, PostgreSQL releases its locks with the session.
 *
 * A session may take its own advisory lock twice, so a name is also held in process (two runs of one job in this
 * process exclude one another too). If the connection drops mid-run, the run goes on without the lock and another
 * replica may start the same job: the jobs stay correct without it (compare-and-set transitions, `ON CONFLICT`,
 * `SKIP LOCKED` claims); the lock only spares them duplicate work.
 */
export class PostgresAdvisoryJobLock implements JobLock {
  private readonly local = new InProcessJobLock();
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly options: PostgresJobLockOptions = {},
  ) {}

  async withLock<T>(name: string, work: () => Promise<T>): Promise<LockOutcome<T>> {
    if (this.closed) throw new Error('the job lock is closed');
    const outcome = await this.local.withLock(name, async (): Promise<LockOutcome<T>> => {
      const client = await this.connection();
      const key = jobLockKey(name);
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [JOB_LOCK_NAMESPACE, key]);
      if (rows[0]?.locked !== true) return { acquired: false };
      try {
        return { acquired: true, value: await work() };
      } finally {
        await this.unlock(client, key);
      }
    });
    return outcome.acquired ? outcome.value : outcome;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.local.close();
    const client = this.client ?? (this.connecting === null ? null : await this.connecting.catch(() => null));
    this.client = null;
    this.connecting = null;
    if (client !== null) await client.end();
  }

  private async unlock(client: pg.Client, key: number): Promise<void> {
    // A replaced connection took its locks with it when it ended.
    if (client !== this.client) return;
    try {
      await client.query('SELECT pg_advisory_unlock($1, $2)', [JOB_LOCK_NAMESPACE, key]);
    } catch (error: unknown) {
      // Ending the session is the one sure way to let the lock go: the next run opens a new one.
      this.options.onError?.(error);
      this.drop(client);
    }
  }

  private connection(): Promise<pg.Client> {
    if (this.client !== null) return Promise.resolve(this.client);
    this.connecting ??= this.open().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async open(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'aquastream-job-lock' });
    client.on('error', (error: Error) => {
      this.options.onError?.(error);
      this.drop(client);
    });
    // Ended without an error (the server shut down cleanly): the next run opens a new session.
    client.on('end', () => {
      if (this.client === client) this.client = null;
    });
    await client.connect();
    if (this.closed) {
      await client.end();
      throw new Error('the job lock is closed');
    }
    this.client = client;
    return client;
  }

  private drop(client: pg.Client): void {
    if (this.client === client) this.client = null;
    client.end().catch((error: unknown) => this.options.onError?.(error));
  }
}
