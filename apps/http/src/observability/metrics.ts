import type { Outbox } from '@aquastream/application';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics of the API process: request durations by route template (never by raw path, so ids do not
 * explode the series), business counters, and the outbox backlog read at scrape time.
 */
export class HttpMetrics {
  readonly registry = new Registry();
  readonly requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly bookingsCreated = this.counter('aquastream_bookings_created_total', 'Bookings created');
  readonly bookingsConfirmed = this.counter('aquastream_bookings_confirmed_total', 'Bookings confirmed (paid, free, or reinstated)');
  readonly bookingsExpired = this.counter('aquastream_bookings_expired_total', 'Bookings expired unpaid');
  readonly bookingsCanceled = this.counter('aquastream_bookings_canceled_total', 'Bookings canceled');
  readonly waitlistProcessed = this.counter('aquastream_waitlist_processed_total', 'Waitlist entries offered, claimed or expired');

  constructor(outbox: Outbox | null, defaults = true) {
    if (defaults) collectDefaultMetrics({ register: this.registry });
    if (outbox !== null) {
      new Gauge({
        name: 'aquastream_outbox_pending',
        help: 'Outbox messages not yet relayed to the broker',
        registers: [this.registry],
        async collect() {
          const stats = await outbox.stats();
          this.set(stats.PENDING + stats.FAILED);
        },
      });
    }
  }

  /** Counts the messages a committed change produced (the outbox is the one place every state change passes). */
  countMessages(types: readonly string[]): void {
    for (const type of types) {
      switch (type) {
        case 'booking.created':
          this.bookingsCreated.inc();
          break;
        case 'booking.confirmed':
          this.bookingsConfirmed.inc();
          break;
        case 'booking.expired':
          this.bookingsExpired.inc();
          break;
        case 'booking.canceled':
          this.bookingsCanceled.inc();
          break;
        case 'waitlist.offered':
        case 'waitlist.claimed':
        case 'waitlist.offer_expired':
          this.waitlistProcessed.inc();
          break;
        default:
          break;
      }
    }
  }

  private counter(name: string, help: string): Counter {
    return new Counter({ name, help, registers: [this.registry] });
  }
}
