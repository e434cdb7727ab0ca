/**
 * An open transaction, opaque to the application: repositories receive it and the adapter behind them knows
 * what it holds (a Sequelize transaction, an in-memory working copy). Reads may pass `null` to run outside one.
 */
export interface TxContext {
  readonly __tx: unique symbol;
}

/** Runs `work` in one transaction: everything it writes commits together, or nothing does (it throws). */
export interface UnitOfWork {
  run<T>(work: (tx: TxContext) => Promise<T>): Promise<T>;
}
