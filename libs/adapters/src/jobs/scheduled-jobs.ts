import type { AppError, JobBatchOutcome, JobNote, RelayRunResult, ScheduledJob, UseCaseContext } from '@aquastream/application';
import type { Result } from '@aquastream/domain';
import type { JobName, Jobs } from '../composition/jobs.js';
import { RELAY_JOB, type ScheduledJobName } from './job-schedule.js';

/** Bookings WITH an open payment per expiry batch (each asks the gateway first; ten batches per run at most, then the
 * next run follows at once). Unpaid bookings without one are expired set-based, 5 000 per transaction, until none is due. */
export const EXPIRY_BATCH = 100;
/** DESIGN §6: more than this many expiries in one run is a warning (the payment side is probably failing). */
export const EXPIRY_WARN_ABOVE = 100;
const DUE_EVENT_BATCH = 100;
const DUE_EVENT_MAX_BATCHES = 20;
const CREW_RETRY_BATCH = 50;
const REFUND_RETRY_BATCH = 50;

/** The value of a job's Result; an error answer (the job refused its caller) is a failed run. */
function valueOf<T>(name: string, result: Result<T, AppError>): T {
  if (!result.ok) throw new Error(`${name} answered ${result.error.type}: ${result.error.detail}`);
  return result.value;
}

type Adapter = { readonly maxBatches: number; run(jobs: Jobs, ctx: UseCaseContext): Promise<JobBatchOutcome>; notes?(totals: Readonly<Record<string, unknown>>): readonly JobNote[] };

const count = (totals: Readonly<Record<string, unknown>>, key: string): number => {
  const v = totals[key];
  return typeof v === 'number' ? v : 0;
};

/** How the runner reads each job's own result: what it did, what failed, whether to go on. */
const ADAPTERS = {
  'expire-pending-bookings': {
    maxBatches: 10,
    async run(jobs, ctx) {
      const r = valueOf('expire-pending-bookings', await jobs['expire-pending-bookings'](ctx, { batchSize: EXPIRY_BATCH }));
      const first = r.failed[0];
      return {
        items: r.expired + r.paid,
        failures: r.failed.length,
        firstError: first === undefined ? null : `booking ${first.bookingId}: ${first.error}`,
        // A full batch that failed throughout (the gateway down) would only meet the same bookings again.
        more: r.more && r.failed.length < r.examined,
        detail: { examined: r.examined, expired: r.expired, paid: r.paid, skipped: r.skipped, failed: r.failed.length },
      };
    },
    notes(totals) {
      // The log line operators grep for (reference runbook), every run; a warning above 100 at once.
      const n = count(totals, 'expired');
      return [{ level: n > EXPIRY_WARN_ABOVE ? 'warn' : 'info', message: `Expiring pending bookings: ${n}` }];
    },
  },
  'expire-waitlist-offers': {
    maxBatches: 1,
    async run(jobs, ctx) {
      // The use case goes on until no lapsed offer is left.
      const r = valueOf('expire-waitlist-offers', await jobs['expire-waitlist-offers'](ctx, {}));
      return { items: r.expired, more: false, detail: { ...r } };
    },
  },
  'publish-scheduled-events': {
    maxBatches: 1,
    async run(jobs, ctx) {
      const r = valueOf('publish-scheduled-events', await jobs['publish-scheduled-events'](ctx, { batchSize: DUE_EVENT_BATCH }));
      return { items: r.changed, more: r.examined >= DUE_EVENT_BATCH * DUE_EVENT_MAX_BATCHES && r.changed > 0, detail: { ...r } };
    },
  },
  'complete-finished-events': {
    maxBatches: 1,
    async run(jobs, ctx) {
      const r = valueOf('complete-finished-events', await jobs['complete-finished-events'](ctx, { batchSize: DUE_EVENT_BATCH }));
      return { items: r.changed, more: r.examined >= DUE_EVENT_BATCH * DUE_EVENT_MAX_BATCHES && r.changed > 0, detail: { ...r } };
    },
  },
  'retry-crew-requests': {
    maxBatches: 5,
    async run(jobs, ctx) {
      const r = valueOf('retry-crew-requests', await jobs['retry-crew-requests'](ctx, { batchSize: CREW_RETRY_BATCH }));
      // A request that failed again is pushed out by its back-off, so the next batch meets other requests.
      return { items: r.ASSIGNED + r.FAILED, more: r.examined >= CREW_RETRY_BATCH && r.SKIPPED < r.examined, detail: { ...r } };
    },
  },
  'retry-refunds': {
    maxBatches: 5,
    async run(jobs, ctx) {
      const r = valueOf('retry-refunds', await jobs['retry-refunds'](ctx, { batchSize: REFUND_RETRY_BATCH }));
      return {
        items: r.completed,
        failures: r.stillPending,
        firstError: r.stillPending > 0 ? 'the gateway did not complete every refund' : null,
        // Refunds that stay pending would be met again: go on only while a full batch all went through.
        more: r.completed >= REFUND_RETRY_BATCH && r.stillPending === 0,
        detail: { ...r },
      };
    },
  },
  'send-reminders': {
    maxBatches: 5,
    async run(jobs, ctx) {
      const r = valueOf('send-reminders', await jobs['send-reminders'](ctx, {}));
      return { items: r.sent, more: r.more, detail: { ...r } };
    },
  },
  'purge-audit': {
    maxBatches: 1,
    async run(jobs, ctx) {
      const r = valueOf('purge-audit', await jobs['purge-audit'](ctx, {}));
      return { items: r.purged + r.remindersPurged, more: false, detail: { ...r, before: new Date(r.before).toISOString() } };
    },
  },
} as const satisfies Record<JobName, Adapter>;

/**
 * The relay as the runner drives it (composition/outbox-relay.ts): `concurrency` batches per call (default 1), claimed
 * apart (SKIP LOCKED on PostgreSQL) and published side by side, so one batch's database work overlaps another's confirms.
 */
export type RelayBatch = { runOnce(): Promise<RelayRunResult>; readonly batchSize: number; readonly concurrency?: number };

/**
 * The jobs of DESIGN §6 as the runner schedules them, at the given intervals (`null`: switched off). Every use-case job
 * is exclusive (one runner at a time, under its lock); the relay is not — its `SKIP LOCKED` claims let replicas share
 * the outbox — and its idle runs are not recorded (it polls every second).
 */
export function scheduledJobs(
  jobs: Jobs,
  intervals: Readonly<Record<ScheduledJobName, number | null>>,
  relay: RelayBatch | null,
): ScheduledJob[] {
  const table: ScheduledJob[] = (Object.keys(ADAPTERS) as JobName[]).map((name) => {
    const adapter: Adapter = ADAPTERS[name];
    return {
      name,
      intervalMs: intervals[name],
      exclusive: true,
      maxBatches: adapter.maxBatches,
      runBatch: (ctx) => adapter.run(jobs, ctx),
      ...(adapter.notes === undefined ? {} : { notes: (totals: Readonly<Record<string, unknown>>) => adapter.notes?.(totals) ?? [] }),
    };
  });
  if (relay !== null) {
    table.push({
      name: RELAY_JOB,
      intervalMs: intervals[RELAY_JOB],
      exclusive: false,
      recordIdleRuns: false,
      maxBatches: 20,
      async runBatch() {
        const batches = await Promise.all(Array.from({ length: Math.max(1, relay.concurrency ?? 1) }, () => relay.runOnce()));
        const r = {
          claimed: batches.reduce((n, b) => n + b.claimed, 0),
          published: batches.reduce((n, b) => n + b.published, 0),
          failed: batches.reduce((n, b) => n + b.failed, 0),
        };
        return {
          items: r.published,
          failures: r.failed,
          firstError: r.failed > 0 ? 'the broker did not confirm every message (retried with back-off)' : null,
          more: batches.some((b) => b.claimed >= relay.batchSize),
          detail: { ...r, batches: batches.length },
        };
      },
    });
  }
  return table;
}
