// The end-to-end tests' world: a fresh migrated database (SQLite, and PostgreSQL when TEST_DATABASE_URL is set), data
// seeded through the use cases as the API would make it, the real binary run as a child process, and a snapshot of
// the database to compare before and after.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  createSqlStorage,
  createUseCases,
  FakeCrewClient,
  RandomTicketCodeGenerator,
  SandboxPaymentGateway,
  SystemClock,
  UuidV7IdGenerator,
  type Database,
  type UseCases,
} from '@aquastream/adapters';
import type { OpenedTestDatabase, SqlTestTarget } from '@aquastream/adapters/testing';
import type { UseCaseContext } from '@aquastream/application';
import type { Result, Role } from '@aquastream/domain';

export const CLI_MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
export const DAY = 24 * 3_600_000;
export const PRICE = 150_000;

function value<T, E>(r: Result<T, E>): T {
  if (!r.ok) throw new Error(`seed step failed: ${JSON.stringify(r.error)}`);
  return r.value;
}

const user = (roles: Role[]): UseCaseContext => ({
  actor: { kind: 'user', id: randomUUID(), roles, memberships: [] },
  correlationId: `seed-${randomUUID()}`,
});

/** The use cases over the test database, wired as the CLI wires them (with a sandbox gateway of this process). */
export function seedUseCases(db: Database): UseCases {
  return createUseCases(createSqlStorage(db), {
    clock: new SystemClock(),
    ids: new UuidV7IdGenerator(),
    ticketCodes: new RandomTicketCodeGenerator(),
    gateway: new SandboxPaymentGateway({ secret: 'cli-e2e-secret', publicBaseUrl: 'http://localhost:8102' }),
    crew: new FakeCrewClient(),
    settings: { bookingTtlMinutes: 60, bookingGraceMinutes: 5, waitlistOfferMinutes: 30, auditRetainDays: 90 },
  });
}

export type StormDay = { readonly organizationId: string; readonly eventIds: readonly string[] };

/**
 * `count` published trips on one day, each full: a paid booking (1 seat, PRICE), an unpaid one (2 seats), a waitlist
 * entry, and an assigned crew — everything a cancel must undo.
 */
export async function seedStormDay(uc: UseCases, count: number, options: { readonly startsInDays?: number; readonly title?: string } = {}): Promise<StormDay> {
  const ownerId = randomUUID();
  const founder: UseCaseContext = { actor: { kind: 'user', id: ownerId, roles: ['ORGANIZER'], memberships: [] }, correlationId: 'seed-org' };
  const org = value(await uc.organizations.create.execute(founder, { name: `Harbour club ${ownerId.slice(0, 8)}` }));
  const owner: UseCaseContext = {
    actor: { kind: 'user', id: ownerId, roles: ['ORGANIZER'], memberships: [{ organizationId: org.id, role: 'OWNER' }] },
    correlationId: 'seed-events',
  };
  const day = Date.UTC(2030, 6, 1) + (options.startsInDays ?? 0) * DAY;
  const eventIds: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const startsAt = day + 8 * 3_600_000 + i * 15 * 60_000;
    const draft = value(
      await uc.events.create.execute(owner, {
        organizationId: org.id,
        title: `${options.title ?? 'Storm day trip'} ${String(i + 1).padStart(2, '0')}`,
        startsAt,
        endsAt: startsAt + 2 * 3_600_000,
        capacity: 3,
        currency: 'RUB',
        priceOptions: [{ name: 'Adult', price: PRICE }],
        crew: { size: 1, skills: ['skipper'] },
      }),
    );
    const event = value(await uc.events.publish.execute(owner, { eventId: draft.id }));
    const payer = user(['USER']);
    const paid = value(await uc.bookings.create.execute(payer, { eventId: event.id, quantity: 1 }));
    const payment = value(await uc.payments.initiate.execute(payer, { bookingId: paid.id }));
    value(
      await uc.payments.handleGatewayEvent.execute(
        { actor: { kind: 'system', id: 'gateway:sandbox' }, correlationId: 'seed-pay' },
        {
          gateway: 'sandbox',
          event: { id: `evt_${randomUUID()}`, type: 'payment.succeeded', reference: payment.gatewayReference ?? '', amount: payment.amount, currency: payment.currency },
        },
      ),
    );
    value(await uc.bookings.create.execute(user(['USER']), { eventId: event.id, quantity: 2 }));
    value(await uc.waitlist.join.execute(user(['USER']), { eventId: event.id, quantity: 1 }));
    eventIds.push(event.id);
  }
  return { organizationId: org.id, eventIds };
}

type Row = Record<string, unknown>;
async function rows(db: Database, sql: string): Promise<Row[]> {
  const [result] = await db.sequelize.query(sql);
  return result as Row[];
}

/** A fresh database of `target` with a storm day of `count` events seeded; recorded in `opened` for the suite to close. */
export async function openStormDay(target: SqlTestTarget, count: number, opened: OpenedTestDatabase[]) {
  const db = await target.open();
  opened.push(db);
  const uc = seedUseCases(db.db);
  const day = await seedStormDay(uc, count);
  return { ...db, uc, ...day };
}

/** The per-item lines and the summary line of a bulk command's `--json` output. */
export const jsonItems = (lines: readonly Record<string, unknown>[]) => lines.filter((l) => l['type'] === 'item');
export const jsonSummary = (lines: readonly Record<string, unknown>[]) => lines.find((l) => l['type'] === 'summary');

/**
 * What the database says, as counts that do not depend on ids or times: two databases seeded alike and brought to the
 * same state by different runs have equal snapshots. `exact` adds every row of the business tables, to prove a dry run
 * wrote nothing at all.
 */
export async function snapshot(db: Database) {
  const count = async (sql: string) => Object.fromEntries((await rows(db, sql)).map((r) => [String(r['k']), Number(r['n'])]));
  return {
    events: await count('SELECT status AS k, COUNT(*) AS n FROM events GROUP BY status'),
    bookings: await count('SELECT status AS k, COUNT(*) AS n FROM bookings GROUP BY status'),
    waitlist: await count('SELECT status AS k, COUNT(*) AS n FROM waitlist_entries GROUP BY status'),
    payments: await count('SELECT status AS k, COUNT(*) AS n FROM payments GROUP BY status'),
    refunds: await count("SELECT status || ':' || CAST(amount AS TEXT) AS k, COUNT(*) AS n FROM refunds GROUP BY status, amount"),
    refundsPerBooking: await count('SELECT CAST(c AS TEXT) AS k, COUNT(*) AS n FROM (SELECT booking_id, COUNT(*) AS c FROM refunds GROUP BY booking_id) x GROUP BY c'),
    outbox: await count('SELECT type AS k, COUNT(*) AS n FROM outbox_messages GROUP BY type'),
    audit: await count("SELECT entity || ':' || COALESCE(from_status, '') || '>' || to_status AS k, COUNT(*) AS n FROM audit_log GROUP BY entity, from_status, to_status"),
    auditActors: await count("SELECT CASE WHEN actor_id LIKE 'cli:%' THEN actor_id ELSE 'seed' END AS k, COUNT(*) AS n FROM audit_log GROUP BY 1"),
    seatsTaken: await count('SELECT CAST(seats_taken AS TEXT) AS k, COUNT(*) AS n FROM events GROUP BY seats_taken'),
    idempotencyKeys: await count("SELECT scope || ':' || CASE WHEN status IS NULL THEN 'in-progress' ELSE 'done' END AS k, COUNT(*) AS n FROM idempotency_keys GROUP BY scope, status"),
  };
}

/** Every row of the tables a cancel or reschedule may touch, in a stable order: equal before and after a dry run. */
export async function exactState(db: Database): Promise<string> {
  const tables = ['events', 'price_options', 'bookings', 'payments', 'refunds', 'waitlist_entries', 'outbox_messages', 'audit_log', 'idempotency_keys'];
  const out: Record<string, Row[]> = {};
  for (const t of tables) out[t] = await rows(db, `SELECT * FROM ${t} ORDER BY 1`);
  return JSON.stringify(out);
}

export type CliRun = {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout's JSON lines, parsed. */
  readonly lines: readonly Record<string, unknown>[];
};

export type CliRunOptions = {
  readonly databaseUrl?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Send SIGINT once this many `"type":"item"` lines have been printed. */
  readonly interruptAfterItems?: number;
};

/** Runs the real binary (`node apps/cli/dist/main.js`) with pipes for stdin/stdout: no terminal, as in a script. */
export function runCli(args: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', LOG_LEVEL: 'silent', ...options.env };
  const dbArgs = options.databaseUrl === undefined ? [] : ['--database-url', options.databaseUrl];
  const child = spawn(process.execPath, [CLI_MAIN, ...dbArgs, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.end();
  let stdout = '';
  let stderr = '';
  let items = 0;
  let interrupted = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    items = (stdout.match(/"type":"item"/g) ?? []).length;
    if (!interrupted && options.interruptAfterItems !== undefined && items >= options.interruptAfterItems) {
      interrupted = true;
      child.kill('SIGINT');
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const lines = stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      resolve({ code, signal, stdout, stderr, lines });
    });
  });
}
