import { serve } from '@hono/node-server';
import { CheckReadinessUseCase } from '@aquastream/application';
import { ConfigError, DatabaseHealthCheck, healthRoutes, loadConfig, openDatabase, prepareConnection, type AppConfig } from '@aquastream/adapters';
import { Hono } from 'hono';
import { pino } from 'pino';

// The scheduler deployment. Its job runner arrives with the jobs issue; today it opens the database and answers
// health probes for its orchestrator.
function readConfig(): AppConfig {
  try {
    return loadConfig(process.env);
  } catch (error: unknown) {
    if (error instanceof ConfigError) {
      process.stderr.write(`aquastream-scheduler: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

const config = readConfig();
const logger = pino({ level: config.logLevel, base: { service: 'aquastream-scheduler' } });
const db = openDatabase(config.databaseUrl, { poolMax: config.dbPoolMax });
await prepareConnection(db);
const app = new Hono().route('/health', healthRoutes(new CheckReadinessUseCase([new DatabaseHealthCheck(db)])));
const server = serve({ fetch: app.fetch, port: config.schedulerPort }, (info) => logger.info({ port: info.port }, 'scheduler listening'));
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => server.close(() => void db.sequelize.close().finally(() => process.exit(0))));
}
