/** What `JobLock.withLock` answers: the work's value, or that another runner holds the lock right now. */
export type LockOutcome<T> = { readonly acquired: true; readonly value: T } | { readonly acquired: false };

/**
 * Mutual exclusion of a job's runs among every runner that shares the store (DESIGN §6: safe with several replicas):
 * a PostgreSQL advisory lock across processes, an in-process lock where the store is the process's own (SQLite,
 * in-memory). It never waits: a runner that finds the lock taken skips this run, and the job's next tick tries again.
 */
export interface JobLock {
  /** Runs `work` holding the lock `name`, released when `work` settles (even when it throws). */
  withLock<T>(name: string, work: () => Promise<T>): Promise<LockOutcome<T>>;
  /** Gives back what the lock holds (a dedicated connection) once no run is left; further calls fail. */
  close(): Promise<void>;
}
