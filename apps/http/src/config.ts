import { z } from 'zod';

/**
 * The environment the HTTP app reads (DESIGN §8), validated at start-up: a bad value stops the process with a
 * message that names the variable, rather than failing later in a request. Later issues add the database,
 * broker, auth and booking settings here.
 */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8102),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
});

export type HttpConfig = Readonly<z.infer<typeof schema>>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(env: Readonly<Record<string, string | undefined>>): HttpConfig {
  // Empty strings mean "not set", as a shell `VAR= npm start` intends.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message} (got ${JSON.stringify(present[String(i.path[0])])})`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
