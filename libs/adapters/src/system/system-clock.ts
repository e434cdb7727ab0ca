import type { Clock } from '@aquastream/application';
import type { Instant } from '@aquastream/domain';

export class SystemClock implements Clock {
  now(): Instant {
    return Date.now();
  }
}
