import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import {
  ConfigError,
  createCrewClient,
  createPaymentGateway,
  createSqlStorage,
  createUseCases,
  databaseOptionsFrom,
  useCaseSettingsFrom,
  loadConfig,
  migrationStatus,
  openDatabase,
  prepareConnection,
  RandomTicketCodeGenerator,
  SystemClock,
  UuidV7IdGenerator,
  type AppConfig,
  type Database,
  type Storage,
  type UseCases,
} from '@aquastream/adapters';
import type { UseCaseContext } from '@aquastream/application';
import { systemActor, type Actor } from '@aquastream/domain';
import { CommandFailedError, EXIT, UsageError, type ExitCode } from './cli-errors.js';
import { Output, type CliIo } from './output.js';

/** The root program's options, available to every command (`ctx.globals`). */
export type GlobalOptions = {
  /** `--database-url`; else DATABASE_URL; else the API's default (loadConfig). */
  readonly databaseUrl?: string;
  readonly json: boolean;
  readonly yes: boolean;
};

export type CliContextInput = {
  readonly io: CliIo;
  readonly env: NodeJS.ProcessEnv;
  /** The OS user at the keyboard; `os.userInfo().username` when left out. */
  readonly username?: string;
};

/**
 * What every command gets, one per invocation: the parsed global options, the output, the actor `cli:<os user>`
 * (a system actor: admin rights, its id on every audit row and message) with one correlation id, and the database,
 * the storage and the use cases, opened lazily on first use (so `--help` and `token` need no database) and closed by
 * main at the end.
 *
 * The schema is migrated only by `db migrate`: every other command refuses a database with pending migrations
 * rather than change a production schema as a side effect of, say, `events list`.
 */
export class CliContext {
  readonly env: NodeJS.ProcessEnv;
  readonly output: Output;
  readonly actor: Actor;
  readonly correlationId = `cli-${randomUUID()}`;
  /** Aborted on the first Ctrl-C (SIGINT) or SIGTERM once a command called `takeInterrupts()`. */
  readonly interrupt = new AbortController();
  private takesInterrupts = false;
  private globalsOf: () => GlobalOptions = () => ({ json: false, yes: false });
  private worstExit: ExitCode = EXIT.OK;
  private configValue: AppConfig | null = null;
  private databaseValue: Promise<Database> | null = null;
  private storageValue: Promise<Storage> | null = null;
  private useCasesValue: Promise<UseCases> | null = null;

  constructor(input: CliContextInput) {
    this.env = input.env;
    this.actor = systemActor(`cli:${input.username ?? osUser()}`);
    this.output = new Output(input.io, () => this.globals.json);
  }

  /** Called once by buildProgram: the root command's parsed options. */
  bindGlobals(read: () => GlobalOptions): void {
    this.globalsOf = read;
  }

  get globals(): GlobalOptions {
    return this.globalsOf();
  }

  /**
   * A command that can stop cleanly between items (bulk commands) calls this: the first Ctrl-C then aborts the signal
   * instead of ending the process, and the command stops after the item in hand. Without it Ctrl-C quits at once.
   */
  takeInterrupts(): AbortSignal {
    this.takesInterrupts = true;
    return this.interrupt.signal;
  }
  get interruptible(): boolean {
    return this.takesInterrupts;
  }

  /** For every use case call: the CLI's actor and this invocation's correlation id. */
  get ucx(): UseCaseContext {
    return { actor: this.actor, correlationId: this.correlationId };
  }

  /** The exit code main ends with: the worst any command reported (2 > 1 > 0; 130 wins over all). */
  get exitCode(): ExitCode {
    return this.worstExit;
  }
  reportExit(code: ExitCode): void {
    const rank = (c: ExitCode): number => (c === EXIT.INTERRUPTED ? 3 : c);
    if (rank(code) > rank(this.worstExit)) this.worstExit = code;
  }

  /** The same configuration as the API (DESIGN §8), with `--database-url` over DATABASE_URL. A bad value is bad usage. */
  config(): AppConfig {
    if (this.configValue === null) {
      const url = this.globals.databaseUrl;
      try {
        this.configValue = loadConfig(url === undefined ? this.env : { ...this.env, DATABASE_URL: url });
      } catch (error: unknown) {
        if (error instanceof ConfigError) throw new UsageError(error.message);
        throw error;
      }
    }
    return this.configValue;
  }

  /** The open database, migrated or not (`db migrate` and `db status` use this; everything else uses `storage()`). */
  database(): Promise<Database> {
    this.databaseValue ??= this.openDatabase();
    return this.databaseValue;
  }

  /** The SQL storage, once the schema is known to be up to date. */
  storage(): Promise<Storage> {
    this.storageValue ??= this.openStorage();
    return this.storageValue;
  }

  /** Every use case of the application over the SQL storage, wired as the API wires them. */
  useCases(): Promise<UseCases> {
    this.useCasesValue ??= this.buildUseCases();
    return this.useCasesValue;
  }

  /** Closes the database if it was opened; main calls it once, whatever happened. */
  async close(): Promise<void> {
    const opened = this.databaseValue;
    this.databaseValue = null;
    if (opened === null) return;
    const db = await opened.catch(() => null); // opening failed: that error was already reported, nothing to close
    if (db !== null) await db.sequelize.close();
  }

  private async openDatabase(): Promise<Database> {
    const config = this.config();
    const db = openDatabase(config.databaseUrl, { ...databaseOptionsFrom(config), poolMax: 2 });
    try {
      await prepareConnection(db);
      await db.sequelize.authenticate();
    } catch (error: unknown) {
      await db.sequelize.close();
      const why = error instanceof Error ? error.message : String(error);
      throw new CommandFailedError(`cannot open the database (${redact(config.databaseUrl)}): ${why}`, 'DATABASE_UNAVAILABLE');
    }
    return db;
  }

  private async openStorage(): Promise<Storage> {
    const db = await this.database();
    const { pending } = await migrationStatus(db.sequelize);
    if (pending.length > 0) {
      throw new CommandFailedError(
        `the database (${redact(this.config().databaseUrl)}) has ${pending.length} pending migration(s) (${pending.join(', ')}); ` +
          'run `aquastream-admin db migrate` first',
        'MIGRATIONS_PENDING',
      );
    }
    return createSqlStorage(db);
  }

  private async buildUseCases(): Promise<UseCases> {
    const config = this.config();
    const storage = await this.storage();
    // The same payment provider and crew service as the API, from the same variables: a cancel's refunds and a
    // reschedule's crew requests go where the API's would.
    return createUseCases(storage, {
      clock: new SystemClock(),
      ids: new UuidV7IdGenerator(),
      ticketCodes: new RandomTicketCodeGenerator(),
      gateway: createPaymentGateway(config).gateway,
      crew: createCrewClient(config, {
        onCircuitChange: (state) => this.output.note(`crew service circuit ${state}`),
      }),
      settings: useCaseSettingsFrom(config),
    });
  }
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch (error: unknown) {
    // A uid without a passwd entry (some containers): fall back to the environment, then to the uid.
    if (!(error instanceof Error)) throw error;
    return process.env['USER'] ?? process.env['LOGNAME'] ?? `uid-${process.getuid?.() ?? 'unknown'}`;
  }
}

/** A database URL without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+):[^@]*@/, '$1:***@');
}
