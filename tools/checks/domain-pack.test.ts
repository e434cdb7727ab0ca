// Runs the publish check of the domain package (tools/scripts/domain-pack-check.mjs) as part of `npm test`.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const script = join(import.meta.dirname, '..', 'scripts', 'domain-pack-check.mjs');

describe('@aquastream/domain as a published package', () => {
  it('packs, installs into a fresh project, and its README examples compile and run there', () => {
    const out = execFileSync('node', [script], { encoding: 'utf8' });
    expect(out).toMatch(/installs and works as a consumer expects/);
  }, 180_000);
});
