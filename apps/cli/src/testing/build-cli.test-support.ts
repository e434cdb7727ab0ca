import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * The end-to-end tests run the real binary, so it must match the source being tested: `tsc -b` brings dist/ (and the
 * libraries it references) up to date, in a second or two when nothing changed.
 */
export default function setup(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const project = fileURLToPath(new URL('../../tsconfig.lib.json', import.meta.url));
  execFileSync(process.execPath, [tsc, '-b', project], { stdio: 'inherit' });
}
