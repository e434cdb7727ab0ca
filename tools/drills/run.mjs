#!/usr/bin/env node
// `npm run drills`: every fault drill of issue 7 against the local PostgreSQL and RabbitMQ, in its larger variant
// (DRILLS_LARGE=1; each drill's own DRILL_* knobs still override), then a short summary of what each one counted.
// TEST_DATABASE_URL / TEST_AMQP_URL default to the services of docs/architecture.md (postgres://postgres@127.0.0.1:5432/test,
// amqp://guest:guest@127.0.0.1:5672). The drills need the built apps: run `npm run build` first (or let `npm test` do it).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
for (const main of ['apps/http/dist/main.js', 'apps/scheduler/dist/main.js', 'apps/cli/dist/main.js']) {
  if (!existsSync(join(root, main))) {
    console.error(`drills: ${main} is missing; run \`npm run build\` first`);
    process.exit(2);
  }
}
const dir = mkdtempSync(join(tmpdir(), 'aquastream-drills-'));
const summaryFile = join(dir, 'summary.txt');
const env = {
  ...process.env,
  TEST_DATABASE_URL: process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
  TEST_AMQP_URL: process.env.TEST_AMQP_URL || 'amqp://guest:guest@127.0.0.1:5672',
  DRILLS_LARGE: process.env.DRILLS_LARGE ?? '1',
  DRILLS_SUMMARY_FILE: summaryFile,
};
const started = Date.now();
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const run = spawnSync(process.execPath, [vitest, 'run', '--config', join(import.meta.dirname, 'vitest.config.ts'), ...process.argv.slice(2)], {
  cwd: join(root, 'tools'),
  env,
  stdio: 'inherit',
});
const seconds = ((Date.now() - started) / 1000).toFixed(0);
const lines = existsSync(summaryFile) ? readFileSync(summaryFile, 'utf8').trim().split('\n').filter(Boolean) : [];
rmSync(dir, { recursive: true, force: true });
console.log(`\n== fault drills (${env.DRILLS_LARGE === '1' ? 'large' : 'small'} variant, ${seconds} s, exit ${run.status}) ==`);
for (const line of lines) console.log(`- ${line.replace(/^\[drill\] /, '')}`);
if (lines.length === 0) console.log('- no drill reported (see the output above)');
process.exit(run.status ?? 1);
