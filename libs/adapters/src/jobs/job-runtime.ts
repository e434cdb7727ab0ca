import { hostname } from 'node:os';
import { DEFAULT_RELAY_SETTINGS, JobRunner, type Clock, type IdGenerator, type JobLock, type JobRunListener, type MessagePublisher } from '@aquastream/application';
import type { AppConfig } from '../config/config.js';
import type { Jobs } from '../composition/jobs.js';
import { createMessagePublisher, createOutboxRelay } from '../composition/outbox-relay.js';
import type { Storage } from '../composition/storage.js';
import { InProcessJobLock } from './in-process.job-lock.js';
import { combineListeners, JobLogListener, type JobLogger } from './job-log.listener.js';
import { jobIntervals } from './job-schedule.js';
import { PostgresAdvisoryJobLock } from './postgres-advisory.job-lock.js';
import { scheduledJobs, type RelayBatch } from './scheduled-jobs.js';
import { messagingTopology } from '../messaging/topology.js';

/** `host:pid`: which replica ran a job, in the run records and logs. */
export const defaultRunnerId = (): string => `${hostname()}:${process.pid}`;

/** Advisory locks on PostgreSQL (across replicas); an in-process lock on a store only this process uses. */
export function createJobLock(kind: Storage['kind'], databaseUrl: string, onError: (error: unknown) => void): JobLock {
  return kind === 'postgres' ? new PostgresAdvisoryJobLock(databaseUrl, { onError }) : new InProcessJobLock();
}

export type JobRunnerInput = {
  readonly config: Pick<AppConfig, 'jobIntervals' | 'bookingTtlMs' | 'waitlistOfferMs' | 'databaseUrl'>;
  readonly storage: Pick<Storage, 'kind' | 'jobRuns'>;
  /** `createUseCases(…).jobs`. */
  readonly jobs: Jobs;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: JobLogger;
  /** Besides the log (the scheduler's metrics). */
  readonly listeners?: readonly JobRunListener[];
  /** The outbox relay as a job; null leaves the outbox to someone else. */
  readonly relay: RelayBatch | null;
  /** Tests pass their own; by default it follows the store (createJobLock). */
  readonly lock?: JobLock;
  readonly runnerId?: string;
};

/** The job runner of DESIGN §6 over a store, with its lock: what `apps/scheduler` and the API's inline mode run. */
export function createJobRunner(input: JobRunnerInput): { readonly runner: JobRunner; readonly lock: JobLock } {
  const log = new JobLogListener(input.logger);
  const onError = (error: unknown): void => log.runnerError('job-lock', error);
  const lock = input.lock ?? createJobLock(input.storage.kind, input.config.databaseUrl, onError);
  const listener = combineListeners([log, ...(input.listeners ?? [])], (error) => log.runnerError('listener', error));
  const runner = new JobRunner(scheduledJobs(input.jobs, jobIntervals(input.config), input.relay), lock, input.storage.jobRuns, input.clock, input.ids, listener, {
    runnerId: input.runnerId ?? defaultRunnerId(),
  });
  return { runner, lock };
}

export type RunningJobs = {
  readonly runner: JobRunner;
  /** The relay's publisher, for the broker probe of `/health/ready`. */
  readonly broker: Pick<MessagePublisher, 'isConnected'>;
  /** SIGTERM: the running batches finish, the locks go, the broker connection closes. */
  stop(): Promise<void>;
};

/**
 * Starts every job, the outbox relay included (to RabbitMQ with `AMQP_URL`, else to the log): what the scheduler process
 * and the API's inline mode do at start.
 */
export async function startJobs(
  input: Omit<JobRunnerInput, 'relay' | 'config'> & {
    readonly config: JobRunnerInput['config'] & Pick<AppConfig, 'amqpUrl'> & Partial<Pick<AppConfig, 'amqpTopologyPrefix' | 'relayConcurrency'>>;
    readonly storage: JobRunnerInput['storage'] & Pick<Storage, 'uow' | 'outboxClaims'>;
  },
): Promise<RunningJobs> {
  const messaging = await createMessagePublisher({
    amqpUrl: input.config.amqpUrl,
    logger: input.logger,
    topology: messagingTopology(input.config.amqpTopologyPrefix ?? ''),
  });
  const relay = createOutboxRelay(input.storage, messaging.publisher, { clock: input.clock });
  const { runner, lock } = createJobRunner({ ...input, relay: { runOnce: () => relay.runOnce(), batchSize: DEFAULT_RELAY_SETTINGS.batchSize, concurrency: input.config.relayConcurrency ?? 1 },
  });
  runner.start();
  return {
    runner,
    broker: messaging.publisher,
    async stop() {
      await runner.stop();
      await Promise.allSettled([messaging.close(), lock.close()]);
    },
  };
}
