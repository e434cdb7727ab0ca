/** A small Result: expected business outcomes are values, not exceptions. */
export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<E> = { readonly ok: false; readonly error: E };
export type Result<T, E> = Ok<T> | Err<E>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <E>(error: E): Err<E> => ({ ok: false, error });

export const isOk = <T, E>(r: Result<T, E>): r is Ok<T> => r.ok;
export const isErr = <T, E>(r: Result<T, E>): r is Err<E> => !r.ok;

/** Applies `f` to a success value; failures pass through untouched. */
export function map<T, U, E>(r: Result<T, E>, f: (value: T) => U): Result<U, E> {
  return r.ok ? ok(f(r.value)) : r;
}

/** Chains a step that may itself fail. */
export function andThen<T, U, E, F>(r: Result<T, E>, f: (value: T) => Result<U, F>): Result<U, E | F> {
  return r.ok ? f(r.value) : r;
}

/**
 * Thrown only for programming errors that break an invariant of the domain (mixing currencies,
 * a non-integer amount). Expected outcomes never throw: they are `Result` errors.
 */
export class DomainInvariantError extends Error {
  override readonly name = 'DomainInvariantError';
  constructor(
    readonly code: 'CURRENCY_MISMATCH' | 'INVALID_AMOUNT' | 'INVALID_ARGUMENT',
    message: string,
  ) {
    super(message);
  }
}
