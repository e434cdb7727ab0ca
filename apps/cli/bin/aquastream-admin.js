#!/usr/bin/env node
// The `aquastream-admin` bin. It is a committed file, not dist/main.js itself, so that `npm ci` links it (and marks it
// executable) on a clean clone before anything is built; on first use it builds the CLI if `npm run build` has not
// run yet, then hands over to dist/main.js.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/main.js', import.meta.url);

if (!existsSync(fileURLToPath(main))) {
  const project = fileURLToPath(new URL('../tsconfig.lib.json', import.meta.url));
  let tsc = null;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch (error) {
    process.stderr.write(`aquastream-admin: not built, and TypeScript is not installed to build it (${error.message}); run \`npm ci && npm run build\`\n`);
    process.exit(1);
  }
  process.stderr.write('aquastream-admin: first use, building it once (`npm run build` builds everything)…\n');
  // The compiler's output goes to stderr: stdout belongs to the command (JSON for scripts).
  const built = spawnSync(process.execPath, [tsc, '-b', project], { stdio: ['ignore', process.stderr, process.stderr] });
  if (built.status !== 0) {
    process.stderr.write('aquastream-admin: the build failed; run `npm run build` to see why\n');
    process.exit(1);
  }
}

await import(main.href);
