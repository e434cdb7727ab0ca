import { serve } from '@hono/node-server';
import { pino } from 'pino';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type HttpConfig } from './config.js';
import { buildContainer } from './container.js';
import { TOKENS } from './tokens.js';

function readConfig(): HttpConfig {
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
const logger = pino({ level: config.LOG_LEVEL, base: { service: 'aquastream-http' } });
const container = buildContainer(config, logger);
const app = createApp({ readiness: container.get(TOKENS.CheckReadiness), logger });

const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
  logger.info({ port: info.port, host: config.HOST }, `aquastream-http listening on http://${config.HOST}:${info.port}`);
});

let stopping = false;
function shutdown(signal: string): void {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  // Stop accepting, let in-flight requests finish, but never hang past the grace period.
  setTimeout(() => process.exit(0), config.SHUTDOWN_GRACE_MS).unref();
  server.close(() => process.exit(0));
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
