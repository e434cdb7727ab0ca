import type { Clock } from '@aquastream/application';
import type { Instant } from '@aquastream/domain';

/**
 * The seed's clock: the real time shifted by an offset the seed moves. Past events and expired bookings are made
 * the only honest way — through the use cases, at a time when they were still in the future — and the clock then
 * travels back to the present. Time keeps running between steps, so timestamps stay distinct and ordered.
 */
export class TravelClock implements Clock {
  private offset = 0;

  constructor(private readonly real: () => Instant = Date.now) {}

  now(): Instant {
    return this.real() + this.offset;
  }

  /** From now on, `now()` reads `instant` (and runs on from there). */
  travelTo(instant: Instant): void {
    this.offset = instant - this.real();
  }

  /** Back to the real time. */
  present(): void {
    this.offset = 0;
  }
}
