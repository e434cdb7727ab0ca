#!/usr/bin/env node
// `npm start` (the API) and `npm run start:scheduler` (`start.mjs scheduler`): build what the app needs (Nx, cached;
// skipped when every dist/ is newer than its sources), then run it in this process. The build runs under a lock, so that several starts at once (the acceptance runner starts
// two; an API and a scheduler may start together) never catch one another's dist/ half-restored.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
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

/** Newest modification time of a project's inputs: its src/ tree and its package and TypeScript configuration. */
function newestInput(project) {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(join(root, project, 'src'));
  for (const file of readdirSync(join(root, project))) {
    if (file === 'package.json' || /^tsconfig.*\.json$/.test(file)) newest = Math.max(newest, statSync(join(root, project, file)).mtimeMs);
  }
  return newest;
}

/**
 * Whether every dist/ the app runs from is newer than every input it was built from. Then the build is skipped: even
 * a cached Nx build restores (rewrites) the dist/ folders, which would pull files from under a process already running
 * from them (a second `npm start`, a scheduler beside the API, tests in progress).
 */
function builtAndFresh() {
  const projects = ['libs/domain', 'libs/application', 'libs/adapters', `apps/${app}`];
  const outputs = projects.map((p) => statSync(join(root, p, 'dist', p.startsWith('apps/') ? 'main.js' : 'index.js'), { throwIfNoEntry: false })?.mtimeMs);
  if (outputs.some((m) => m === undefined)) return false;
  return Math.max(...projects.map(newestInput)) < Math.min(...outputs);
}

const build = await withLock(() =>
  builtAndFresh()
    ? { status: 0 }
    : spawnSync('npx', ['nx', 'run', `${app}:build`, '--output-style=static'], { cwd: root, stdio: 'inherit', env: process.env }),
);
if (build.status !== 0) {
  console.error(`npm start: the build failed (exit ${build.status ?? build.signal})`);
  process.exit(1);
}
await import(join(root, 'apps', app, 'dist', 'main.js'));
