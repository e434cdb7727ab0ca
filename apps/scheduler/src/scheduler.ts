import { BrokerHealthCheck, defaultRunnerId, startJobs, type RunningJobs } from '@aquastream/adapters';
import { CheckReadinessUseCase, type HealthCheck } from '@aquastream/application';
import type { Hono } from 'hono';
import { createSchedulerApp } from './app.js';
import { buildContainer, type ContainerInput } from './container.js';
import { TOKENS } from './tokens.js';

export type SchedulerInput = ContainerInput & {
  /** The probes of `/health/ready` besides the broker's (the database's, in production). */
  readonly healthChecks: readonly HealthCheck[];
  readonly runnerId?: string;
};

/** Builds the scheduler, starts its jobs (and the outbox relay), and answers its HTTP app; `jobs.stop()` undoes it. */
export async function startScheduler(input: SchedulerInput): Promise<{ readonly app: Hono; readonly jobs: RunningJobs }> {
  const c = buildContainer(input);
  const runnerId = input.runnerId ?? defaultRunnerId();
  const metrics = c.get(TOKENS.Metrics);
  const jobs = await startJobs({
    config: input.config,
    storage: c.get(TOKENS.Storage),
    jobs: c.get(TOKENS.UseCases).jobs,
    clock: c.get(TOKENS.Clock),
    ids: c.get(TOKENS.Ids),
    logger: input.logger,
    listeners: [metrics],
    runnerId,
  });
  const readiness = new CheckReadinessUseCase([...input.healthChecks, new BrokerHealthCheck(jobs.broker)]);
  return { app: createSchedulerApp({ runner: jobs.runner, runnerId, readiness, metrics }), jobs };
}
