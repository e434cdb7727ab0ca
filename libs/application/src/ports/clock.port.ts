import type { Instant } from '@aquastream/domain';

/** The only way the application learns the time; the domain gets it as an argument. */
export interface Clock {
  now(): Instant;
}
