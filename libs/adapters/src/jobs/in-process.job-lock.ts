import type { JobLock, LockOutcome } from '@aquastream/application';

/**
 * The job lock where the store belongs to one process (SQLite, in-memory): a name is held by one run at a time in
 * this process. Several processes on one SQLite file are not coordinated by it; the embedded default runs one.
 */
export class InProcessJobLock implements JobLock {
  private readonly held = new Set<string>();
  private closed = false;

  async withLock<T>(name: string, work: () => Promise<T>): Promise<LockOutcome<T>> {
    if (this.closed) throw new Error('the job lock is closed');
    if (this.held.has(name)) return { acquired: false };
    this.held.add(name);
    try {
      return { acquired: true, value: await work() };
    } finally {
      this.held.delete(name);
    }
  }

  /** Names held right now (tests and diagnostics). */
  holding(): readonly string[] {
    return [...this.held];
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}
