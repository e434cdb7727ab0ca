import { serve } from '@hono/node-server';
import { CheckReadinessUseCase } from '@aquastream/application';
import { healthRoutes } from '@aquastream/adapters';
import { Hono } from 'hono';
import { pino } from 'pino';
import { loadSchedulerConfig } from './config.js';

// The scheduler deployment. Its jobs arrive with the jobs issue; today it answers health probes for its orchestrator.
const config = loadSchedulerConfig(process.env);
const logger = pino({ level: config.LOG_LEVEL, base: { service: 'aquastream-scheduler' } });
const app = new Hono().route('/health', healthRoutes(new CheckReadinessUseCase([])));
const server = serve({ fetch: app.fetch, port: config.SCHEDULER_PORT }, (info) => logger.info({ port: info.port }, 'scheduler listening'));
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => server.close(() => process.exit(0)));
