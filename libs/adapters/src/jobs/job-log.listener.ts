import type { JobRunListener, JobRunSummary, JobSkipReason } from '@aquastream/application';

/** The log calls the runner's listener makes; a pino logger fits as it is, and the adapters stay free of pino. */
export type JobLogger = {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
};

const errorFields = (error: unknown): object => (error instanceof Error ? { err: { message: error.message, stack: error.stack } } : { err: String(error) });

/**
 * The runner's log: each job's own lines (`Expiring pending bookings: N`), then one line per run — an error for a failed
 * run, a warning for a partial one, info for a run that did something, debug for an idle one (the relay polls every
 * second) — each with the job's name and the run's correlation id.
 */
export class JobLogListener implements JobRunListener {
  constructor(private readonly logger: JobLogger) {}

  runStarted(run: { readonly name: string; readonly correlationId: string }): void {
    this.logger.debug({ job: run.name, correlationId: run.correlationId }, `job ${run.name} started`);
  }

  runFinished(run: JobRunSummary): void {
    const base = { job: run.name, correlationId: run.correlationId };
    for (const note of run.notes) this.logger[note.level](base, note.message);
    const fields = { ...base, result: run.result, items: run.items, durationMs: run.durationMs, batches: run.batches, detail: run.detail };
    switch (run.result) {
      case 'FAILED':
        this.logger.error({ ...fields, error: run.error }, `job ${run.name} failed: ${run.error ?? 'unknown error'}`);
        return;
      case 'PARTIAL':
        this.logger.warn({ ...fields, error: run.error }, `job ${run.name} left ${run.failures} item(s) for its next run`);
        return;
      case 'SUCCEEDED':
        if (run.items > 0) this.logger.info(fields, `job ${run.name} finished: ${run.items} item(s)`);
        else this.logger.debug(fields, `job ${run.name} finished: nothing to do`);
        return;
    }
  }

  runSkipped(name: string, reason: JobSkipReason): void {
    this.logger.debug({ job: name, reason }, `job ${name} skipped: another runner is running it`);
  }

  runnerError(name: string, error: unknown): void {
    this.logger.error({ job: name, ...errorFields(error) }, `job runner: ${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Several listeners as one; one that throws does not keep the others from hearing. */
export function combineListeners(listeners: readonly JobRunListener[], onListenerError: (error: unknown) => void): JobRunListener {
  const each = (call: (l: JobRunListener) => void): void => {
    for (const l of listeners) {
      try {
        call(l);
      } catch (error: unknown) {
        onListenerError(error);
      }
    }
  };
  return {
    runStarted: (run) => each((l) => l.runStarted(run)),
    runFinished: (run) => each((l) => l.runFinished(run)),
    runSkipped: (name, reason) => each((l) => l.runSkipped(name, reason)),
    runnerError: (name, error) => each((l) => l.runnerError(name, error)),
  };
}
