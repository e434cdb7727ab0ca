import type { FinishedJobRun, JobRunRecord, JobRunRepository } from '@aquastream/application';
import type { InMemoryDatabase } from '../memory/in-memory-database.js';

const TABLE = 'job_runs';

const empty = (name: string): JobRunRecord => ({
  name,
  lastStartedAt: null,
  lastFinishedAt: null,
  lastDurationMs: null,
  lastResult: null,
  lastItems: null,
  lastError: null,
  lastCorrelationId: null,
  lastRunner: null,
});

/** `job_runs` over InMemoryDatabase, for tests and embedding projects: the rules of the SQL adapter. */
export class InMemoryJobRunRepository implements JobRunRepository {
  constructor(private readonly db: InMemoryDatabase) {}

  started(name: string, at: number): Promise<void> {
    return this.db.run((tx) => {
      const rows = this.db.table<JobRunRecord>(TABLE, tx);
      rows.set(name, { ...(rows.get(name) ?? empty(name)), lastStartedAt: at });
      return Promise.resolve();
    });
  }

  finished(run: FinishedJobRun): Promise<void> {
    return this.db.run((tx) => {
      const rows = this.db.table<JobRunRecord>(TABLE, tx);
      const before = rows.get(run.name);
      rows.set(run.name, {
        name: run.name,
        // The start moves forward only: another runner's later start is what the others wait on.
        lastStartedAt: Math.max(before?.lastStartedAt ?? run.startedAt, run.startedAt),
        lastFinishedAt: run.finishedAt,
        lastDurationMs: Math.round(run.durationMs),
        lastResult: run.result,
        lastItems: run.items,
        lastError: run.error,
        lastCorrelationId: run.correlationId,
        lastRunner: run.runner,
      });
      return Promise.resolve();
    });
  }

  find(name: string): Promise<JobRunRecord | null> {
    const row = this.db.table<JobRunRecord>(TABLE, null).get(name);
    return Promise.resolve(row === undefined ? null : { ...row });
  }

  list(): Promise<readonly JobRunRecord[]> {
    const rows = [...this.db.table<JobRunRecord>(TABLE, null).values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return Promise.resolve(rows.map((r) => ({ ...r })));
  }
}
