import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CliContext } from './context.js';
import { buildProgram, CLI_VERSION } from './program.js';

function run(args: string[]): { out: string; err: string; exitCode: number } {
  let out = '';
  let err = '';
  const io = { stdin: new PassThrough() as unknown as NodeJS.ReadStream, stdout: process.stdout, stderr: process.stderr };
  const ctx = new CliContext({ io, env: {}, username: 'tester' });
  const program = buildProgram(ctx).configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
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
  it('shows help with the global options and an example', () => {
    const r = run(['--help']);
    expect(r.out).toContain('Usage: aquastream-admin');
    expect(r.out).toMatch(/--database-url <url>[\s\S]*--json[\s\S]*--yes/);
    expect(r.out).toContain('Example:');
  });
  it('rejects an unknown command with a non-zero exit', () => {
    const r = run(['frobnicate']);
    expect(r.exitCode).not.toBe(0);
    expect(r.err).toMatch(/unknown command|too many arguments/);
  });
  it('acts as the system actor cli:<os user>', () => {
    const ctx = new CliContext({ io: process, env: {}, username: 'alice' });
    expect(ctx.ucx.actor).toEqual({ kind: 'system', id: 'cli:alice' });
    expect(ctx.ucx.correlationId).toMatch(/^cli-[0-9a-f-]{36}$/);
  });
});
