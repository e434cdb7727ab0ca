/** The streams a command writes to and reads from; tests hand in their own. */
export type CliIo = {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
};

export type Column<R> = {
  readonly header: string;
  readonly value: (row: R) => string | number | null;
  /** Numbers read better right-aligned. */
  readonly align?: 'left' | 'right';
};

/**
 * How a command answers. Human output (tables, sentences, ink views) only when stdout is a terminal and `--json` was
 * not given; otherwise JSON on stdout, so that `aquastream-admin … | jq` works. Notes (progress words, warnings,
 * errors) always go to stderr, so that stdout stays parseable.
 */
export class Output {
  constructor(
    private readonly io: CliIo,
    private readonly jsonRequested: () => boolean,
  ) {}

  /** JSON on stdout: `--json` or stdout is not a terminal. */
  get json(): boolean {
    return this.jsonRequested() || this.io.stdout.isTTY !== true;
  }

  /** Both ends are a terminal and JSON was not asked for: questions may be asked, ink may take the keyboard. */
  get interactive(): boolean {
    return !this.json && this.io.stdin.isTTY === true && this.io.stdout.isTTY === true;
  }

  get stdout(): NodeJS.WriteStream {
    return this.io.stdout;
  }
  get stderr(): NodeJS.WriteStream {
    return this.io.stderr;
  }
  get stdin(): NodeJS.ReadStream {
    return this.io.stdin;
  }

  /** A line of human text on stdout (ignored in JSON mode: use `result` for what a script needs). */
  line(text = ''): void {
    if (!this.json) this.io.stdout.write(`${text}\n`);
  }

  /** A note on stderr, in every mode. */
  note(text: string): void {
    this.io.stderr.write(`${text}\n`);
  }

  /** One JSON value on one line of stdout: a bulk command's item, or a whole answer. */
  jsonLine(value: unknown): void {
    this.io.stdout.write(`${JSON.stringify(value)}\n`);
  }

  /** A command's answer: `value` as one JSON line in JSON mode, `human()`'s text otherwise. */
  result(value: unknown, human: () => string): void {
    if (this.json) this.jsonLine(value);
    else this.io.stdout.write(`${human()}\n`);
  }

  /** Rows as a table on a terminal, as one JSON array (the rows as given) otherwise. */
  table<R>(rows: readonly R[], columns: readonly Column<R>[]): void {
    if (this.json) this.jsonLine(rows);
    else this.io.stdout.write(`${formatTable(rows, columns)}\n`);
  }
}

/** A plain-text table: a header, a rule, one line per row; columns as wide as their widest cell. */
export function formatTable<R>(rows: readonly R[], columns: readonly Column<R>[]): string {
  const cells = rows.map((row) => columns.map((c) => cellText(c.value(row))));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]?.length ?? 0)));
  const pad = (text: string, i: number): string => {
    const width = widths[i] ?? 0;
    return columns[i]?.align === 'right' ? text.padStart(width) : text.padEnd(width);
  };
  const line = (texts: readonly string[]): string => texts.map(pad).join('  ').trimEnd();
  const header = line(columns.map((c) => c.header));
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [header, rule, ...cells.map(line), rows.length === 0 ? '(none)' : null].filter((l) => l !== null).join('\n');
}

function cellText(value: string | number | null): string {
  if (value === null) return '';
  return typeof value === 'number' ? String(value) : value.replace(/\s+/g, ' ');
}
