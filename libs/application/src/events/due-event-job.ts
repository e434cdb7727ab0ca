import { err, ok, type EventState, type Instant, type Result, type Transition } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { EventRecord } from '../ports/event-repository.port.js';
import { statusAudit, type EventCommandPorts } from './event-command.js';
import { eventNotFound } from './event-guards.js';
import { mutateEvent } from './event-mutation.js';

export type DueJobResult = {
  /** Events the job looked at. */
  readonly examined: number;
  /** Events it moved. */
  readonly changed: number;
};

export type DueJobOptions = {
  readonly batchSize?: number;
  /** Upper bound of batches per run, so one run cannot go on forever. */
  readonly maxBatches?: number;
};

export const DEFAULT_DUE_BATCH = 100;
const DEFAULT_MAX_BATCHES = 20;

/**
 * The shape of the scheduler's event jobs: find due events in batches, move each in its own short transaction with
 * the versioned write, so a second replica racing on the same event re-reads it and finds nothing left to do (the
 * domain answers an already-moved event unchanged). A stale candidate that can no longer move is skipped.
 */
export async function runDueEventJob(
  ports: EventCommandPorts,
  ctx: UseCaseContext,
  options: DueJobOptions,
  findDue: (now: Instant, limit: number) => Promise<readonly EventRecord[]>,
  step: (event: EventState, now: Instant) => Result<Transition<EventState>, unknown>,
): Promise<DueJobResult> {
  const batchSize = options.batchSize ?? DEFAULT_DUE_BATCH;
  const maxBatches = options.maxBatches ?? DEFAULT_MAX_BATCHES;
  let examined = 0;
  let changed = 0;
  const seen = new Set<string>();
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const due = (await findDue(ports.clock.now(), batchSize)).filter((r) => !seen.has(r.state.id));
    if (due.length === 0) break;
    for (const candidate of due) {
      seen.add(candidate.state.id);
      examined += 1;
      const moved = await ports.uow.run(async (tx) => {
        const now = ports.clock.now();
        const done = await mutateEvent(ports.events, tx, candidate.state.id, now, (current) => {
          if (current === null) return err(eventNotFound());
          const next = step(current.state, now);
          return ok(next.ok ? next.value : { state: current.state, events: [] });
        });
        if (!done.ok || !done.value.changed) return false;
        await ports.recorder.record(tx, ctx, { events: done.value.events, audit: statusAudit(done.value.before.state, done.value.after.state) });
        return true;
      });
      if (moved) changed += 1;
    }
    if (due.length < batchSize) break;
  }
  return { examined, changed };
}
