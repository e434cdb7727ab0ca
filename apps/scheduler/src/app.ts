import { healthRoutes } from '@aquastream/adapters';
import type { CheckReadinessUseCase, JobRunner } from '@aquastream/application';
import { Hono } from 'hono';
import { jobsRoute } from './routes/jobs.route.js';
import type { SchedulerMetrics } from './scheduler-metrics.js';

export type SchedulerAppDeps = {
  readonly runner: JobRunner;
  readonly runnerId: string;
  readonly readiness: CheckReadinessUseCase;
  readonly metrics: SchedulerMetrics;
};

/** The scheduler's own port (`SCHEDULER_PORT`): probes for its orchestrator, Prometheus metrics, and `GET /jobs`. */
export function createSchedulerApp(deps: SchedulerAppDeps): Hono {
  const app = new Hono();
  app.route('/health', healthRoutes(deps.readiness));
  app.get('/metrics', async (c) => c.text(await deps.metrics.registry.metrics(), 200, { 'Content-Type': deps.metrics.registry.contentType }));
  app.route('/jobs', jobsRoute(deps.runner, deps.runnerId));
  app.notFound((c) => c.json({ status: 404, title: 'Not Found', detail: 'the scheduler answers /health/live, /health/ready, /metrics and /jobs' }, 404));
  return app;
}
