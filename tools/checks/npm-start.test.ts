// The newcomer's command: `npm start` from the repository root builds what it needs and serves the health probes.
import { spawn } from 'node:child_process';
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
    child = spawn('npm', ['start'], { cwd: root, env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn' }, detached: true });
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
    expect(await ready.json()).toMatchObject({ status: 'UP' });
  }, 120_000);
});
