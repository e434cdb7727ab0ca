// `npm run bench` with tiny knobs, so that the harness cannot rot: every phase runs, the table has every row, the flash
// sale sold exactly its seats and the expiry job expired exactly what was due. No timing is asserted (speed is what the
// real run measures). SQLite always; PostgreSQL (and RabbitMQ for the relay) when TEST_DATABASE_URL (TEST_AMQP_URL) is
// set, in a database the bench creates and must drop.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

const TINY = {
  BENCH_BUILD: '0', // `npm test` has built the apps (the tools' test target depends on their builds)
  EVENTS: '10',
  DURATION: '1',
  HOT_MAX: '300',
  SPREAD_EVENTS: '20',
  SPREAD_MAX: '300',
  FLASH_BUYERS: '50',
  FLASH_SEATS: '5',
  FLASH_CONNECTIONS: '10',
  EXPIRY_SIZES: '30,60',
  EXPIRY_TIMEOUT: '60',
  GROWTH_SIZES: '40',
  GROWTH_DURATION: '1',
  GROWTH_WARMUP: '0',
  GROWTH_CONNECTIONS: '4',
  RELAY_ROWS: '500',
};

type Run = { code: number | null; stdout: string; stderr: string };

function bench(env: Record<string, string>): Promise<Run> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...TINY, ...env };
  for (const k of ['DATABASE_URL', 'BENCH_PG', 'BENCH_AMQP', 'PHASES']) if (!(k in env)) delete childEnv[k];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'tools/bench/run.mjs')], { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

type Row = { scenario: string; figure: string; baseline: string; ratio: string; target: string; met: string };

function tableOf(stdout: string): Row[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| scenario'))
    .map((l) => {
      const [scenario = '', figure = '', baseline = '', ratio = '', target = '', met = ''] = l
        .slice(2, -2)
        .split(/(?<!\\) \| /)
        .map((c) => c.trim());
      return { scenario, figure, baseline, ratio, target, met };
    });
}

function checkTable(run: Run, dialect: 'sqlite' | 'postgres'): Row[] {
  const output = `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr.slice(-6000)}`;
  expect(run.code, output).toBe(0);
  expect(run.stdout, output).toMatch(/^Machine: \d+ × .+ node v\d+/m);
  const rows = tableOf(run.stdout);
  const find = (prefix: string) => rows.filter((r) => r.scenario.startsWith(prefix));
  for (const prefix of [
    'catalogue GET /events?size=20',
    'event detail GET /events/{id}',
    'expiry of 30 due bookings',
    'expiry of 60 due bookings',
    'expiry growth 30 → 60',
    'catalogue growth, ',
    'bookings, 1 hot event',
    'bookings spread over 20 events',
    'flash sale: 50 buyers, 5 seats',
    'outbox relay to RabbitMQ',
    'API memory',
  ]) {
    expect(find(prefix), `a row "${prefix}…" in\n${output}`).toHaveLength(prefix === 'catalogue growth, ' ? 2 : 1);
  }
  for (const row of rows) expect(row.figure, `${row.scenario}\n${output}`).not.toMatch(/^failed|did not finish/);
  expect(run.stdout, output).not.toMatch(/phase failed/);

  const [flash] = find('flash sale');
  expect(flash?.figure).toMatch(/^5 seats sold \(5 × 201\)/);
  expect(flash?.figure).toMatch(/5xx: 0,/);
  expect(flash?.met).toBe('MET');
  expect(find('expiry of 30')[0]?.figure).toMatch(/, 30 expired/);
  expect(find('expiry of 60')[0]?.figure).toMatch(/, 60 expired/);
  // Bad counts and 5xx are findings, printed under the table.
  expect(run.stdout, output).not.toMatch(/^Findings:/m);
  const hasPgBaselines = dialect === 'postgres';
  expect(find('bookings spread')[0]?.baseline.startsWith('n/a'), output).toBe(!hasPgBaselines);
  return rows;
}

describe('npm run bench (tiny knobs)', () => {
  it.concurrent('prints every row of the table on SQLite', async () => {
    const run = await bench({});
    const rows = checkTable(run, 'sqlite');
    expect(rows.find((r) => r.scenario.startsWith('outbox relay'))?.figure).toMatch(/^skipped: needs PostgreSQL/);
  }, 120_000);

  const pgUrl = process.env['TEST_DATABASE_URL'];
  const amqpUrl = process.env['TEST_AMQP_URL'];
  // Only with a PostgreSQL server to create the database on (as the other *.pg suites).
  it.skipIf(!pgUrl)('on PostgreSQL (BENCH_PG): a fresh database, dropped at the end', { concurrent: true, timeout: 120_000 }, async () => {
    const run = await bench({ BENCH_PG: pgUrl ?? '', ...(amqpUrl ? { BENCH_AMQP: amqpUrl } : {}) });
    const rows = checkTable(run, 'postgres');
    const relay = rows.find((r) => r.scenario.startsWith('outbox relay'));
    if (amqpUrl) expect(relay?.figure).toMatch(/msg\/s/);
    else expect(relay?.figure).toMatch(/^skipped: needs BENCH_AMQP/);
    const name = /created database (aq_bench_\d+_[0-9a-f]+)/.exec(run.stderr)?.[1];
    expect(name, run.stderr).toBeDefined();
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      expect(rowCount).toBe(0);
    } finally {
      await client.end();
    }
  });
});
