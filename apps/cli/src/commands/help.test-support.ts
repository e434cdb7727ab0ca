/** The command groups of DESIGN §7 and their subcommands, as `--help` must list them. */
export const SUBCOMMANDS: Readonly<Record<string, readonly string[]>> = {
  events: ['list', 'cancel', 'reschedule'],
  bookings: ['expire-now'],
  waitlist: ['process'],
  outbox: ['status', 'retry'],
  jobs: ['list', 'run'],
  db: ['migrate', 'status'],
};
/** Commands without subcommands. */
export const TOP_LEVEL = ['reconcile', 'seed', 'token'] as const;
