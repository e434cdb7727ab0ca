// The non-bulk commands end to end: the real binary (node apps/cli/dist/main.js) as a child process, without a
// terminal, against a fresh database that starts empty — SQLite always, PostgreSQL when TEST_DATABASE_URL is set.
import { randomBytes } from 'node:crypto';
import { openDatabase } from '@aquastream/adapters';
import { jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../testing/cli-world.test-support.js';
import type { SeedReport } from '../seed/seed-report.js';
import { tempSqlite } from './command-harness.test-support.js';
import { SUBCOMMANDS } from './help.test-support.js';

type EmptyDatabase = { readonly url: string; drop(): Promise<void> };
type Target = { readonly name: string; create(): Promise<EmptyDatabase> };

/** A database that exists but has no tables: `db migrate` is the first thing to touch it. */
async function emptyPostgres(baseUrl: string): Promise<EmptyDatabase> {
  // Named like the adapters' test databases, so that their sweeper drops it if this run is killed before cleanup.
  const name = `aq_test_${Math.floor(Date.now() / 1000)}_${randomBytes(5).toString('hex')}`;
  const admin = openDatabase(baseUrl);
  try {
    await admin.sequelize.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.sequelize.close();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = openDatabase(baseUrl);
      try {
        await dropper.sequelize.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.sequelize.close();
      }
    },
  };
}

const TARGETS: Target[] = [
  {
    name: 'sqlite',
    create: () => {
      const file = tempSqlite();
      return Promise.resolve({ url: file.url, drop: () => Promise.resolve(file.remove()) });
    },
  },
];
const pgUrl = process.env['TEST_DATABASE_URL'];
if (pgUrl === undefined) {
  describe.skip('aquastream-admin admin commands on PostgreSQL (skipped: TEST_DATABASE_URL is not set)', () => {
    it('runs against PostgreSQL', () => undefined);
  });
} else {
  TARGETS.push({ name: 'postgres', create: () => emptyPostgres(pgUrl) });
}

/** The JSON answer on stdout; when there is none, the failure names what the binary said instead. */
function out(run: CliRun): unknown {
  const text = run.stdout.trim();
  if (text === '') throw new Error(`no JSON on stdout (exit ${run.code}); stderr:\n${run.stderr}`);
  return JSON.parse(text);
}

for (const target of TARGETS) {
  describe(`aquastream-admin admin commands on ${target.name}`, { timeout: 120_000 }, () => {
    let database: EmptyDatabase;
    const cli = (...args: string[]) => runCli(args, { databaseUrl: database.url });
    let seeded: SeedReport;

    beforeAll(async () => {
      database = await target.create();
    });
    afterAll(() => database.drop());

    it('db status on an empty database: everything pending; other commands refuse it (exit 1)', async () => {
      const status = await cli('db', 'status');
      expect(status).toMatchObject({ code: 0, stderr: '' });
      expect(out(status)).toMatchObject({ dialect: target.name, executed: [], upToDate: false, pending: expect.arrayContaining(['0001-organizations']) });
      const list = await cli('events', 'list');
      expect(list.code).toBe(1);
      expect(list.stderr).toMatch(/pending migration\(s\).*run `aquastream-admin db migrate` first/s);
    });

    it('db migrate applies every migration; db status is then up to date; migrating again applies nothing', async () => {
      const pending = (out(await cli('db', 'status')) as { pending: string[] }).pending;
      const migrate = await cli('db', 'migrate');
      expect(migrate).toMatchObject({ code: 0, stderr: '' });
      expect(out(migrate)).toMatchObject({ applied: pending });
      expect(out(await cli('db', 'status'))).toMatchObject({ pending: [], upToDate: true, executed: pending });
      expect(out(await cli('db', 'migrate'))).toMatchObject({ applied: [] });
    });

    it('seed --demo fills it; events list --json then shows every state; a second seed changes nothing', async () => {
      const seed = await cli('seed', '--demo');
      expect(seed.stderr).toBe('Seeding the demo data set…\n');
      expect(seed.code).toBe(0);
      seeded = out(seed) as SeedReport;
      expect(seeded.bookings).toEqual({ CONFIRMED: 7, CANCELED: 6, EXPIRED: 1, PENDING_PAYMENT: 2 });

      const list = await cli('events', 'list', '--status', 'DRAFT,IN_REVIEW,SCHEDULED,PUBLISHED,CANCELED,COMPLETED', '--json');
      expect(list.code).toBe(0);
      const page = out(list) as { data: { id: string; status: string }[]; totalElements: number };
      expect(page.totalElements).toBe(8);
      expect(new Set(page.data.map((e) => e.status))).toEqual(new Set(['DRAFT', 'IN_REVIEW', 'SCHEDULED', 'PUBLISHED', 'CANCELED', 'COMPLETED']));
      expect(page.data.map((e) => e.id).sort()).toEqual(seeded.events.map((e) => e.id).sort());

      const again = await cli('seed', '--demo');
      expect(again.code).toBe(0);
      expect(out(again)).toMatchObject({ seeded: false, reason: 'ALREADY_SEEDED' });
      expect((out(await cli('events', 'list', '--all')) as { totalElements: number }).totalElements).toBe(8);
    });

    it('reconcile: clean, then a counter corrupted with raw SQL is reported (exit 1), repaired with --fix, clean again', async () => {
      expect(await cli('reconcile')).toMatchObject({ code: 0 });
      const sunset = seeded.events.find((e) => e.title === 'Sunset kayak tour')?.id ?? '';
      const db = openDatabase(database.url);
      try {
        await db.sequelize.query('UPDATE events SET seats_taken = seats_taken + 3 WHERE id = :id', { replacements: { id: sunset } });
      } finally {
        await db.sequelize.close();
      }
      const drift = await cli('reconcile');
      expect(drift.code).toBe(1);
      const found = out(drift) as { drifted: { eventId: string; drift: { field: string; stored: number; expected: number }[] }[]; clean: boolean };
      expect(found.clean).toBe(false);
      expect(found.drifted.map((d) => d.eventId)).toEqual([sunset]);
      const [counter] = found.drifted[0]?.drift ?? [];
      expect(counter?.field).toBe('seatsTaken');
      expect((counter?.stored ?? 0) - (counter?.expected ?? 0)).toBe(3);

      const fix = await cli('reconcile', '--fix');
      expect(fix.code).toBe(0);
      expect(out(fix)).toMatchObject({ repaired: 1, clean: true });
      expect(out(await cli('reconcile'))).toMatchObject({ checked: 8, drifted: [], clean: true });
    });

    it('jobs list, jobs run <name>; an unknown job exits 2 with the list', async () => {
      const list = await cli('jobs', 'list');
      expect(list.code).toBe(0);
      expect((out(list) as { name: string }[]).map((j) => j.name)).toEqual(expect.arrayContaining(['expire-pending-bookings', 'publish-scheduled-events']));
      const run = await cli('jobs', 'run', 'complete-finished-events');
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(out(run)).toMatchObject({ name: 'complete-finished-events', result: { examined: 0, changed: 0 } });
      const unknown = await cli('jobs', 'run', 'sink-the-boats');
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/no job "sink-the-boats"; jobs that run here: expire-pending-bookings, /);
    });

    it('bookings expire-now, waitlist process and outbox status answer on the demo data', async () => {
      expect(out(await cli('bookings', 'expire-now'))).toMatchObject({ expired: 0, failed: [] });
      const cruise = seeded.events.find((e) => e.title === 'Harbour lights evening cruise')?.id ?? '';
      expect(out(await cli('waitlist', 'process', cruise))).toEqual({ eventId: cruise, offered: 0 });
      const stats = out(await cli('outbox', 'status')) as { PENDING: number; FAILED: number };
      expect(stats.PENDING).toBeGreaterThan(50);
      expect(stats.FAILED).toBe(0);
    });

    it('bad arguments exit 2 with a clear message and no output', async () => {
      for (const [args, message] of [
        [['events', 'list', '--size', '0'], /expected a whole number from 1 to 100/],
        [['waitlist', 'process', 'the-cruise'], /not an event id: the-cruise/],
        [['reconcile', '--repair'], /unknown option '--repair'/],
        [['outbox', 'retry', '--ids', 'x'], /not an id: x/],
      ] as const) {
        const run = await cli(...args);
        expect(run.code, args.join(' ')).toBe(2);
        expect(run.stderr).toMatch(message);
        expect(run.stdout).toBe('');
      }
    });
  });
}

describe('aquastream-admin token (the real binary)', { timeout: 60_000 }, () => {
  const secret = 'e2e-secret-e2e-secret-e2e-secret-e2e';

  it('prints a token that verifies with AUTH_JWT_SECRET and carries the subject and roles', async () => {
    const run = await runCli(['token', '--sub', 'demo-olga', '--role', 'ORGANIZER', '--role', 'user'], { env: { AUTH_JWT_SECRET: secret } });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const { payload } = await jwtVerify(run.stdout.trim(), new TextEncoder().encode(secret), { algorithms: ['HS256'] });
    expect(payload).toMatchObject({ sub: 'demo-olga', roles: ['ORGANIZER', 'USER'] });
  });

  it('is refused without AUTH_JWT_SECRET (exit 2, a message, no token)', async () => {
    const run = await runCli(['token', '--sub', 'demo-olga', '--role', 'ADMIN']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/AUTH_JWT_SECRET is not set/);
  });
});

describe('aquastream-admin --help (the real binary)', { timeout: 120_000 }, () => {
  it('lists every command of the contract, and each group its subcommands', async () => {
    const root = await runCli(['--help']);
    expect(root.code).toBe(0);
    for (const group of ['events', 'bookings', 'waitlist', 'reconcile', 'outbox', 'jobs', 'db', 'seed', 'token']) expect(root.stdout).toMatch(new RegExp(`\\n  ${group}\\b`));
    for (const [group, names] of Object.entries(SUBCOMMANDS)) {
      const help = await runCli([group, '--help']);
      for (const name of names) expect(help.stdout, `${group} --help`).toMatch(new RegExp(`\\n  ${name}\\b`));
    }
  });
});
