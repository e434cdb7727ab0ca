import type { HealthCheck, MessagePublisher } from '@aquastream/application';

/**
 * `/health/ready`'s broker probe. Not required by default: the outbox exists so that a broker outage costs nothing
 * but delay — state changes still commit and the relay catches up after the reconnect — so taking API replicas out of
 * the load balancer (or restarting the scheduler) for it would turn a broker hiccup into an outage. It still shows as
 * `down` in the checks, and `aquastream_outbox_pending` shows the backlog.
 */
export class BrokerHealthCheck implements HealthCheck {
  readonly name = 'broker';
  constructor(
    private readonly publisher: Pick<MessagePublisher, 'isConnected'>,
    readonly required = false,
  ) {}

  probe(): Promise<void> {
    return this.publisher.isConnected() ? Promise.resolve() : Promise.reject(new Error('not connected to the broker (reconnecting)'));
  }
}
