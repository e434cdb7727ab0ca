import type { Result } from '@aquastream/domain';
import { expect } from 'vitest';

/** The value of a success; fails the test with the error otherwise. */
export function value<T, E>(r: Result<T, E>): T {
  if (!r.ok) expect.fail(`expected success, got ${JSON.stringify(r.error)}`);
  return r.value;
}

/** The error type of a failure; fails the test on a success. */
export function errorType<T, E extends { readonly type: string }>(r: Result<T, E>): E['type'] {
  if (r.ok) expect.fail(`expected a failure, got ${JSON.stringify(r.value)}`);
  return r.error.type;
}
