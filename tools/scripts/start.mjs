#!/usr/bin/env node
// `npm start` (the API) and `npm run start:scheduler` (`start.mjs scheduler`): build what the app needs (Nx, cached),
// then run it in this process. The build runs under a lock, so that several starts at once (the acceptance runner starts
// two; an API and a scheduler may start together) never catch one another's dist/ half-restored.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const root = join(import.meta.dirname, '..', '..');
const APPS = ['http', 'scheduler'];
const app = process.argv[2] ?? 'http';
if (!APPS.includes(app)) {
  console.error(`start: unknown app "${app}" (one of ${APPS.join(', ')})`);
  process.exit(2);
}
const lock = join(root, '.nx', 'npm-start.lock');
const STALE_MS = 10 * 60_000;

async function withLock(work) {
  mkdirSync(join(root, '.nx'), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock); // atomic: exactly one process creates it
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // A lock left by a build that was killed is taken over after a while.
      const age = Date.now() - statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (age > STALE_MS) rmSync(lock, { recursive: true, force: true });
      if (waited > 0 && waited % 10_000 === 0) console.error(`npm start: waiting for another build (${waited / 1000} s)`);
      await sleep(200);
    }
  }
  try {
    return work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

const build = await withLock(() =>
  spawnSync('npx', ['nx', 'run', `${app}:build`, '--output-style=static'], { cwd: root, stdio: 'inherit', env: process.env }),
);
if (build.status !== 0) {
  console.error(`npm start: the build failed (exit ${build.status ?? build.signal})`);
  process.exit(1);
}
await import(join(root, 'apps', app, 'dist', 'main.js'));
