// The newcomer's command: `npm start` from the repository root builds what it needs and serves the health probes.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

let child: ReturnType<typeof spawn> | undefined;
afterAll(() => {
  // npm start leads its own process group (detached), so the whole group is stopped at once.
  if (child?.pid) process.kill(-child.pid, 'SIGTERM');
});

describe('npm start', () => {
  it('answers /health/live and /health/ready', async () => {
    const port = await freePort();
    let log = '';
    const dataDir = mkdtempSync(join(tmpdir(), 'aquastream-start-'));
    const env = { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', DATABASE_URL: `sqlite:${join(dataDir, 'db', 'aquastream.sqlite')}` };
    child = spawn('npm', ['start'], { cwd: root, env, detached: true });
    child.stdout?.on('data', (b: Buffer) => (log += b.toString()));
    child.stderr?.on('data', (b: Buffer) => (log += b.toString()));
    const deadline = Date.now() + 90_000;
    let live: Response | undefined;
    while (Date.now() < deadline && !live) {
      live = await fetch(`http://127.0.0.1:${port}/health/live`).catch(() => undefined);
      if (!live) await new Promise((r) => setTimeout(r, 250));
    }
    expect(live?.status, `npm start did not answer within 90 s; its output:\n${log}`).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
    expect(ready.status).toBe(200);
    // The embedded default: an SQLite file created (with its folder) and migrated at start.
    expect(await ready.json()).toMatchObject({ status: 'UP', checks: { database: { status: 'UP' } } });
    expect(existsSync(join(dataDir, 'db', 'aquastream.sqlite'))).toBe(true);
  }, 120_000);
});
