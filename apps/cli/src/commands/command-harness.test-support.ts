// The commands run in process, as main.ts runs them — the real program, context and SQL storage, with stdout and
// stderr captured — so that a test reads exactly what a user or a script would, and the exit code main would set.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { CommanderError } from 'commander';
import { CommandFailedError, UsageError } from '../cli-errors.js';
import { CliContext } from '../context.js';
import { buildProgram } from '../program.js';

export type CommandRun = { readonly out: string; readonly err: string; readonly exitCode: number };

function capture(tty: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  Object.assign(stream, { isTTY: tty, columns: 200 });
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
}

/**
 * `aquastream-admin <args>` in process. `tty: true` makes stdout a terminal (tables and sentences), otherwise output
 * is JSON as in a pipe. The exit code is main's: commander's usage errors and UsageError 2, failures 1.
 */
export async function runCommand(args: readonly string[], options: { readonly env?: NodeJS.ProcessEnv; readonly tty?: boolean } = {}): Promise<CommandRun> {
  const stdout = capture(options.tty === true);
  const stderr = capture(false);
  const stdin = new PassThrough() as unknown as NodeJS.ReadStream;
  const ctx = new CliContext({ io: { stdin, stdout: stdout.stream, stderr: stderr.stream }, env: options.env ?? {}, username: 'tester' });
  let exitCode: number;
  try {
    await buildProgram(ctx).parseAsync([...args], { from: 'user' });
    exitCode = ctx.exitCode;
  } catch (error: unknown) {
    if (error instanceof CommanderError) exitCode = error.exitCode === 0 ? 0 : 2;
    else if (error instanceof UsageError) {
      ctx.output.note(`error: ${error.message}`);
      exitCode = 2;
    } else if (error instanceof CommandFailedError) {
      ctx.output.note(`error: ${error.message}`);
      exitCode = 1;
    } else throw error;
  } finally {
    await ctx.close();
  }
  // Let the PassThrough streams deliver what was written before reading them.
  await new Promise((resolve) => setImmediate(resolve));
  return { out: stdout.text(), err: stderr.text(), exitCode };
}

/** The JSON value a command printed on its one line of stdout. */
export function json<T = Record<string, unknown>>(run: CommandRun): T {
  const line = run.out.trim();
  if (line === '') throw new Error(`no JSON on stdout; stderr: ${run.err}`);
  return JSON.parse(line) as T;
}

/** A path for a fresh SQLite database (nothing created yet), and its removal. */
export function tempSqlite(): { readonly url: string; readonly remove: () => void } {
  const file = join(tmpdir(), `aquastream-cli-${process.pid}-${randomBytes(6).toString('hex')}.sqlite`);
  return {
    url: `sqlite:${file}`,
    remove: () => {
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
    },
  };
}
