import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formatTable, Output } from './output.js';

function streams(tty: { stdin: boolean; stdout: boolean }) {
  const make = (isTTY: boolean) => Object.assign(new PassThrough(), { isTTY, columns: 80 }) as unknown as NodeJS.WriteStream & NodeJS.ReadStream;
  const stdout = make(tty.stdout);
  const stderr = make(false);
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  return { io: { stdin: make(tty.stdin), stdout, stderr }, out: () => out, err: () => err };
}

describe('Output', () => {
  it('is human and interactive on a terminal, JSON when asked or when stdout is not a terminal', () => {
    const tty = streams({ stdin: true, stdout: true });
    expect(new Output(tty.io, () => false)).toMatchObject({ json: false, interactive: true });
    expect(new Output(tty.io, () => true)).toMatchObject({ json: true, interactive: false });
    expect(new Output(streams({ stdin: true, stdout: false }).io, () => false)).toMatchObject({ json: true, interactive: false });
    expect(new Output(streams({ stdin: false, stdout: true }).io, () => false)).toMatchObject({ json: false, interactive: false });
  });

  it('prints a table on a terminal and the rows as JSON otherwise; notes go to stderr', () => {
    const rows = [{ id: 'a', n: 5 }, { id: 'bb', n: 10 }];
    const columns = [{ header: 'ID', value: (r: (typeof rows)[number]) => r.id }, { header: 'N', value: (r: (typeof rows)[number]) => r.n, align: 'right' as const }];
    const tty = streams({ stdin: true, stdout: true });
    const human = new Output(tty.io, () => false);
    human.table(rows, columns);
    human.note('careful');
    expect(tty.out()).toBe('ID   N\n--  --\na    5\nbb  10\n');
    expect(tty.err()).toBe('careful\n');
    const pipe = streams({ stdin: false, stdout: false });
    const json = new Output(pipe.io, () => false);
    json.table(rows, columns);
    json.line('ignored in JSON mode');
    expect(pipe.out()).toBe(`${JSON.stringify(rows)}\n`);
  });

  it('formats an empty table with a marker', () => {
    expect(formatTable([], [{ header: 'ID', value: () => '' }])).toBe('ID\n--\n(none)');
  });
});
