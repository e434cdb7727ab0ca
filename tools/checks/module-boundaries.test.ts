// Shows that the layer rules of eslint.config.mjs really fail a build: each probe below breaks one rule, is linted
// with the project's own ESLint configuration, and must be reported by the rule named beside it.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

type Probe = { file: string; code: string; rule: string; why: string };
const probes: Probe[] = [
  { file: 'libs/domain/src/__probe-npm.ts', code: "import 'hono';\n", rule: '@nx/enforce-module-boundaries', why: 'domain imports an npm package' },
  { file: 'libs/domain/src/__probe-sequelize.ts', code: "import 'sequelize';\n", rule: '@nx/enforce-module-boundaries', why: 'domain imports sequelize' },
  { file: 'libs/domain/src/__probe-node.ts', code: "import { randomUUID } from 'node:crypto';\nexport const id = randomUUID();\n", rule: 'no-restricted-imports', why: 'domain imports a Node built-in' },
  { file: 'libs/domain/src/__probe-app.ts', code: "import '@aquastream/application';\n", rule: '@nx/enforce-module-boundaries', why: 'domain imports the application layer' },
  { file: 'libs/domain/src/__probe-clock.ts', code: 'export const now = (): number => Date.now();\n', rule: 'no-restricted-syntax', why: 'domain reads the clock' },
  { file: 'libs/application/src/__probe-adapters.ts', code: "import '@aquastream/adapters';\n", rule: '@nx/enforce-module-boundaries', why: 'application imports adapters' },
  { file: 'libs/application/src/__probe-hono.ts', code: "import 'hono';\n", rule: '@nx/enforce-module-boundaries', why: 'application imports hono' },
  { file: 'libs/adapters/src/__probe-app.ts', code: "import '@aquastream/http';\n", rule: '@nx/enforce-module-boundaries', why: 'an adapter imports an app' },
];
const allowed: Probe[] = [
  { file: 'libs/application/src/__probe-ok.ts', code: "import type { Money } from '@aquastream/domain';\nexport type M = Money;\n", rule: '', why: 'application may import the domain' },
  { file: 'libs/adapters/src/__probe-ok.ts', code: "import 'hono';\nimport '@aquastream/application';\n", rule: '', why: 'adapters may import npm packages and the application' },
];

let results: ESLint.LintResult[] = [];

beforeAll(async () => {
  // The Nx rule reads the cached project graph; make sure one exists, as `npm run lint` does.
  execFileSync('npx', ['nx', 'show', 'projects'], { cwd: root, stdio: 'ignore' });
  for (const p of [...probes, ...allowed]) writeFileSync(join(root, p.file), p.code);
  try {
    results = await new ESLint({ cwd: root }).lintFiles([...probes, ...allowed].map((p) => join(root, p.file)));
  } finally {
    for (const p of [...probes, ...allowed]) rmSync(join(root, p.file), { force: true });
  }
}, 120_000);

afterAll(() => {
  for (const p of [...probes, ...allowed]) rmSync(join(root, p.file), { force: true });
});

const resultFor = (file: string) => results.find((r) => r.filePath === join(root, file));

describe('module boundaries are enforced by lint', () => {
  it.each(probes)('$why → $rule', ({ file, rule }) => {
    const result = resultFor(file);
    expect(result, `no lint result for ${file}`).toBeDefined();
    expect(result?.messages.filter((m) => m.severity === 2).map((m) => m.ruleId)).toContain(rule);
  });

  it.each(allowed)('$why', ({ file }) => {
    const errors = resultFor(file)?.messages.filter((m) => m.severity === 2 && m.ruleId === '@nx/enforce-module-boundaries');
    expect(errors).toEqual([]);
  });
});
