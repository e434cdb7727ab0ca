#!/usr/bin/env node
// Packs libs/domain as `npm pack` would publish it, installs the tarball into a fresh temporary project, and checks
// that a consumer can use it: the package has no runtime dependency and ships no tests; a plain Node ESM import works;
// and every ```ts example of libs/domain/README.md type-checks as a TypeScript consumer (strict, NodeNext) and runs.
// Usage: node tools/scripts/domain-pack-check.mjs   (needs `npm run build` of the domain first)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const domainDir = join(root, 'libs', 'domain');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
// Outputs are compared as text: no colours, whatever the caller's terminal (vitest sets FORCE_COLOR).
const env = { ...process.env, NO_COLOR: '1' };
delete env.FORCE_COLOR;
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function fail(message) {
  console.error(`domain-pack-check: ${message}`);
  process.exit(1);
}

/** The outputs an example documents in comments after its `console.log` calls. */
function expectedOutputs(code) {
  const lines = code.split('\n');
  const shown = [];
  for (let i = 0; i < lines.length; i += 1) {
    const m = /console\.log\(.*\);\s*\/\/\s?(.*)$/.exec(lines[i]);
    if (!m) continue;
    let text = m[1];
    while (i + 1 < lines.length && /^\s*\/\/\s/.test(lines[i + 1])) text += ` ${lines[++i].replace(/^\s*\/\/\s?/, '')}`;
    shown.push(text);
  }
  return shown;
}

const work = mkdtempSync(join(tmpdir(), 'aquastream-domain-pack-'));
try {
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], domainDir))[0];
  const files = packed.files.map((f) => f.path);
  if (!files.includes('dist/index.js') || !files.includes('dist/index.d.ts')) fail(`tarball lacks the build: ${files.join(', ')}`);
  const stray = files.filter((f) => /\.test\.|test-support|\/src\//.test(f));
  if (stray.length > 0) fail(`tarball ships test or source files: ${stray.join(', ')}`);
  if (!files.includes('README.md')) fail('tarball has no README.md');

  const consumer = join(work, 'consumer');
  execFileSync('mkdir', ['-p', consumer]);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--offline', join(work, packed.filename)], consumer);
  const installed = JSON.parse(readFileSync(join(consumer, 'node_modules', '@aquastream', 'domain', 'package.json'), 'utf8'));
  if (Object.keys(installed.dependencies ?? {}).length > 0) fail(`runtime dependencies: ${JSON.stringify(installed.dependencies)}`);
  if (readdirSync(join(consumer, 'node_modules')).some((d) => d !== '@aquastream' && !d.startsWith('.'))) {
    fail(`installing the package pulled in other packages: ${readdirSync(join(consumer, 'node_modules')).join(', ')}`);
  }

  // Plain Node ESM, no TypeScript.
  const plain = run('node', ['--input-type=module', '-e', "import * as d from '@aquastream/domain'; console.log(Object.keys(d).length);"], consumer);
  if (!(Number(plain.trim()) > 10)) fail(`plain ESM import exposed too little: ${plain}`);

  // The README's TypeScript examples, as a strict TypeScript consumer would compile them, then run.
  const readme = readFileSync(join(domainDir, 'README.md'), 'utf8');
  const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
  if (examples.length < 4) fail(`README.md has ${examples.length} TypeScript examples, expected at least 4`);
  examples.forEach((code, i) => writeFileSync(join(consumer, `example-${i + 1}.ts`), code));
  writeFileSync(
    join(consumer, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, outDir: 'out', types: [], lib: ['ES2022', 'DOM'] },
      include: ['*.ts'],
    }),
  );
  try {
    run('node', [tsc, '-p', 'tsconfig.json'], consumer);
  } catch (error) {
    fail(`README examples do not type-check as a consumer:\n${error.stdout}${error.stderr}`);
  }
  for (let i = 1; i <= examples.length; i += 1) {
    let out;
    try {
      out = run('node', [join('out', `example-${i}.js`)], consumer);
    } catch (error) {
      fail(`README example ${i} failed:\n${error.stdout}${error.stderr}`);
    }
    if (out.trim() === '') fail(`README example ${i} printed nothing`);
    // `console.log(x); // shown output` (with `//` continuation lines) must be what the example really prints, in order.
    const squash = (text) => text.replace(/\s+/g, '');
    let rest = squash(out);
    for (const shown of expectedOutputs(examples[i - 1])) {
      const at = rest.indexOf(squash(shown));
      if (at < 0) fail(`README example ${i} claims output "${shown}" but printed:\n${out}`);
      rest = rest.slice(at + squash(shown).length);
    }
    console.log(`example ${i}: ok (${out.trim().split('\n').length} line(s) of output)`);
  }
  console.log(`domain-pack-check: ${packed.filename} (${files.length} files, ${packed.size} bytes) installs and works as a consumer expects`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
