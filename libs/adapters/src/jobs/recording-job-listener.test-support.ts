import type { JobRunListener, JobRunSummary, JobSkipReason } from '@aquastream/application';

/** A listener that keeps what it hears, for assertions. */
export class RecordingJobListener implements JobRunListener {
  readonly started: { name: string; correlationId: string }[] = [];
  readonly finished: JobRunSummary[] = [];
  readonly skipped: { name: string; reason: JobSkipReason }[] = [];
  readonly errors: { name: string; error: unknown }[] = [];

  runStarted(run: { readonly name: string; readonly correlationId: string }): void {
    this.started.push({ name: run.name, correlationId: run.correlationId });
  }
  runFinished(run: JobRunSummary): void {
    this.finished.push(run);
  }
  runSkipped(name: string, reason: JobSkipReason): void {
    this.skipped.push({ name, reason });
  }
  runnerError(name: string, error: unknown): void {
    this.errors.push({ name, error });
  }
  runsOf(name: string): JobRunSummary[] {
    return this.finished.filter((r) => r.name === name);
  }
}

/** Waits until `done()` holds, checking every few milliseconds (the test's own timeout bounds the wait). */
export async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await done())) await new Promise((r) => setTimeout(r, 5));
}
