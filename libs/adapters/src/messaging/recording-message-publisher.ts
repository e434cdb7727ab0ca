import type { MessagePublisher, OutboxMessage, PublishOutcome } from '@aquastream/application';

/**
 * A publisher for tests: confirms and records every message, unless told to refuse some (`nack`), to refuse all
 * (`failAll`), or to be disconnected.
 */
export class RecordingMessagePublisher implements MessagePublisher {
  readonly published: OutboxMessage[] = [];
  connected = true;
  private failing: string | null = null;
  private readonly refused = new Set<string>();

  /** These message ids are refused (nacked) every time, until `accept`. */
  nack(...ids: string[]): this {
    for (const id of ids) this.refused.add(id);
    return this;
  }

  accept(...ids: string[]): this {
    for (const id of ids) this.refused.delete(id);
    return this;
  }

  /** `publish` throws with this reason until `failAll(null)`. */
  failAll(reason: string | null): this {
    this.failing = reason;
    return this;
  }

  publish(messages: readonly OutboxMessage[]): Promise<readonly PublishOutcome[]> {
    if (this.failing !== null) return Promise.reject(new Error(this.failing));
    return Promise.resolve(
      messages.map((m): PublishOutcome => {
        if (this.refused.has(m.id)) return { id: m.id, confirmed: false, error: 'message nacked' };
        this.published.push(structuredClone(m));
        return { id: m.id, confirmed: true };
      }),
    );
  }

  isConnected(): boolean {
    return this.connected;
  }
}
