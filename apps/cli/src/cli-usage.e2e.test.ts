// Bad usage of the real binary: a clear message on stderr, exit code 2, and no database touched (the file given as
// --database-url is never created).
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runCli } from './testing/cli-world.test-support.js';

const ID = randomUUID();

describe('aquastream-admin bad usage', { timeout: 60_000 }, () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
    ['an unknown option', ['events', 'cancel', ID, '--reason', 'x', '--yes', '--force'], /unknown option '--force'/],
    ['a cancel without --reason', ['events', 'cancel', ID, '--yes'], /required option '--reason <text>' not specified/],
    ['an empty reason', ['events', 'cancel', ID, '--reason', '  ', '--yes'], /--reason must not be empty/],
    ['a cancel without ids or --filter', ['events', 'cancel', '--reason', 'Storm', '--yes'], /give one or more event ids, or --filter/],
    ['ids and --filter together', ['events', 'cancel', ID, '--filter', '--org', ID, '--reason', 'Storm', '--yes'], /event ids or --filter, not both/],
    ['--filter without a filter option', ['events', 'cancel', '--filter', '--reason', 'Storm', '--yes'], /--filter needs at least one of/],
    ['a filter option without --filter', ['events', 'cancel', ID, '--q', 'kayak', '--reason', 'Storm', '--yes'], /select events only with --filter/],
    ['something that is not an event id', ['events', 'cancel', 'trip-42', '--reason', 'Storm', '--yes'], /not an event id: trip-42/],
    ['a refund percentage above 100', ['events', 'cancel', ID, '--reason', 'Storm', '--refund-percent', '150', '--yes'], /expected a percentage from 0 to 100/],
    ['an unknown status', ['events', 'cancel', '--filter', '--status', 'OPEN', '--reason', 'Storm', '--yes'], /expected one or more of DRAFT/],
    ['a date without a zone', ['events', 'cancel', '--filter', '--from', '2030-07-01T10:00', '--reason', 'Storm', '--yes'], /add the time zone offset/],
    ['--from after --to', ['events', 'cancel', '--filter', '--from', '2030-07-02', '--to', '2030-07-01', '--reason', 'Storm', '--yes'], /--from is after --to/],
    ['--no-notify', ['events', 'cancel', ID, '--reason', 'Storm', '--no-notify', '--yes'], /--no-notify is not available yet/],
    ['a change without --yes and without a terminal', ['events', 'cancel', ID, '--reason', 'Storm'], /refusing to cancel events without confirmation \(there is no terminal to ask on\); add --yes/],
    ['a reschedule without --shift or --to', ['events', 'reschedule', ID, '--reason', 'Tide', '--yes'], /give --shift <duration> or --to <datetime>/],
    ['a reschedule with both', ['events', 'reschedule', ID, '--shift', '+2h', '--to', '2030-07-01T10:00Z', '--reason', 'Tide', '--yes'], /option '--shift <duration>' cannot be used with option '--to <datetime>'/],
    ['a shift that is not a duration', ['events', 'reschedule', ID, '--shift', 'two hours', '--reason', 'Tide', '--yes'], /--shift two hours: not a duration/],
    ['a shift in months', ['events', 'reschedule', ID, '--shift', 'P1M', '--reason', 'Tide', '--yes'], /years and months have no fixed length/],
    ['--to with several events', ['events', 'reschedule', ID, randomUUID(), '--to', '2030-07-01T10:00Z', '--reason', 'Tide', '--yes'], /--to moves a single event; 2 given/],
    ['a bad DATABASE_URL', ['events', 'cancel', ID, '--reason', 'Storm', '--yes', '--database-url', 'mysql://x'], /DATABASE_URL.*sqlite:<path> or postgres/],
  ];

  it.each(cases)('%s: exit 2 with a message', async (_name, args, message) => {
    const file = join(tmpdir(), `aquastream-cli-usage-${randomUUID()}.sqlite`);
    const hasDb = args.includes('--database-url');
    const run = await runCli(args, hasDb ? {} : { databaseUrl: `sqlite:${file}` });
    expect(run.stderr).toMatch(message);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(existsSync(file)).toBe(false);
  });

  it('--help lists the commands and shows an example; exit 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Commands:[\s\S]*events/);
    expect(run.stdout).toContain('Example:');
    for (const sub of ['cancel', 'reschedule']) {
      const help = await runCli(['events', sub, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: aquastream-admin events ${sub}`);
      expect(help.stdout).toContain('Examples:');
    }
  });

  it('refuses a database whose migrations are pending, naming the command that applies them; exit 1', async () => {
    const file = join(tmpdir(), `aquastream-cli-empty-${randomUUID()}.sqlite`);
    const run = await runCli(['events', 'cancel', ID, '--reason', 'Storm', '--yes'], { databaseUrl: `sqlite:${file}` });
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/pending migration\(s\).*run `aquastream-admin db migrate` first/);
  });
});
