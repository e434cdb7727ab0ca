import { serve } from '@hono/node-server';
import { BrokerHealthCheck, ConfigError, createSqlStorage, DatabaseHealthCheck, databaseOptionsFrom, loadConfig, migrate, openDatabase, prepareConnection, startJobs, type AppConfig } from '@aquastream/adapters';
import { pino } from 'pino';
import { createApp } from './app.js';
import { buildContainer } from './container.js';
import { TOKENS } from './tokens.js';

function readConfig(): AppConfig {
  try {
    return loadConfig(process.env);
  } catch (error: unknown) {
    if (error instanceof ConfigError) {
      process.stderr.write(`aquastream-http: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

const config = readConfig();
const logger = pino({
  level: config.logLevel,
  base: { service: 'aquastream-http' },
  redact: ['req.headers.authorization', 'headers.authorization', 'authorization'],
});
const db = openDatabase(config.databaseUrl, databaseOptionsFrom(config));
try {
  await prepareConnection(db);
  const applied = await migrate(db.sequelize);
  logger.info({ dialect: db.dialect, applied }, applied.length > 0 ? `applied ${applied.length} migration(s)` : 'schema up to date');
} catch (error: unknown) {
  logger.fatal({ err: error, dialect: db.dialect }, 'cannot open or migrate the database');
  process.exit(1);
}
// In inline mode the relay runs here, so readiness shows the broker too (not required, as in the scheduler: the outbox
// makes a broker outage a delay, not an outage). The publisher exists once the jobs have started, below.
let inlineBroker: { isConnected(): boolean } | null = null;
const brokerCheck = config.schedulerMode === 'inline' && config.amqpUrl !== null ? [new BrokerHealthCheck({ isConnected: () => inlineBroker?.isConnected() ?? false })] : [];
const container = buildContainer({ config, logger, storage: createSqlStorage(db), healthChecks: [new DatabaseHealthCheck(db), ...brokerCheck] });
const app = createApp(container.get(TOKENS.AppDeps));
// SCHEDULER_MODE=inline (the embedded default): the scheduler's jobs and the outbox relay run in this process too,
// through the same runner as apps/scheduler; `external` leaves them to that deployment.
const inlineJobs =
  config.schedulerMode === 'inline'
    ? await startJobs({
        config,
        storage: container.get(TOKENS.Storage),
        jobs: container.get(TOKENS.UseCases).jobs,
        clock: container.get(TOKENS.Clock),
        ids: container.get(TOKENS.Ids),
        logger: logger.child({ component: 'scheduler' }),
      })
    : null;
inlineBroker = inlineJobs?.broker ?? null;

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  logger.info({ port: info.port, host: config.host, database: db.dialect }, `aquastream-http listening on http://${config.host}:${info.port}`);
});

let stopping = false;
function shutdown(signal: string): void {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  // Stop accepting, let in-flight requests finish, close the pool; never hang past the grace period.
  setTimeout(() => process.exit(0), config.shutdownGraceMs).unref();
  server.close(() => {
    // Running job batches finish and release their locks before the pool closes.
    void (inlineJobs?.stop() ?? Promise.resolve()).finally(() => db.sequelize.close().finally(() => process.exit(0)));
  });
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
