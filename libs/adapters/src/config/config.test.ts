import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_JWT_SECRET, DEV_SANDBOX_SECRET, loadConfig } from './config.js';

const SECRET = 'x'.repeat(32);
const PROD = { PROFILE: 'prod', AUTH_JWT_SECRET: SECRET, PAYMENT_SANDBOX_SECRET: 'sandbox-secret' };
const STRIPE = { PAYMENT_GATEWAY: 'stripe', STRIPE_SECRET_KEY: 'sk_test_config', STRIPE_WEBHOOK_SECRET: 'whsec_config' };

/** The issues of a refused configuration, as `VARIABLE: message`. */
function refusal(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}
const refusedVariables = (env: Record<string, string | undefined>): string[] => refusal(env).issues.map((i) => i.variable);

describe('loadConfig', () => {
  it('runs with no configuration at all: the embedded dev defaults', () => {
    expect(loadConfig({})).toEqual({
      profile: 'dev',
      port: 8102,
      host: '0.0.0.0',
      databaseUrl: 'sqlite:./data/aquastream.sqlite',
      databaseDialect: 'sqlite',
      dbPoolMax: 10,
      dbAcquireTimeoutMs: 5_000,
      dbConnectTimeoutMs: 3_000,
      dbStatementTimeoutMs: 60_000,
      amqpUrl: null,
      amqpTopologyPrefix: '',
      relayConcurrency: 1,
      auth: { kind: 'hs256', secret: DEV_JWT_SECRET, developmentSecret: true },
      bookingTtlMinutes: 5,
      bookingGraceMinutes: 1,
      waitlistOfferMinutes: 10,
      bookingTtlMs: 300_000,
      bookingGraceMs: 60_000,
      waitlistOfferMs: 600_000,
      auditRetainDays: 90,
      crewServiceUrl: null,
      crewServiceToken: null,
      crewTimeoutMs: 5_000,
      crewRetryAttempts: 2,
      crewBreakerThreshold: 5,
      crewHalfOpenAfterMs: 30_000,
      crewRetryBaseDelayMs: 60_000,
      paymentGateway: 'sandbox',
      paymentSandboxSecret: DEV_SANDBOX_SECRET,
      stripe: null,
      publicBaseUrl: 'http://localhost:8102',
      corsOrigins: [],
      logLevel: 'info',
      rateLimitReadsPerMinute: 1200,
      rateLimitWritesPerMinute: 120,
      trustProxyHops: 0,
      schedulerMode: 'inline',
      schedulerPort: 8103,
      shutdownGraceMs: 10_000,
      jobIntervals: {},
    });
  });

  it('uses the prod windows in the prod profile (30, 5, 30 minutes)', () => {
    const c = loadConfig(PROD);
    expect([c.bookingTtlMinutes, c.bookingGraceMinutes, c.waitlistOfferMinutes]).toEqual([30, 5, 30]);
    expect(c.auth).toEqual({ kind: 'hs256', secret: SECRET, developmentSecret: false });
    expect(c.paymentSandboxSecret).toBe('sandbox-secret');
  });

  it('lets each window be overridden, fractions included, in either profile', () => {
    const c = loadConfig({ ...PROD, BOOKING_TTL_MINUTES: '0.05', BOOKING_GRACE_MINUTES: '0.5', WAITLIST_OFFER_MINUTES: '2' });
    expect([c.bookingTtlMinutes, c.bookingGraceMinutes, c.waitlistOfferMinutes]).toEqual([0.05, 0.5, 2]);
    expect([c.bookingTtlMs, c.bookingGraceMs, c.waitlistOfferMs]).toEqual([3_000, 30_000, 120_000]);
    expect(loadConfig({ WAITLIST_OFFER_MINUTES: '1' }).bookingTtlMinutes).toBe(5);
    expect(loadConfig({ BOOKING_GRACE_MINUTES: '0' }).bookingGraceMs).toBe(0);
  });

  it('reads every other variable', () => {
    const c = loadConfig({
      PORT: '9000',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgresql://app:pw@db:5432/aq',
      DB_POOL_MAX: '40',
      DB_ACQUIRE_TIMEOUT_MS: '2000',
      DB_CONNECT_TIMEOUT_MS: '1000',
      DB_STATEMENT_TIMEOUT_MS: '0',
      AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
      AMQP_TOPOLOGY_PREFIX: 'tenant-a.',
      RELAY_CONCURRENCY: '4',
      CREW_BREAKER_THRESHOLD: '3',
      CREW_HALF_OPEN_AFTER_MS: '1500',
      CREW_RETRY_BASE_DELAY_MS: '500',
      AUDIT_RETAIN_DAYS: '30',
      CREW_SERVICE_URL: 'https://crew.example.com/api',
      PUBLIC_BASE_URL: 'https://events.example.com/',
      CORS_ORIGINS: 'https://app.example.com, http://localhost:5173,',
      LOG_LEVEL: 'debug',
      RATE_LIMIT_READS_PER_MINUTE: '0',
      RATE_LIMIT_WRITES_PER_MINUTE: '0',
      TRUST_PROXY: '2',
      SCHEDULER_MODE: 'external',
      SCHEDULER_PORT: '9001',
      SHUTDOWN_GRACE_MS: '500',
    });
    expect(c).toMatchObject({
      port: 9000,
      host: '127.0.0.1',
      databaseUrl: 'postgresql://app:pw@db:5432/aq',
      databaseDialect: 'postgres',
      dbPoolMax: 40,
      dbAcquireTimeoutMs: 2_000,
      dbConnectTimeoutMs: 1_000,
      dbStatementTimeoutMs: 0,
      amqpUrl: 'amqp://guest:guest@127.0.0.1:5672',
      amqpTopologyPrefix: 'tenant-a.',
      relayConcurrency: 4,
      crewBreakerThreshold: 3,
      crewHalfOpenAfterMs: 1_500,
      crewRetryBaseDelayMs: 500,
      auditRetainDays: 30,
      crewServiceUrl: 'https://crew.example.com/api',
      publicBaseUrl: 'https://events.example.com',
      corsOrigins: ['https://app.example.com', 'http://localhost:5173'],
      logLevel: 'debug',
      rateLimitReadsPerMinute: 0,
      rateLimitWritesPerMinute: 0,
      trustProxyHops: 2,
      schedulerMode: 'external',
      schedulerPort: 9001,
      shutdownGraceMs: 500,
    });
    expect(loadConfig({ PORT: '9000' }).publicBaseUrl).toBe('http://localhost:9000');
    expect(loadConfig({ DATABASE_URL: 'postgres://h/db' }).databaseDialect).toBe('postgres');
  });

  it('verifies tokens through a JWKS URL with its issuer and audience', () => {
    const c = loadConfig({ AUTH_JWKS_URL: 'https://id.example.com/certs', AUTH_ISSUER: 'https://id.example.com', AUTH_AUDIENCE: 'aq' });
    expect(c.auth).toEqual({ kind: 'jwks', jwksUrl: 'https://id.example.com/certs', issuer: 'https://id.example.com', audience: 'aq' });
  });

  it('counts empty (or blank) strings as unset', () => {
    const c = loadConfig({ PORT: '', PROFILE: '', DATABASE_URL: ' ', AUTH_JWT_SECRET: '', BOOKING_TTL_MINUTES: '' });
    expect(c).toMatchObject({ port: 8102, profile: 'dev', databaseUrl: 'sqlite:./data/aquastream.sqlite', bookingTtlMinutes: 5 });
  });

  it('returns a frozen object, nested parts included', () => {
    const c = loadConfig({ CORS_ORIGINS: '*' });
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.auth)).toBe(true);
    expect(Object.isFrozen(c.corsOrigins)).toBe(true);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '80.5'],
    ['PROFILE', 'staging'],
    ['DATABASE_URL', 'mysql://h/db'],
    ['DATABASE_URL', 'sqlite:'],
    ['DB_POOL_MAX', '0'],
    ['DB_ACQUIRE_TIMEOUT_MS', '50'],
    ['DB_CONNECT_TIMEOUT_MS', 'soon'],
    ['DB_STATEMENT_TIMEOUT_MS', '-1'],
    ['AMQP_URL', 'http://rabbit'],
    ['AMQP_TOPOLOGY_PREFIX', 'has space'],
    ['RELAY_CONCURRENCY', '0'],
    ['RELAY_CONCURRENCY', '17'],
    ['AUTH_JWT_SECRET', 'too-short'],
    ['AUTH_JWKS_URL', 'not a url'],
    ['BOOKING_TTL_MINUTES', '0'],
    ['BOOKING_TTL_MINUTES', '-1'],
    ['BOOKING_GRACE_MINUTES', 'soon'],
    ['BOOKING_GRACE_MINUTES', '-0.5'],
    ['WAITLIST_OFFER_MINUTES', 'Infinity'],
    ['AUDIT_RETAIN_DAYS', '0'],
    ['CREW_SERVICE_URL', 'crew:8080'],
    ['CREW_TIMEOUT_MS', '0'],
    ['CREW_TIMEOUT_MS', '2.5'],
    ['CREW_RETRY_ATTEMPTS', '11'],
    ['CREW_BREAKER_THRESHOLD', '0'],
    ['CREW_HALF_OPEN_AFTER_MS', '10'],
    ['CREW_RETRY_BASE_DELAY_MS', '1.5'],
    ['STRIPE_SECRET_KEY', 'pk_live_publishable'],
    ['STRIPE_WEBHOOK_SECRET', 'sk_test_not_a_webhook_secret'],
    ['STRIPE_API_BASE', 'localhost:12111'],
    ['PAYMENT_GATEWAY', 'paypal'],
    ['PUBLIC_BASE_URL', 'ftp://x'],
    ['CORS_ORIGINS', 'app.example.com'],
    ['LOG_LEVEL', 'verbose'],
    ['RATE_LIMIT_READS_PER_MINUTE', '-1'],
    ['RATE_LIMIT_WRITES_PER_MINUTE', 'lots'],
    ['TRUST_PROXY', 'true'],
    ['SCHEDULER_MODE', 'cron'],
    ['SCHEDULER_PORT', '-5'],
    ['SHUTDOWN_GRACE_MS', '1000000'],
  ])('refuses %s=%s', (variable, value) => {
    // Issuer and audience are set so that a bad AUTH_JWKS_URL is refused for itself alone.
    expect(refusedVariables({ AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a', [variable]: value })).toEqual([variable]);
  });

  it('requires AUTH_ISSUER and AUTH_AUDIENCE with AUTH_JWKS_URL, and not both auth modes', () => {
    expect(refusedVariables({ AUTH_JWKS_URL: 'https://id/certs' })).toEqual(['AUTH_ISSUER', 'AUTH_AUDIENCE']);
    expect(refusedVariables({ AUTH_JWKS_URL: 'https://id/certs', AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a', AUTH_JWT_SECRET: SECRET })).toEqual([
      'AUTH_JWT_SECRET',
    ]);
  });

  it('has no development secrets in the prod profile', () => {
    expect(refusedVariables({ PROFILE: 'prod' })).toEqual(['AUTH_JWT_SECRET', 'PAYMENT_SANDBOX_SECRET']);
    // Another gateway needs no sandbox secret.
    expect(loadConfig({ PROFILE: 'prod', AUTH_JWT_SECRET: SECRET, ...STRIPE }).paymentSandboxSecret).toBeNull();
  });

  it('reads the crew client settings', () => {
    const c = loadConfig({ CREW_SERVICE_URL: 'http://crew:8080', CREW_SERVICE_TOKEN: 'svc-token', CREW_TIMEOUT_MS: '1500', CREW_RETRY_ATTEMPTS: '0' });
    expect(c).toMatchObject({ crewServiceUrl: 'http://crew:8080', crewServiceToken: 'svc-token', crewTimeoutMs: 1500, crewRetryAttempts: 0 });
  });

  it('needs both Stripe secrets with PAYMENT_GATEWAY=stripe, and keeps them out of the message', () => {
    expect(refusedVariables({ PAYMENT_GATEWAY: 'stripe' })).toEqual(['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET']);
    expect(refusedVariables({ PAYMENT_GATEWAY: 'stripe', STRIPE_SECRET_KEY: STRIPE.STRIPE_SECRET_KEY })).toEqual(['STRIPE_WEBHOOK_SECRET']);
    const c = loadConfig({ ...STRIPE, STRIPE_API_BASE: 'http://127.0.0.1:12111' });
    expect(c.stripe).toEqual({ secretKey: STRIPE.STRIPE_SECRET_KEY, webhookSecret: STRIPE.STRIPE_WEBHOOK_SECRET, apiBase: 'http://127.0.0.1:12111' });
    expect(loadConfig({ ...STRIPE, STRIPE_SECRET_KEY: 'rk_live_restricted' }).stripe?.apiBase).toBeNull();
    // Stripe secrets set while another gateway is selected are not used (nor required).
    expect(loadConfig({ STRIPE_SECRET_KEY: STRIPE.STRIPE_SECRET_KEY }).stripe).toBeNull();
    const e = refusal({ PAYMENT_GATEWAY: 'stripe', STRIPE_SECRET_KEY: 'pk_test_oops-this-is-public', STRIPE_WEBHOOK_SECRET: 'whsec' });
    expect(e.message).toContain('STRIPE_SECRET_KEY=(27 characters, hidden)');
    expect(e.message).not.toContain('pk_test_oops');
  });

  it('lists every bad variable with its value in one message, hiding secrets and URL passwords', () => {
    const e = refusal({ PORT: 'abc', LOG_LEVEL: 'loud', AUTH_JWT_SECRET: 'short-secret', DATABASE_URL: 'mysql://root:hunter2@db/x' });
    expect(e.issues.map((i) => i.variable).sort()).toEqual(['AUTH_JWT_SECRET', 'DATABASE_URL', 'LOG_LEVEL', 'PORT']);
    expect(e.message).toContain('PORT="abc": must be a number');
    expect(e.message).toContain('LOG_LEVEL="loud": must be fatal, error, warn, info, debug, trace or silent');
    expect(e.message).toContain('AUTH_JWT_SECRET=(12 characters, hidden): must be at least 32 characters');
    expect(e.message).toContain('DATABASE_URL="mysql://root:***@db/x"');
    expect(e.message).not.toContain('short-secret');
    expect(e.message).not.toContain('hunter2');
  });
});

describe('loadConfig: scheduler job intervals (JOB_<NAME>_INTERVAL)', () => {
  it('reads a duration or off per job', () => {
    const c = loadConfig({
      JOB_EXPIRE_PENDING_BOOKINGS_INTERVAL: '30s',
      JOB_SEND_REMINDERS_INTERVAL: '1.5m',
      JOB_PURGE_AUDIT_INTERVAL: '2d',
      JOB_RELAY_OUTBOX_INTERVAL: '250ms',
      JOB_RETRY_REFUNDS_INTERVAL: 'OFF',
      JOB_COMPLETE_FINISHED_EVENTS_INTERVAL: '2h',
    });
    expect(c.jobIntervals).toEqual({
      'expire-pending-bookings': 30_000,
      'send-reminders': 90_000,
      'purge-audit': 2 * 86_400_000,
      'relay-outbox': 250,
      'retry-refunds': 'off',
      'complete-finished-events': 7_200_000,
    });
  });

  it('refuses a variable that names no job, a bare number, a unit it does not know, and intervals out of range', () => {
    const e = refusal({
      JOB_EXPIRE_PENDING_BOOKING_INTERVAL: '1m',
      JOB_SEND_REMINDERS_INTERVAL: '300',
      JOB_PURGE_AUDIT_INTERVAL: '1w',
      JOB_RELAY_OUTBOX_INTERVAL: '10ms',
      JOB_RETRY_REFUNDS_INTERVAL: '8d',
    });
    expect(e.issues.map((i) => i.variable).sort()).toEqual([
      'JOB_EXPIRE_PENDING_BOOKING_INTERVAL',
      'JOB_PURGE_AUDIT_INTERVAL',
      'JOB_RELAY_OUTBOX_INTERVAL',
      'JOB_RETRY_REFUNDS_INTERVAL',
      'JOB_SEND_REMINDERS_INTERVAL',
    ]);
    expect(e.message).toContain('JOB_EXPIRE_PENDING_BOOKING_INTERVAL="1m": names no job; the jobs are expire-pending-bookings');
    expect(e.message).toContain('JOB_SEND_REMINDERS_INTERVAL="300": must be a duration such as 500ms, 30s, 5m, 1h or 1d, or off');
    expect(e.message).toContain('JOB_RELAY_OUTBOX_INTERVAL="10ms": must be between 100ms and 7d');
  });
});
