import { z } from 'zod';

const schema = z.object({
  SCHEDULER_PORT: z.coerce.number().int().min(0).max(65_535).default(8103),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type SchedulerConfig = Readonly<z.infer<typeof schema>>;

/** Validates the environment; throws with the offending variable named. */
export function loadSchedulerConfig(env: Readonly<Record<string, string | undefined>>): SchedulerConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new Error(`invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
