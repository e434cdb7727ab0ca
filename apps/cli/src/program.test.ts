import { describe, expect, it } from 'vitest';
import { buildProgram, CLI_VERSION } from './program.js';

function run(args: string[]): { out: string; err: string; exitCode: number } {
  let out = '';
  let err = '';
  const program = buildProgram()
    .exitOverride()
    .configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
  try {
    program.parse(args, { from: 'user' });
    return { out, err, exitCode: 0 };
  } catch (e: unknown) {
    return { out, err, exitCode: (e as { exitCode: number }).exitCode };
  }
}

describe('aquastream-admin', () => {
  it('prints its version', () => {
    expect(run(['--version'])).toMatchObject({ out: `${CLI_VERSION}\n`, exitCode: 0 });
  });
  it('shows help with an example', () => {
    const r = run(['--help']);
    expect(r.out).toContain('Usage: aquastream-admin');
    expect(r.out).toContain('Example:');
  });
  it('rejects an unknown command with a non-zero exit', () => {
    const r = run(['frobnicate']);
    expect(r.exitCode).not.toBe(0);
    expect(r.err).toMatch(/unknown command|too many arguments/);
  });
});
