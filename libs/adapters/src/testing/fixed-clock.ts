import type { Clock } from '@aquastream/application';
import type { Instant } from '@aquastream/domain';

/** A clock tests move by hand. */
export class FixedClock implements Clock {
  constructor(private current: Instant) {}
  now(): Instant {
    return this.current;
  }
  set(t: Instant): void {
    this.current = t;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}
