import { describe, expect, it } from 'vitest';
import { runCommand } from './command-harness.test-support.js';
import { SUBCOMMANDS, TOP_LEVEL } from './help.test-support.js';

const every = [...Object.entries(SUBCOMMANDS).flatMap(([group, names]) => names.map((name) => [group, name])), ...TOP_LEVEL.map((c) => [c])].map(
  (args) => ({ command: args.join(' '), args }),
);

describe('every command explains itself', () => {
  it.each(every)('$command --help has a usage line and an example', async ({ command, args }) => {
    const run = await runCommand([...args, '--help']);
    expect(run.exitCode).toBe(0);
    expect(run.out).toMatch(new RegExp(`^Usage: aquastream-admin ${command} `));
    expect(run.out).toMatch(/Examples?:\n {2}\$ /);
  });
});
