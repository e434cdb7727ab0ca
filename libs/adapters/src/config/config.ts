import { z } from 'zod';
import { jobOfVariable, MAX_JOB_INTERVAL_MS, MIN_JOB_INTERVAL_MS, parseJobInterval, SCHEDULED_JOB_NAMES, type ScheduledJobName } from '../jobs/job-schedule.js';

/**
 * The whole configuration of the service (DESIGN §8), read from the environment once at start-up by every
 * composition root (API, scheduler, CLI). A bad value stops the process with one message naming every bad
 * variable, instead of failing later inside a request.
 */

export type Profile = 'dev' | 'prod';

/** Booking and waitlist windows per profile, in minutes; the BOOKING_… / WAITLIST_… variables override them. */
export const PROFILE_DEFAULTS: Readonly<Record<Profile, { ttl: number; grace: number; offer: number }>> = {
  dev: { ttl: 5, grace: 1, offer: 10 },
  prod: { ttl: 30, grace: 5, offer: 30 },
};

/** Known to everyone who reads this file: accepted in the dev profile only, so that `npm start` needs no setup. */
export const DEV_JWT_SECRET = 'aquastream-development-jwt-secret-not-for-production';
export const DEV_SANDBOX_SECRET = 'aquastream-development-sandbox-secret';

const SECRETS = new Set(['AUTH_JWT_SECRET', 'PAYMENT_SANDBOX_SECRET', 'CREW_SERVICE_TOKEN', 'STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET']);

const whole = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);
const minutes = z.coerce.number({ error: 'must be a number' }).positive('must be a positive number of minutes');
/** The grace after a payment deadline may be 0 (no grace): the acceptance runs' fast instance uses that. */
const graceMinutes = z.coerce.number({ error: 'must be a number' }).min(0, 'must be 0 or a positive number of minutes');
const url = (protocols: readonly string[], label: string) =>
  z.string().refine((v) => {
    try {
      return protocols.includes(new URL(v).protocol);
    } catch {
      return false; // not a URL at all: reported like a wrong scheme
    }
  }, `must be ${label}`);

const schema = z.object({
  PROFILE: z.enum(['dev', 'prod'], { error: 'must be dev or prod' }).default('dev'),
  PORT: whole(0, 65_535).default(8102),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .refine((v) => /^sqlite:.+/.test(v) || /^postgres(ql)?:\/\/.+/.test(v), 'must be sqlite:<path> or postgres://…')
    .default('sqlite:./data/aquastream.sqlite'),
  DB_POOL_MAX: whole(1, 1_000).default(10),
  DB_ACQUIRE_TIMEOUT_MS: whole(100, 600_000).default(5_000),
  DB_CONNECT_TIMEOUT_MS: whole(100, 600_000).default(3_000),
  DB_STATEMENT_TIMEOUT_MS: whole(0, 86_400_000).default(60_000),
  AMQP_URL: url(['amqp:', 'amqps:'], 'an amqp:// or amqps:// URL').optional(),
  RELAY_CONCURRENCY: whole(1, 16).default(1),
  AMQP_TOPOLOGY_PREFIX: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'must be 1–100 of A-Z a-z 0-9 . _ : -').optional(),
  AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  AUTH_JWKS_URL: url(['http:', 'https:'], 'an http(s) URL').optional(),
  AUTH_ISSUER: z.string().optional(),
  AUTH_AUDIENCE: z.string().optional(),
  BOOKING_TTL_MINUTES: minutes.optional(),
  BOOKING_GRACE_MINUTES: graceMinutes.optional(),
  WAITLIST_OFFER_MINUTES: minutes.optional(),
  AUDIT_RETAIN_DAYS: whole(1, 36_500).default(90),
  CREW_SERVICE_URL: url(['http:', 'https:'], 'an http(s) URL').optional(),
  CREW_SERVICE_TOKEN: z.string().optional(),
  CREW_TIMEOUT_MS: whole(1, 120_000).default(5_000),
  CREW_RETRY_ATTEMPTS: whole(0, 10).default(2),
  CREW_BREAKER_THRESHOLD: whole(1, 1_000).default(5),
  CREW_HALF_OPEN_AFTER_MS: whole(100, 3_600_000).default(30_000),
  CREW_RETRY_BASE_DELAY_MS: whole(100, 3_600_000).default(60_000),
  PAYMENT_GATEWAY: z.enum(['sandbox', 'stripe'], { error: 'must be sandbox or stripe' }).default('sandbox'),
  PAYMENT_SANDBOX_SECRET: z.string().optional(),
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_\S+$/, 'must be a Stripe secret key (sk_…) or restricted key (rk_…)').optional(),
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_\S+$/, 'must be a Stripe webhook signing secret (whsec_…)').optional(),
  STRIPE_API_BASE: url(['http:', 'https:'], 'an http(s) URL').optional(),
  PUBLIC_BASE_URL: url(['http:', 'https:'], 'an http(s) URL').optional(),
  CORS_ORIGINS: z
    .string()
    .transform((v) => v.split(',').map((o) => o.trim()).filter((o) => o !== ''))
    .refine((list) => list.every((o) => o === '*' || /^https?:\/\/[^/\s]+$/.test(o)), 'must be * or origins like https://app.example.com, comma-separated')
    .optional(),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be fatal, error, warn, info, debug, trace or silent' })
    .default('info'),
  RATE_LIMIT_READS_PER_MINUTE: whole(0, 10_000_000).default(1200),
  RATE_LIMIT_WRITES_PER_MINUTE: whole(0, 10_000_000).default(120),
  TRUST_PROXY: whole(0, 10).default(0),
  SCHEDULER_MODE: z.enum(['inline', 'external'], { error: 'must be inline or external' }).default('inline'),
  SCHEDULER_PORT: whole(0, 65_535).default(8103),
  SHUTDOWN_GRACE_MS: whole(0, 120_000).default(10_000),
});

export type AuthConfig =
  | { readonly kind: 'hs256'; readonly secret: string; readonly developmentSecret: boolean }
  | { readonly kind: 'jwks'; readonly jwksUrl: string; readonly issuer: string; readonly audience: string };

export type AppConfig = {
  readonly profile: Profile;
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  readonly databaseDialect: 'sqlite' | 'postgres';
  readonly dbPoolMax: number;
  /** How long a request waits for a pooled connection: the bound on a request while the database is away (ms). */
  readonly dbAcquireTimeoutMs: number;
  /** How long opening one PostgreSQL connection may take (ms). */
  readonly dbConnectTimeoutMs: number;
  /** PostgreSQL `statement_timeout` (ms); 0 = none. */
  readonly dbStatementTimeoutMs: number;
  readonly amqpUrl: string | null;
  /** Prefixed to the exchange and dead-letter names (messaging/topology.ts); '' = the documented names. */
  readonly amqpTopologyPrefix: string;
  /** Outbox batches the relay publishes side by side (1: strict publish order). */
  readonly relayConcurrency: number;
  readonly auth: AuthConfig;
  readonly bookingTtlMinutes: number;
  readonly bookingGraceMinutes: number;
  readonly waitlistOfferMinutes: number;
  readonly bookingTtlMs: number;
  readonly bookingGraceMs: number;
  readonly waitlistOfferMs: number;
  readonly auditRetainDays: number;
  readonly crewServiceUrl: string | null;
  /** Bearer token for the crew service when no user's token is forwarded. */
  readonly crewServiceToken: string | null;
  /** Per attempt of a crew-service call. */
  readonly crewTimeoutMs: number;
  /** Further attempts within one crew-service call after a transient failure. */
  readonly crewRetryAttempts: number;
  /** Consecutive transient crew-service failures that open the circuit. */
  readonly crewBreakerThreshold: number;
  /** How long an open circuit refuses calls before one trial call (half-open). */
  readonly crewHalfOpenAfterMs: number;
  /** First delay of the crew retry job after a failed request (doubles per failure). */
  readonly crewRetryBaseDelayMs: number;
  readonly paymentGateway: 'sandbox' | 'stripe';
  /** Set whenever the gateway is `sandbox` (the dev default in the dev profile). */
  readonly paymentSandboxSecret: string | null;
  /** Set when the gateway is `stripe`; `apiBase` points the SDK at another host (tests' stand-in), null = Stripe's. */
  readonly stripe: { readonly secretKey: string; readonly webhookSecret: string; readonly apiBase: string | null } | null;
  /** Without a trailing slash; payment URLs and links are built on it. */
  readonly publicBaseUrl: string;
  readonly corsOrigins: readonly string[];
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Per IP per minute; 0 = no limit. */
  readonly rateLimitReadsPerMinute: number;
  /** Per user per minute; 0 = no limit. */
  readonly rateLimitWritesPerMinute: number;
  /**
   * How many reverse proxies in front of the service append to X-Forwarded-For; 0 = the socket address is the client
   * (X-Forwarded-For is ignored, since anyone can send it).
   */
  readonly trustProxyHops: number;
  readonly schedulerMode: 'inline' | 'external';
  readonly schedulerPort: number;
  /** `JOB_<NAME>_INTERVAL` settings (milliseconds, or `off`); jobs not named keep their defaults (jobs/job-schedule.ts). */
  readonly jobIntervals: Readonly<Partial<Record<ScheduledJobName, number | 'off'>>>;
  readonly shutdownGraceMs: number;
};

export type ConfigIssue = { readonly variable: string; readonly value: string | undefined; readonly message: string };

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(`invalid configuration:\n${issues.map((i) => `  ${i.variable}=${shown(i)}: ${i.message}`).join('\n')}`);
  }
}

/** Secrets are described, never echoed into logs; so are the passwords inside URLs. */
function shown(i: ConfigIssue): string {
  if (i.value === undefined) return '(not set)';
  if (SECRETS.has(i.variable)) return `(${i.value.length} characters, hidden)`;
  return JSON.stringify(i.value.replace(/\/\/([^:/@\s]*):[^@/\s]*@/, '//$1:***@'));
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads and checks the configuration; throws ConfigError listing every bad variable. Empty strings count as unset. */
export function loadConfig(env: Env): AppConfig {
  const present: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v.trim() !== '') present[k] = v.trim();
  const issues: ConfigIssue[] = [];
  const issue = (variable: string, message: string): void => {
    issues.push({ variable, value: present[variable], message });
  };
  const parsed = schema.safeParse(present);
  if (!parsed.success) for (const i of parsed.error.issues) issue(String(i.path[0]), i.message);

  // Rules across variables, checked on the raw values so that every problem is reported in one go.
  const prod = present['PROFILE'] === 'prod';
  const jwks = present['AUTH_JWKS_URL'] !== undefined;
  if (jwks && present['AUTH_JWT_SECRET'] !== undefined) issue('AUTH_JWT_SECRET', 'set either AUTH_JWT_SECRET or AUTH_JWKS_URL, not both');
  if (jwks && present['AUTH_ISSUER'] === undefined) issue('AUTH_ISSUER', 'is required with AUTH_JWKS_URL');
  if (jwks && present['AUTH_AUDIENCE'] === undefined) issue('AUTH_AUDIENCE', 'is required with AUTH_JWKS_URL');
  if (prod && !jwks && present['AUTH_JWT_SECRET'] === undefined) {
    issue('AUTH_JWT_SECRET', 'the prod profile needs AUTH_JWT_SECRET or AUTH_JWKS_URL');
  }
  const sandbox = (present['PAYMENT_GATEWAY'] ?? 'sandbox') === 'sandbox';
  if (prod && sandbox && present['PAYMENT_SANDBOX_SECRET'] === undefined) {
    issue('PAYMENT_SANDBOX_SECRET', 'is required in the prod profile with the sandbox gateway');
  }
  if (present['PAYMENT_GATEWAY'] === 'stripe') {
    for (const v of ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET']) if (present[v] === undefined) issue(v, 'is required with PAYMENT_GATEWAY=stripe');
  }
  const jobIntervals = readJobIntervals(present, issue);
  if (issues.length > 0 || !parsed.success) throw new ConfigError(issues);
  return deepFreeze({ ...derive(parsed.data), jobIntervals });
}

function derive(v: z.infer<typeof schema>): Omit<AppConfig, 'jobIntervals'> {
  const defaults = PROFILE_DEFAULTS[v.PROFILE];
  const ttl = v.BOOKING_TTL_MINUTES ?? defaults.ttl;
  const grace = v.BOOKING_GRACE_MINUTES ?? defaults.grace;
  const offer = v.WAITLIST_OFFER_MINUTES ?? defaults.offer;
  const auth: AuthConfig =
    v.AUTH_JWKS_URL !== undefined
      ? { kind: 'jwks', jwksUrl: v.AUTH_JWKS_URL, issuer: v.AUTH_ISSUER ?? '', audience: v.AUTH_AUDIENCE ?? '' }
      : { kind: 'hs256', secret: v.AUTH_JWT_SECRET ?? DEV_JWT_SECRET, developmentSecret: v.AUTH_JWT_SECRET === undefined };
  return {
    profile: v.PROFILE,
    port: v.PORT,
    host: v.HOST,
    databaseUrl: v.DATABASE_URL,
    databaseDialect: v.DATABASE_URL.startsWith('sqlite:') ? 'sqlite' : 'postgres',
    dbPoolMax: v.DB_POOL_MAX,
    dbAcquireTimeoutMs: v.DB_ACQUIRE_TIMEOUT_MS,
    dbConnectTimeoutMs: v.DB_CONNECT_TIMEOUT_MS,
    dbStatementTimeoutMs: v.DB_STATEMENT_TIMEOUT_MS,
    amqpUrl: v.AMQP_URL ?? null,
    amqpTopologyPrefix: v.AMQP_TOPOLOGY_PREFIX ?? '',
    relayConcurrency: v.RELAY_CONCURRENCY,
    auth,
    bookingTtlMinutes: ttl,
    bookingGraceMinutes: grace,
    waitlistOfferMinutes: offer,
    bookingTtlMs: Math.round(ttl * 60_000),
    bookingGraceMs: Math.round(grace * 60_000),
    waitlistOfferMs: Math.round(offer * 60_000),
    auditRetainDays: v.AUDIT_RETAIN_DAYS,
    crewServiceUrl: v.CREW_SERVICE_URL ?? null,
    crewServiceToken: v.CREW_SERVICE_TOKEN ?? null,
    crewTimeoutMs: v.CREW_TIMEOUT_MS,
    crewRetryAttempts: v.CREW_RETRY_ATTEMPTS,
    crewBreakerThreshold: v.CREW_BREAKER_THRESHOLD,
    crewHalfOpenAfterMs: v.CREW_HALF_OPEN_AFTER_MS,
    crewRetryBaseDelayMs: v.CREW_RETRY_BASE_DELAY_MS,
    paymentGateway: v.PAYMENT_GATEWAY,
    paymentSandboxSecret: v.PAYMENT_GATEWAY === 'sandbox' ? (v.PAYMENT_SANDBOX_SECRET ?? DEV_SANDBOX_SECRET) : (v.PAYMENT_SANDBOX_SECRET ?? null),
    stripe:
      v.PAYMENT_GATEWAY === 'stripe'
        ? { secretKey: v.STRIPE_SECRET_KEY ?? '', webhookSecret: v.STRIPE_WEBHOOK_SECRET ?? '', apiBase: v.STRIPE_API_BASE ?? null }
        : null,
    publicBaseUrl: (v.PUBLIC_BASE_URL ?? `http://localhost:${v.PORT}`).replace(/\/+$/, ''),
    corsOrigins: v.CORS_ORIGINS ?? [],
    logLevel: v.LOG_LEVEL,
    rateLimitReadsPerMinute: v.RATE_LIMIT_READS_PER_MINUTE,
    rateLimitWritesPerMinute: v.RATE_LIMIT_WRITES_PER_MINUTE,
    trustProxyHops: v.TRUST_PROXY,
    schedulerMode: v.SCHEDULER_MODE,
    schedulerPort: v.SCHEDULER_PORT,
    shutdownGraceMs: v.SHUTDOWN_GRACE_MS,
  };
}

/** `JOB_<NAME>_INTERVAL=30s|5m|1h|1d|off` per scheduler job; a variable naming no job is refused, as a typo would be. */
function readJobIntervals(present: Readonly<Record<string, string>>, issue: (variable: string, message: string) => void) {
  const intervals: Partial<Record<ScheduledJobName, number | 'off'>> = {};
  for (const [variable, text] of Object.entries(present)) {
    const job = jobOfVariable(variable);
    if (job === null) continue;
    if (job === undefined) {
      issue(variable, `names no job; the jobs are ${SCHEDULED_JOB_NAMES.join(', ')}`);
      continue;
    }
    const value = parseJobInterval(text);
    if (value === null) issue(variable, 'must be a duration such as 500ms, 30s, 5m, 1h or 1d, or off');
    else if (value !== 'off' && (value < MIN_JOB_INTERVAL_MS || value > MAX_JOB_INTERVAL_MS)) issue(variable, 'must be between 100ms and 7d');
    else intervals[job] = value;
  }
  return intervals;
}

function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (typeof v === 'object' && v !== null) deepFreeze(v as object);
  return Object.freeze(o);
}
