import type { AppError } from '@aquastream/application';

/** The exit codes of every command (DESIGN §7): scripts rely on them. */
export const EXIT = {
  /** Everything succeeded, or was already done / skipped. */
  OK: 0,
  /** At least one item (or the command itself) failed. */
  FAILED: 1,
  /** Bad usage: unknown option, missing argument, bad value, or a question that cannot be asked without a TTY. */
  USAGE: 2,
  /** Stopped by Ctrl-C (128 + SIGINT, the shell convention) after finishing the item in hand. */
  INTERRUPTED: 130,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Bad usage found by a command after commander parsed it (a bad duration, a missing `--reason`): exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The command could not do its job (a use case refused, the schema is not migrated): exit 1 with this message. */
export class CommandFailedError extends Error {
  override readonly name = 'CommandFailedError';
  constructor(
    message: string,
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

/** A use case's refusal as the CLI's error: a request the use case finds invalid is bad usage (2), the rest fail (1). */
export function fromAppError(error: AppError): Error {
  const message = `${error.type}: ${error.detail}`;
  return error.type === 'INVALID_REQUEST' ? new UsageError(message) : new CommandFailedError(message, error.type);
}
