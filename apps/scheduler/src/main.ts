import { serve } from '@hono/node-server';
import {
  ConfigError,
  createSqlStorage,
  DatabaseHealthCheck,
  databaseOptionsFrom,
  formatInterval,
  jobIntervals,
  loadConfig,
  migrate,
  openDatabase,
  prepareConnection,
  type AppConfig,
} from '@aquastream/adapters';
import { pino } from 'pino';
import { startScheduler } from './scheduler.js';

// The scheduler deployment (DESIGN §6): runs the jobs and relays the outbox; its own port answers health probes,
// Prometheus metrics and GET /jobs. Several replicas may run at once: PostgreSQL advisory locks keep each job's runs apart.
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
const db = openDatabase(config.databaseUrl, databaseOptionsFrom(config));
try {
  await prepareConnection(db);
  // Like the API, so that either may start first; migrations already applied are skipped.
  const applied = await migrate(db.sequelize);
  logger.info({ dialect: db.dialect, applied }, applied.length > 0 ? `applied ${applied.length} migration(s)` : 'schema up to date');
} catch (error: unknown) {
  logger.fatal({ err: error, dialect: db.dialect }, 'cannot open or migrate the database');
  process.exit(1);
}

const { app, jobs } = await startScheduler({ config, logger, storage: createSqlStorage(db), healthChecks: [new DatabaseHealthCheck(db)] });
const schedule = Object.entries(jobIntervals(config)).map(([name, ms]) => `${name} ${ms === null ? 'off' : `every ${formatInterval(ms)}`}`);
logger.info({ jobs: schedule, relay: config.amqpUrl === null ? 'in-process log' : 'RabbitMQ' }, `jobs started: ${schedule.join(', ')}`);

const server = serve({ fetch: app.fetch, port: config.schedulerPort, hostname: config.host }, (info) => {
  logger.info({ port: info.port, host: config.host, database: db.dialect }, `aquastream-scheduler listening on http://${config.host}:${info.port}`);
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: letting running batches finish');
  // Past the grace period PostgreSQL releases the advisory locks with the session anyway.
  setTimeout(() => {
    logger.warn('shutdown grace period over: exiting with jobs still running');
    process.exit(1);
  }, config.shutdownGraceMs).unref();
  await jobs.stop();
  logger.info('jobs stopped, locks released');
  server.close();
  await db.sequelize.close();
  process.exit(0);
}
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    shutdown(signal).catch((error: unknown) => {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    });
  });
}
