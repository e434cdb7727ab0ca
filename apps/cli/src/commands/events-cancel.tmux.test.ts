// The interactive path in a real terminal: tmux runs the binary in a pseudo-terminal, the test reads the screen with
// `capture-pane` and answers with `send-keys`, as an admin would. Without tmux the suite says it skipped and why
// (`.ci/run` installs Debian's tmux).
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sqlTestTargets, type OpenedTestDatabase } from '@aquastream/adapters/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_MAIN, exactState, seedStormDay, seedUseCases, snapshot } from '../testing/cli-world.test-support.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const socket = `aq-cli-test-${randomBytes(4).toString('hex')}`;
const tmux = (...args: string[]): string => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const screen = (session: string): string => tmux('capture-pane', '-p', '-J', '-t', session);

/** Waits until the screen shows `pattern` (the program is in another process: polling is the only way to see it). */
async function waitFor(session: string, pattern: RegExp, limitMs = 30_000): Promise<string> {
  let text = '';
  for (let waited = 0; waited < limitMs; waited += 25) {
    text = screen(session);
    if (pattern.test(text)) return text;
    await sleep(25);
  }
  throw new Error(`the terminal never showed ${pattern}; it shows:\n${text}`);
}

function start(session: string, command: string): void {
  // `exec`-free: after the CLI ends, the shell prints its exit code and keeps the pane open to be read.
  tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '50', `${command}; echo "EXIT=$?"; sleep 600`);
}

const suite = hasTmux ? describe : describe.skip;
const name = hasTmux ? 'events cancel in a real terminal (tmux)' : 'events cancel in a real terminal (skipped: tmux is not installed; .ci/run installs it)';

suite(name, { timeout: 120_000 }, () => {
  const opened: OpenedTestDatabase[] = [];
  afterAll(async () => {
    if (hasTmux) spawnSync('tmux', ['-L', socket, 'kill-server']);
    for (const o of opened) await o.close();
  });

  async function world(count: number) {
    const target = sqlTestTargets()[0];
    if (target === undefined) throw new Error('no SQLite target');
    const db = await target.open();
    opened.push(db);
    const day = await seedStormDay(seedUseCases(db.db), count);
    const cmd = (delayMs: number) =>
      `AQUASTREAM_CLI_ITEM_DELAY_MS=${delayMs} ${process.execPath} ${CLI_MAIN} --database-url 'sqlite:${db.url.slice('sqlite:'.length)}' events cancel ${day.eventIds.join(' ')} --reason 'Storm warning'`;
    return { ...db, ...day, cmd };
  }

  it('shows the plan, asks, and on "y" shows the progress bar and the summary', async () => {
    const w = await world(5);
    const session = 'confirm-yes';
    start(session, w.cmd(400));

    const prompt = await waitFor(session, /Cancel 5 events\? \[y\/N\]/);
    expect(prompt).toContain('Plan (cancel):');
    expect(prompt).toMatch(/will cancel\s+\S+\s+Storm day trip 01 \[PUBLISHED\]/);
    expect(prompt).toContain('2 bookings canceled · refund 1 500.00 RUB · 1 waitlist entry canceled · crew released');
    expect(prompt).toContain('5 events: 5 to cancel; 10 bookings, refund 7 500.00 RUB, 5 waitlist entries, 5 crews released');
    expect((await snapshot(w.db)).events).toEqual({ PUBLISHED: 5 });

    tmux('send-keys', '-t', session, 'y');
    const progress = await waitFor(session, /\[#+-+\] [1-4]\/5 [1-4] canceled/);
    expect(progress).toContain('Cancel 5 events? [y/N] yes');

    const end = await waitFor(session, /EXIT=\d+/);
    expect(end).toMatch(/\[#{30}\] 5\/5 5 canceled · 0 skipped · 0 failed/);
    expect(end).toContain('5 canceled, 0 skipped (already done), 0 failed — of 5.');
    expect(end).toContain('EXIT=0');
    expect((await snapshot(w.db)).events).toEqual({ CANCELED: 5 });
  });

  it('on "n" changes nothing and exits 1', async () => {
    const w = await world(2);
    const before = await exactState(w.db);
    const session = 'confirm-no';
    start(session, w.cmd(0));
    await waitFor(session, /Cancel 2 events\? \[y\/N\]/);
    tmux('send-keys', '-t', session, 'n');
    const end = await waitFor(session, /EXIT=\d+/);
    expect(end).toContain('Nothing changed.');
    expect(end).toContain('EXIT=1');
    expect(await exactState(w.db)).toBe(before);
  });

  it('Ctrl-C during the run stops after the event in hand, says what is left, and exits 130', async () => {
    const w = await world(6);
    const session = 'ctrl-c';
    start(session, w.cmd(500));
    await waitFor(session, /Cancel 6 events\? \[y\/N\]/);
    tmux('send-keys', '-t', session, 'y');
    await waitFor(session, /\] [1-4]\/6 /);
    tmux('send-keys', '-t', session, 'C-c');
    const end = await waitFor(session, /EXIT=\d+/);
    expect(end).toMatch(/Interrupted\. \d canceled, 0 skipped \(already done\), 0 failed, \d not reached — of 6\./);
    expect(end).toContain('Run the same command again: what is done is skipped, the rest is tried again.');
    expect(end).toContain('EXIT=130');
    const canceled = (await snapshot(w.db)).events['CANCELED'] ?? 0;
    expect(canceled).toBeGreaterThan(0);
    expect(canceled).toBeLessThan(6);
  });

  it('--dry-run on a terminal prints the plan as text and asks nothing', async () => {
    const w = await world(2);
    const session = 'dry-run';
    start(session, `${w.cmd(0)} --dry-run`);
    const end = await waitFor(session, /EXIT=\d+/);
    expect(end).toContain('Dry run — nothing will be changed.');
    expect(end).toContain('2 events: 2 to cancel; 4 bookings, refund 3 000.00 RUB, 2 waitlist entries, 2 crews released');
    expect(end).not.toContain('[y/N]');
    expect(end).toContain('EXIT=0');
  });
});
