import { afterAll, describe, expect, it } from 'vitest';
import { json, runCommand, tempSqlite } from './command-harness.test-support.js';

describe('db migrate / db status', () => {
  const db = tempSqlite();
  const env = { DATABASE_URL: db.url };
  afterAll(() => db.remove());

  it('status on a fresh database lists every migration as pending and changes nothing', async () => {
    const run = await runCommand(['db', 'status'], { env });
    expect(run.exitCode).toBe(0);
    const status = json<{ executed: string[]; pending: string[]; upToDate: boolean; dialect: string }>(run);
    expect(status).toMatchObject({ dialect: 'sqlite', executed: [], upToDate: false });
    expect(status.pending[0]).toBe('0001-organizations');
    expect(json<{ pending: string[] }>(await runCommand(['db', 'status'], { env })).pending).toEqual(status.pending);
  });

  it('other commands refuse a database with pending migrations (exit 1) and point at db migrate', async () => {
    const run = await runCommand(['events', 'list'], { env });
    expect(run.exitCode).toBe(1);
    expect(run.err).toMatch(/pending migration\(s\).*aquastream-admin db migrate/s);
  });

  it('migrate applies them in order; a second migrate applies nothing; status is then up to date', async () => {
    const before = json<{ pending: string[] }>(await runCommand(['db', 'status'], { env })).pending;
    const first = await runCommand(['db', 'migrate'], { env });
    expect(first.exitCode).toBe(0);
    expect(json<{ applied: string[] }>(first).applied).toEqual(before);
    expect(json<{ applied: string[] }>(await runCommand(['db', 'migrate'], { env })).applied).toEqual([]);
    expect(json(await runCommand(['db', 'status'], { env }))).toMatchObject({ executed: before, pending: [], upToDate: true });
  });

  it('speaks sentences on a terminal', async () => {
    const run = await runCommand(['db', 'status'], { env, tty: true });
    expect(run.out).toMatch(/^sqlite:.*\(sqlite\): \d+ applied, 0 pending\.\n {2}applied {2}0001-organizations/);
    expect((await runCommand(['db', 'migrate'], { env, tty: true })).out).toMatch(/the schema is up to date; nothing to apply/);
  });

  it('a bad DATABASE_URL is bad usage (exit 2) naming the variable', async () => {
    const run = await runCommand(['db', 'status'], { env: { DATABASE_URL: 'mysql://nope' } });
    expect(run.exitCode).toBe(2);
    expect(run.err).toContain('DATABASE_URL');
  });
});
